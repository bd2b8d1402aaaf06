using Sipar.Infrastructure.Data;

namespace Sipar.Modules.Demo;

internal static class DemoModule
{
    /// <summary>Demo data only when <c>Sipar:Demo</c> is true: appsettings.Development.json turns it on, nothing else does.</summary>
    public static IHostApplicationBuilder AddDemo(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<IDatabaseSeeder, DemoSeeder>();
        return builder;
    }
}
