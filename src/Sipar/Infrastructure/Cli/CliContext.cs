using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Auth;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Errors;

namespace Sipar.Infrastructure.Cli;

/// <summary>What every CLI verb needs: the same services as the web app, the console, and error reporting.</summary>
public sealed class CliContext(Func<string[], WebApplication> createApp, TextWriter output, TextWriter error)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static readonly JsonSerializerOptions IndentedJson = new(Json) { WriteIndented = true };

    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>Builds the app (not started), brings the database up to date when configured to, and runs <paramref name="action"/>.</summary>
    public async Task<int> RunAsync(Func<IServiceProvider, Task<int>> action, CancellationToken ct, bool migrate = true)
    {
        ArgumentNullException.ThrowIfNull(action);
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("vi-VN");
        ActorAccessor.CommandLineName = "Dòng lệnh (CLI)";
        // Logs go to standard error so that standard output carries only the answer.
        await using var app = createApp(["--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.EntityFrameworkCore=Warning", "--Logging:LogLevel:Microsoft.AspNetCore=Error", "--Logging:Console:LogToStandardErrorThreshold=Trace"]);
        try
        {
            if (migrate)
            {
                var options = app.Services.GetRequiredService<DatabaseOptions>();
                await DatabaseMigrator.MigrateAndSeedAsync(app.Services, options.ShouldMigrateOnStart, ct);
            }

            await using var scope = app.Services.CreateAsyncScope();
            return await action(scope.ServiceProvider);
        }
        catch (DomainValidationException e)
        {
            var localizer = app.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
            foreach (var (field, messages) in e.ToDictionary(localizer))
            {
                foreach (var m in messages)
                {
                    await Error.WriteLineAsync(string.IsNullOrEmpty(field) ? $"Lỗi: {m}" : $"Lỗi ({field}): {m}");
                }
            }

            return 2;
        }
    }
}
