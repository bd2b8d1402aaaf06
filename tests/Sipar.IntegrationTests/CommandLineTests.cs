using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Cli;
using Sipar.Infrastructure.Data;
using Sipar.Modules.Organisation;
using Sipar.Testing;

namespace Sipar.IntegrationTests;

public abstract class CommandLineTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : SiparFactory
{
    protected TFactory App => app;

    protected Task<(int Code, string Out, string Error)> Sipar(params string[] args) => app.RunCliAsync(args);

    [Fact]
    public async Task Calendar_due_prints_the_appointment_date_on_its_own_line()
    {
        var (code, output, error) = await Sipar("calendar", "due", "--received", "2025-01-24 16:30", "--days", "5", "--cutoff", "15:00");
        Assert.True(code == 0, error);
        Assert.Equal("2025-02-10" + Environment.NewLine, output);

        (code, output, _) = await Sipar("calendar", "due", "--received", "2025-01-24 16:30", "--days", "5", "--cutoff", "15:00", "--json");
        Assert.Equal(0, code);
        Assert.Contains("\"appointmentDate\":\"2025-02-10\"", output, StringComparison.Ordinal);
        Assert.Contains("\"receiptDay\":\"2025-02-03\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calendar_count_prints_the_number_of_working_days()
    {
        var (code, output, _) = await Sipar("calendar", "count", "--from", "2025-01-20", "--to", "2025-02-10");
        Assert.Equal(0, code);
        Assert.Equal("10", output.Trim());
    }

    [Fact]
    public async Task Bad_arguments_get_a_Vietnamese_message_and_a_non_zero_exit()
    {
        var (code, _, error) = await Sipar("calendar", "due", "--received", "24/01/2025", "--days", "5");
        Assert.Equal(2, code);
        Assert.Contains("Thời điểm tiếp nhận phải có dạng yyyy-MM-dd HH:mm", error, StringComparison.Ordinal);

        // Without a time the receipt day is unknown (the cut-off decides it): refused, never taken as midnight.
        (code, _, error) = await Sipar("calendar", "due", "--received", "2025-01-24", "--days", "5", "--cutoff", "15:00");
        Assert.Equal(2, code);
        Assert.Contains("cần cả giờ", error, StringComparison.Ordinal);

        // A period that ends before it starts is an error, not a negative count — in the CLI, the API and the page.
        (code, var output, error) = await Sipar("calendar", "count", "--from", "2025-02-10", "--to", "2025-01-20");
        Assert.Equal(2, code);
        Assert.Contains("Ngày kết thúc phải không trước ngày bắt đầu", error, StringComparison.Ordinal);
        Assert.DoesNotContain("-10", output, StringComparison.Ordinal);
        var api = await app.NewClient().GetAsync("/api/calendar/count?from=2025-02-10&to=2025-01-20");
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Contains("Ngày kết thúc phải không trước ngày bắt đầu", await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_create_generates_a_password_that_signs_in_once_printed()
    {
        var email = $"quantri-{Guid.NewGuid():N}@test.sipar";
        var (code, output, _) = await Sipar("admin", "create", "--email", email, "--name", "Quản trị Tỉnh", "--generate-password");
        Assert.Equal(0, code);
        var password = output.Split('\n').Single(l => l.Contains("Mật khẩu", StringComparison.Ordinal)).Split(':').Last().Trim();
        var client = await app.SignedInClientAsync(new(Guid.Empty, email, "Quản trị Tỉnh", password));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/users")).StatusCode);

        var again = await Sipar("admin", "create", "--email", email, "--name", "Trùng", "--generate-password");
        Assert.Equal(2, again.Code);
        Assert.Contains("đã được dùng cho tài khoản khác", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_every_verb()
    {
        var (code, output, _) = await Sipar("--help");
        Assert.Equal(0, code);
        foreach (var verb in new[] { "serve", "migrate", "admin", "calendar", "backup", "restore" })
        {
            Assert.Contains(verb, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Par_validate_accepts_the_demo_framework_and_lists_errors_by_row()
    {
        var good = Path.Combine(app.DataDirectory, "bo-chi-so.json");
        await File.WriteAllBytesAsync(good, global::Sipar.Modules.ParIndex.ParIndexModule.DemoFramework());
        var ok = await Sipar("par", "validate", good);
        Assert.True(ok.Code == 0, ok.Error);
        Assert.Contains("Hợp lệ: 8 lĩnh vực", ok.Out, StringComparison.Ordinal);

        var bad = Path.Combine(app.DataDirectory, "bo-chi-so-loi.json");
        await File.WriteAllTextAsync(bad, System.Text.Encoding.UTF8.GetString(global::Sipar.Modules.ParIndex.ParIndexModule.DemoFramework()).Replace("\"maxPoints\": 14.5", "\"maxPoints\": \"mười bốn\"", StringComparison.Ordinal));
        var refused = await Sipar("par", "validate", bad);
        Assert.Equal(2, refused.Code);
        Assert.Contains("Điểm tối đa \"mười bốn\" không phải là số.", refused.Error, StringComparison.Ordinal);
        Assert.Matches(@"Dòng \d+: Điểm tối đa", refused.Error);
    }

    [Fact]
    public async Task Past_results_are_imported_with_errors_by_row_and_printed_with_index_class_and_shared_ranks()
    {
        var year = 2000 + Random.Shared.Next(1, 20);
        var names = await app.WithServicesAsync(async sp =>
        {
            var db = sp.GetRequiredService<Sipar.Infrastructure.Data.SiparDbContext>();
            if (!await db.Set<global::Sipar.Modules.ParIndex.Framework>().AnyAsync(f => f.Year == year))
            {
                db.Add(global::Sipar.Modules.ParIndex.Framework.FromFile(
                    global::Sipar.Modules.ParIndex.FrameworkReader.Read("demo.json", global::Sipar.Modules.ParIndex.ParIndexModule.DemoFramework()),
                    year, AgencyKind.Department, null, app.UtcNow));
                await db.SaveChangesAsync();
            }

            var admin = sp.GetRequiredService<AgencyAdministration>();
            var list = new List<string>();
            foreach (var n in new[] { "Sở Một", "Sở Hai", "Sở Ba" })
            {
                var name = $"{n} {Guid.NewGuid():N}"[..16];
                await admin.CreateAsync(new AgencyInput(name, "S" + list.Count, "Lạng Sơn", AgencyKind.Department), CancellationToken.None);
                list.Add(name);
            }

            return list;
        });

        // Sở Một: full marks but for area 8 (10 of 15.5); Sở Hai: the same; Sở Ba: less, with a deduction.
        var lines = new List<string> { "Cơ quan;Mã tiêu chí;Điểm" };
        foreach (var name in names)
        {
            foreach (var (code, points) in new[] { ("1", "10"), ("2", "10"), ("3", "14,5"), ("4", "11"), ("5", "16"), ("6", "7"), ("7", "16"), ("8.1", "10") })
            {
                lines.Add($"{name};{code};{(name == names[2] && code == "5" ? "10" : points)}");
            }
        }

        lines.Add($"{names[2]};1.6;-0,5");
        var good = Path.Combine(App.DataDirectory, "ket-qua.csv");
        await File.WriteAllLinesAsync(good, lines);
        var bad = Path.Combine(App.DataDirectory, "ket-qua-loi.csv");
        await File.WriteAllLinesAsync(bad, ["Cơ quan;Mã tiêu chí;Điểm", "Sở Không Có;1;5", $"{names[0]};9.9;1", $"{names[0]};2;12", $"{names[0]};3;mười"]);

        var refused = await Sipar("par", "import-results", bad, "--year", year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(2, refused.Code);
        Assert.Contains("Dòng 2: Không tìm thấy cơ quan \"Sở Không Có\".", refused.Error, StringComparison.Ordinal);
        Assert.Contains("Dòng 3: Mã tiêu chí \"9.9\"", refused.Error, StringComparison.Ordinal);
        Assert.Contains("Dòng 4: Điểm 12 của tiêu chí 2 vượt quá giới hạn (10).", refused.Error, StringComparison.Ordinal);
        Assert.Contains("Dòng 5: Điểm \"mười\" không phải là số.", refused.Error, StringComparison.Ordinal);

        var imported = await Sipar("par", "import-results", good, "--year", year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(imported.Code == 0, imported.Error);
        var (rc, output, _) = await Sipar("par", "results", "--year", year.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json");
        Assert.Equal(0, rc);
        var results = System.Text.Json.JsonSerializer.Deserialize<List<global::Sipar.Modules.ParIndex.AgencyResult>>(output, CliContext.Json)!
            .Where(r => names.Contains(r.Agency)).ToList();
        var first = results.Single(r => r.Agency == names[0]);
        Assert.Equal((94.5m, 100m, 94.5m, "A"), (first.Total, first.Max, first.Index, first.Class));
        Assert.Equal(results.Single(r => r.Agency == names[1]).Rank, first.Rank);
        var third = results.Single(r => r.Agency == names[2]);
        Assert.Equal(88m, third.Total);
        Assert.Equal("B", third.Class);
        Assert.Equal(first.Rank + 2, third.Rank);
        Assert.Equal(9.5m, third.Areas.Single(a => a.Code == "1").Points);
        Assert.Equal(64.52m, first.Areas.Single(a => a.Code == "8").Index);
    }

    [Fact]
    public async Task Migrate_brings_the_database_up_to_date()
    {
        var (code, output, _) = await Sipar("migrate");
        Assert.Equal(0, code);
        Assert.Contains("Đã cập nhật cơ sở dữ liệu", output, StringComparison.Ordinal);
        Assert.Empty(await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Database.GetPendingMigrationsAsync()));
    }
}

public sealed class CommandLineTestsOnSqlite(SqliteFactory app) : CommandLineTests<SqliteFactory>(app)
{
    [Fact]
    public async Task Restore_is_refused_while_the_app_runs_on_the_database_and_brings_back_the_data_once_it_is_stopped()
    {
        var (kept, _, _) = await App.CreateAgencyAsync("Sở Trước Sao Lưu");
        var file = Path.Combine(App.DataDirectory, "sao-luu.db");
        var backup = await Sipar("backup", file);
        Assert.Equal(0, backup.Code);
        var (lost, _, _) = await App.CreateAgencyAsync("Sở Sau Sao Lưu");

        // The test host is running on this database.
        var refused = await Sipar("restore", file);
        Assert.Equal(4, refused.Code);
        Assert.Contains("Sipar đang chạy với cơ sở dữ liệu này", refused.Error, StringComparison.Ordinal);
        var ids = await App.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<Agency>().Select(a => a.Id).ToListAsync());
        Assert.Contains(lost, ids);

        // A stopped instance (a copy of the live database that no app runs on) takes the restore.
        var stopped = Path.Combine(App.DataDirectory, "stopped.db");
        Assert.Equal(0, (await Sipar("backup", stopped)).Code);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var settings = App.Settings.Select(s => s.StartsWith("--ConnectionStrings:Sipar=", StringComparison.Ordinal) ? $"--ConnectionStrings:Sipar=Data Source={stopped}" : s).ToArray();
        Assert.Equal(0, await SiparCommandLine.RunAsync(["restore", file], Program.CreateApp, output, error, settings));
        await using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={stopped};Pooling=false");
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = "SELECT Id FROM org_agencies";
        var restored = new List<Guid>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                restored.Add(reader.GetGuid(0));
            }
        }

        Assert.Contains(kept, restored);
        Assert.DoesNotContain(lost, restored);
    }

    [Fact]
    public async Task Restore_refuses_a_file_that_is_not_a_Sipar_backup()
    {
        var file = Path.Combine(App.DataDirectory, "not-a-backup.db");
        await File.WriteAllTextAsync(file, "hello");
        var (code, _, error) = await Sipar("restore", file);
        Assert.Equal(2, code);
        Assert.Contains("không phải là bản sao lưu SQLite của Sipar", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demo_password_is_printed_on_the_first_start_only()
    {
        var data = Path.Combine(App.DataDirectory, "demo-" + Guid.NewGuid().ToString("N")[..8]);
        var first = await StartUntilAsync(data, "shared password");
        var password = (await File.ReadAllLinesAsync(Path.Combine(data, "demo-logins.txt")))[0].Split(':').Last().Trim(' ', ')');
        Assert.Contains(password, first, StringComparison.Ordinal);

        var second = await StartUntilAsync(data, "demo-logins.txt");
        Assert.DoesNotContain(password, second, StringComparison.Ordinal);
    }

    /// <summary>Starts the built web app with demo data in Development and returns its output up to a line containing <paramref name="marker"/>.</summary>
    private static async Task<string> StartUntilAsync(string data, string marker)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "sipar.dll"), "--urls", "http://127.0.0.1:0" })
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Sipar__DataDirectory"] = data;
        using var process = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                output.AppendLine(line);
                if (line.Contains(marker, StringComparison.Ordinal))
                {
                    break;
                }
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        return output.ToString();
    }

    [Fact]
    public async Task The_built_executable_answers_calendar_due_on_standard_output()
    {
        var exe = Path.Combine(AppContext.BaseDirectory, "sipar.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = App.DataDirectory };
        foreach (var a in new[] { exe, "calendar", "due", "--received", "2025-01-24 16:30", "--days", "5", "--cutoff", "15:00" })
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["Sipar__DataDirectory"] = Path.Combine(App.DataDirectory, "exe");
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        Assert.Equal("2025-02-10", output.Trim());
    }
}

public sealed class CommandLineTestsOnPostgres(PostgresFactory app) : CommandLineTests<PostgresFactory>(app)
{
    [Fact]
    public async Task Backup_explains_that_PostgreSQL_uses_pg_dump()
    {
        var (code, _, error) = await Sipar("backup", Path.Combine(App.DataDirectory, "x.db"));
        Assert.Equal(3, code);
        Assert.Contains("pg_dump", error, StringComparison.Ordinal);
    }
}
