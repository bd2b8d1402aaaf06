using Sipar.Infrastructure.Email;
using Sipar.Infrastructure.Files;

namespace Sipar.Infrastructure;

/// <summary>Services every module may use: the file store for uploads and email through the SMTP settings.</summary>
internal static class SharedServices
{
    public static IHostApplicationBuilder AddSharedServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(builder.Configuration.GetSection("Smtp").Get<SmtpOptions>() ?? new SmtpOptions());
        builder.Services.AddSingleton<EmailSender>();
        builder.Services.AddSingleton<Sms.LoggingSmsSender>();
        builder.Services.AddSingleton<Sms.ISmsSender>(sp => sp.GetRequiredService<Sms.LoggingSmsSender>());
        builder.Services.AddScoped<FileStore>();
        return builder;
    }
}
