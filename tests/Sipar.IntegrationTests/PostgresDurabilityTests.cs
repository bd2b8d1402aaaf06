using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Sipar.Infrastructure.Data;
using Sipar.Modules.Accounts;
using Sipar.Modules.Organisation;
using Sipar.Testing;

namespace Sipar.IntegrationTests;

/// <summary>
/// Durability and recovery on PostgreSQL: the built executable killed with SIGKILL in the middle of a stream of writes
/// loses none it acknowledged, and comes back; a pg_dump / pg_restore round trip keeps every table's rows.
/// </summary>
public sealed partial class PostgresDurabilityTests(PostgresFactory app, ITestOutputHelper output) : IClassFixture<PostgresFactory>
{
    [Fact]
    public async Task Killing_the_app_during_a_stream_of_writes_loses_no_acknowledged_write()
    {
        var admin = await app.CreateUserAsync(Role.Administrator);
        var port = FreePort();
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<string>();
        var process = Start(port);
        try
        {
            var client = await SignInAsync(port, admin);

            // Four writers create agencies as fast as the app answers; each name is kept only once its 201 is read.
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var name = $"Sở Bền Vững {w}-{i} {Guid.NewGuid():N}"[..40];
                    try
                    {
                        using var response = await client.PostAsJsonAsync("/api/agencies", new AgencyInput(name, $"BV{w}", "Lạng Sơn", AgencyKind.Department), SiparFactory.Json);
                        if (response.StatusCode != HttpStatusCode.Created)
                        {
                            throw new InvalidOperationException($"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                        }

                        acknowledged.Add(name);
                    }
                    catch (HttpRequestException)
                    {
                        return; // the app is gone
                    }
                    catch (TaskCanceledException)
                    {
                        return;
                    }
                }
            })).ToList();

            for (var i = 0; i < 300 && acknowledged.Count < 200; i++)
            {
                await Task.Delay(50);
            }

