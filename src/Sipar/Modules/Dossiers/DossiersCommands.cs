using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Cli;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Files;
using Sipar.Infrastructure.Localization;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.Dossiers;

/// <summary><c>sipar dossiers import-procedures | import | indicators</c>: the same handlers as the pages, for the office's operator.</summary>
internal static class DossiersCommands
{
    public static Command Commands(CliContext cli)
    {
        var root = new Command("dossiers", "Hồ sơ Một cửa / one-stop dossiers");
        root.Subcommands.Add(Import(cli, "import-procedures", "Nhập danh mục thủ tục (CSV/XLSX) / import the procedure catalogue", ImportKind.Procedures));
        root.Subcommands.Add(Import(cli, "import", "Nhập hồ sơ từ hệ thống một cửa của tỉnh (CSV/XLSX) / import dossiers from the province's one-stop system", ImportKind.Dossiers));
        root.Subcommands.Add(Indicators(cli));
        return root;
    }

    private static Command Import(CliContext cli, string name, string description, ImportKind kind)
    {
        var file = new Argument<FileInfo>("file") { Description = "Tệp .csv (UTF-8) hoặc .xlsx" };
        var agency = new Option<string>("--agency") { Description = "Ký hiệu cơ quan / agency symbol", Required = true };
        var mapping = new Option<string?>("--mapping") { Description = "Ghép cột: tệp JSON hoặc JSON {\"code\": \"Mã hồ sơ\", …}; bỏ trống: đoán theo tiêu đề / column mapping; omitted: guessed" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Chỉ kiểm tra, không lưu / check only, save nothing" };
        var command = new Command(name, description) { file, agency, mapping, dryRun };
        command.SetAction(async (parse, ct) => await cli.RunAsync(async services =>
        {
            var info = parse.GetValue(file)!;
            if (!info.Exists)
            {
                throw new DomainValidationException("file", "Plan.FileNotFound", info.FullName);
            }

            var agencyId = await AgencyAsync(services, parse.GetValue(agency)!, ct);
            var fields = kind == ImportKind.Procedures ? ProcedureImport.Fields : DossierImport.Fields;
            var map = parse.GetValue(mapping) is { Length: > 0 } m ? ColumnMapping.Parse(m.TrimStart().StartsWith('{') ? m : await File.ReadAllTextAsync(m, ct), fields) : null;
            var apply = !parse.GetValue(dryRun);
            ImportPreview preview;
            if (kind == ImportKind.Procedures)
            {
                preview = await services.GetRequiredService<ProcedureImport>().RunAsync(agencyId, info.Name, await File.ReadAllBytesAsync(info.FullName, ct), map, apply, ct);
            }
            else
            {
                byte[] hash;
                await using (var stream = info.OpenRead())
                {
                    hash = await SHA256.HashDataAsync(stream, ct);
                }

                preview = await services.GetRequiredService<DossierImport>().RunAsync(agencyId, info.Name, hash, TableFile.Stream(info.FullName, "DossierImport.FileType"), map, apply, ct);
            }

            var localizer = new LabelLocalizer(services.GetRequiredService<IStringLocalizer<SharedResource>>());
            foreach (var e in preview.FileErrors)
            {
                await cli.Error.WriteLineAsync("Lỗi: " + localizer[e.MessageKey, e.Args]);
            }

            foreach (var r in preview.Rows.Where(r => r.Action == ImportRowAction.Error))
            {
                foreach (var e in r.Errors)
                {
                    await cli.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Dòng {r.Row}: {localizer["ImportField." + e.Field]}: {localizer[e.MessageKey, e.Args]}"));
                }
            }

            await cli.Out.WriteLineAsync("Ghép cột: " + preview.Mapping.ToJson());
            await cli.Out.WriteLineAsync(localizer["DossierImport.Summary", preview.Total, preview.Created, preview.Updated, preview.Unchanged, preview.ErrorRows]);
            if (!preview.CanApply)
            {
                return 2;
            }

            await cli.Out.WriteLineAsync(preview.Applied ? "Đã lưu." : "Chạy thử: chưa lưu gì.");
            return 0;
        }, ct));
        return command;
    }

    private static Command Indicators(CliContext cli)
    {
        var agency = new Option<string>("--agency") { Description = "Ký hiệu cơ quan / agency symbol", Required = true };
        var from = new Option<DateOnly>("--from") { Description = "Từ ngày (yyyy-MM-dd)", Required = true };
        var to = new Option<DateOnly>("--to") { Description = "Đến ngày (yyyy-MM-dd)", Required = true };
        var json = new Option<bool>("--json") { Description = "In JSON / print JSON" };
        var command = new Command("indicators", "Chỉ tiêu giải quyết hồ sơ của cơ quan trong kỳ / the agency's one-stop figures for a period") { agency, from, to, json };
        command.SetAction(async (parse, ct) => await cli.RunAsync(async services =>
        {
            var agencyId = await AgencyAsync(services, parse.GetValue(agency)!, ct);
            var f = await services.GetRequiredService<IDossierRecords>().FiguresAsync(agencyId, parse.GetValue(from), parse.GetValue(to), ct);
            if (parse.GetValue(json))
            {
                await cli.Out.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(f, CliContext.IndentedJson));
                return 0;
            }

            var lines = new (string, object?)[]
            {
                ("Tiếp nhận mới", f.Received), ("Kỳ trước chuyển sang", f.CarriedOver), ("Phải giải quyết", f.ToHandle), ("Trước hạn", f.FinishedEarly),
                ("Đúng hạn", f.FinishedOnTime), ("Quá hạn", f.FinishedLate), ("Đang giải quyết", f.InProgress), ("Đang giải quyết, quá hạn", f.LateInProgress),
                ("Yêu cầu bổ sung", f.Supplements), ("Từ chối", f.Refused), ("Xin lỗi (đúng hạn)", $"{f.Apologies} ({f.ApologiesOnTime})"), ("Dừng giải quyết", f.Stopped),
                ("Trực tuyến (toàn trình)", $"{f.Online} ({f.OnlineFull})"), ("Ngày làm việc: trung vị / p90", $"{f.MedianDays?.ToString(CultureInfo.InvariantCulture) ?? "—"} / {f.P90Days?.ToString(CultureInfo.InvariantCulture) ?? "—"}"),
                ("Tỷ lệ đúng hạn (%)", f.OnTimeRate?.ToString(CultureInfo.InvariantCulture) ?? "—"), ("Mức độ hài lòng QĐ 766 (%)", f.SatisfactionRate?.ToString(CultureInfo.InvariantCulture) ?? "—"),
            };
            foreach (var (label, value) in lines)
            {
                await cli.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{label}: {value}"));
            }

            return 0;
        }, ct));
        return command;
    }

    private static async Task<Guid> AgencyAsync(IServiceProvider services, string symbol, CancellationToken ct)
    {
        var all = await services.GetRequiredService<IAgencies>().ListAsync(ct);
        return all.FirstOrDefault(a => string.Equals(a.Symbol, symbol.Trim(), StringComparison.OrdinalIgnoreCase))?.Id
            ?? throw new DomainValidationException("agency", "DossierImport.AgencyUnknown", symbol);
    }
}
