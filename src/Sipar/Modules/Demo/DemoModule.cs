using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Sipar.Infrastructure.Data;

namespace Sipar.Modules.Demo;

internal static class DemoModule
{
    /// <summary>Demo data only when <c>Sipar:Demo</c> is true: appsettings.Development.json turns it on, nothing else does.</summary>
    public static IHostApplicationBuilder AddDemo(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<IDatabaseSeeder, DemoSeeder>();
        builder.Services.AddHostedService<DemoBanner>();
        return builder;
    }
}

/// <summary>
/// In demo mode, prints how to sign in once the app listens: the generated password on the start that created it,
/// and on later starts only where it is kept.
/// </summary>
internal sealed class DemoBanner(IHostApplicationLifetime lifetime, IServer server, IConfiguration configuration) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            var logins = Path.Combine(DataModule.DataDirectory(configuration), DemoSeeder.LoginsFileName);
            if (configuration.GetValue<bool>("Sipar:Demo") && File.Exists(logins))
            {
                var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
                Console.WriteLine();
                Console.WriteLine($"Sipar: {string.Join(", ", addresses)}");
                var createdNow = File.GetLastWriteTimeUtc(logins) >= System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime();
                Console.WriteLine(createdNow ? File.ReadAllText(logins) : $"Tài khoản demo / demo logins: {logins}");
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