            Assert.True(acknowledged.Count >= 20, $"only {acknowledged.Count} writes before the kill");
            output.WriteLine($"{acknowledged.Count} writes acknowledged when the app was killed");
            process.Kill(entireProcessTree: true);     // SIGKILL: no shutdown, no flush
            await process.WaitForExitAsync();
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.Dispose();
        }

        // Every acknowledged write is in the database, and the app starts again on it.
        var names = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<Agency>().Select(a => a.Name).ToListAsync());
        var missing = acknowledged.Except(names).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} of {acknowledged.Count} acknowledged writes lost: {string.Join(", ", missing.Take(5))}");
        using var again = Start(port);
        try
        {
            var client = await SignInAsync(port, admin);
            var listed = await client.GetFromJsonAsync<List<AgencySummary>>("/api/agencies", SiparFactory.Json);
            Assert.Superset(acknowledged.ToHashSet(), listed!.Select(a => a.Name).ToHashSet());
        }
        finally
        {
            again.Kill(entireProcessTree: true);
            await again.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task A_pg_dump_restored_into_a_new_database_has_every_table_with_equal_rows()
    {
        var (agency, unit, _) = await app.CreateAgencyAsync("Sở Sao Lưu");
        await app.CreateUserAsync(Role.Office, agency, unit);
        var source = ConnectionString();
        var target = new NpgsqlConnectionStringBuilder(source.ConnectionString) { Database = source.Database + "_restored" };
        var dump = Path.Combine(app.DataDirectory, "sipar.dump");
        await RunAsync("pg_dump", "-Fc", "-h", source.Host!, "-U", source.Username!, "-d", source.Database!, "-f", dump);
        await RecreateAsync(target.Database!);

        try
        {
            await RunAsync("pg_restore", "--no-owner", "-h", target.Host!, "-U", target.Username!, "-d", target.Database!, dump);
            var before = await TableDigestsAsync(source.ToString());
            var after = await TableDigestsAsync(target.ToString());
            Assert.True(before.Count > 30, string.Join(", ", before.Keys));
            Assert.Equal(before, after);
            Assert.True(before["org_agencies"].Rows >= 1);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await DropAsync(target.Database!);
        }
    }

    [Fact]
    public async Task A_backup_taken_before_this_versions_migrations_restores_and_migrates_to_this_version()
    {
        var baseName = ConnectionString().Database!;
        var old = new NpgsqlConnectionStringBuilder(ConnectionString().ConnectionString) { Database = baseName + "_previous" };
        var restored = new NpgsqlConnectionStringBuilder(ConnectionString().ConnectionString) { Database = baseName + "_upgraded" };
        await RecreateAsync(old.Database!);
        await RecreateAsync(restored.Database!);
        try
        {
            // The previous version: every migration before this version's first (the kinds table), and its data.
            var options = new DbContextOptionsBuilder<PostgresSiparDbContext>().UseNpgsql(old.ConnectionString).Options;
            await using (var db = new PostgresSiparDbContext(options))
            {
                var all = db.Database.GetMigrations().ToList();
                var previous = all[all.FindIndex(m => m.EndsWith("_AgencyKinds", StringComparison.Ordinal)) - 1];
                await Microsoft.EntityFrameworkCore.Infrastructure.AccessorExtensions.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>(db).MigrateAsync(previous);
                await db.Database.ExecuteSqlRawAsync(
                    "INSERT INTO org_agencies (\"Id\", \"Name\", \"Symbol\", \"PlaceName\", \"Kind\", \"SearchName\") VALUES ('0195a000-0000-7000-8000-000000000001', 'Sở Năm Trước', 'SNT', 'Lạng Sơn', 'CommuneCommittee', 'so nam truoc')");
            }

            var dump = Path.Combine(app.DataDirectory, "previous.dump");
            await RunAsync("pg_dump", "-Fc", "-h", old.Host!, "-U", old.Username!, "-d", old.Database!, "-f", dump);
            await RunAsync("pg_restore", "--no-owner", "-h", restored.Host!, "-U", restored.Username!, "-d", restored.Database!, dump);

            // This version's executable migrates the restored backup.
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = app.DataDirectory };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "sipar.dll"));
            start.ArgumentList.Add("migrate");
            start.Environment["Database__Provider"] = "Postgres";
            start.Environment["ConnectionStrings__Sipar"] = restored.ConnectionString;
            start.Environment["Sipar__DataDirectory"] = Path.Combine(app.DataDirectory, "upgraded");
            start.Environment["DOTNET_ENVIRONMENT"] = "Production";
            using (var migrate = Process.Start(start)!)
            {
                var error = await migrate.StandardError.ReadToEndAsync();
                await migrate.WaitForExitAsync();
                Assert.True(migrate.ExitCode == 0, error);
            }

            await using var upgraded = new PostgresSiparDbContext(new DbContextOptionsBuilder<PostgresSiparDbContext>().UseNpgsql(restored.ConnectionString).Options);
            Assert.Empty(await upgraded.Database.GetPendingMigrationsAsync());
            var agency = await upgraded.Set<Agency>().SingleAsync(a => a.Symbol == "SNT");
            Assert.Equal(AgencyKind.CommuneCommittee, agency.Kind);
            Assert.Equal(4, await upgraded.Set<AgencyKindEntry>().CountAsync());
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await DropAsync(old.Database!);
            await DropAsync(restored.Database!);
        }
    }

    private static async Task RecreateAsync(string database)
    {
        await using var server = new NpgsqlConnection(PostgresFactory.ServerConnectionString);
        await server.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE); CREATE DATABASE \"{database}\"", server);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task DropAsync(string database)
    {
        await using var server = new NpgsqlConnection(PostgresFactory.ServerConnectionString);
        await server.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", server);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Each table's row count and an md5 of its rows in a fixed order.</summary>
    private static async Task<Dictionary<string, (long Rows, string Digest)>> TableDigestsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var digests = new Dictionary<string, (long, string)>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var command = new NpgsqlCommand($"SELECT count(*), coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM \"{table}\" t", connection);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            digests[table] = (reader.GetInt64(0), reader.GetString(1));
        }

        return digests;
    }

    private NpgsqlConnectionStringBuilder ConnectionString() =>
        new(app.Settings.Single(s => s.StartsWith("--ConnectionStrings:Sipar=", StringComparison.Ordinal))["--ConnectionStrings:Sipar=".Length..]);

    private static async Task RunAsync(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool}: {error}");
    }

    /// <summary>The built executable on the test's database (Production, so nothing is seeded), listening on <paramref name="port"/>.</summary>
    private Process Start(int port)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = app.DataDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "sipar.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var setting in app.Settings)
        {
            start.ArgumentList.Add(setting);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<HttpClient> SignInAsync(int port, CreatedUser user)
    {
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        var client = new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        for (var i = 0; ; i++)
        {
            try
            {
                if ((await client.GetAsync("/health")).IsSuccessStatusCode)
                {
                    break;
                }
            }
            catch (HttpRequestException) when (i < 300)
            {
            }

            await Task.Delay(100);
        }

        var page = await client.GetStringAsync("/account/login");
        var token = AntiforgeryToken().Match(page).Groups[1].Value;
        var login = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = user.Email, ["Password"] = user.Password, ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return client;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
