using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Cli;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Localization;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.Plans;

/// <summary><c>sipar report-types export | import | samples</c>: the agency's report types as the JSON file the page reads and writes.</summary>
internal static class ReportTypesCommands
{
    public static Command Commands(CliContext cli)
    {
        var root = new Command("report-types", "Loại báo cáo / report types");
        root.Subcommands.Add(Export(cli));
        root.Subcommands.Add(Import(cli));
        var samples = new Command("samples", "In các loại báo cáo mẫu (JSON) / print the sample report types");
        samples.SetAction(async (_, ct) => await cli.RunAsync(async _ =>
        {
            await cli.Out.WriteLineAsync(System.Text.Encoding.UTF8.GetString(ReportTypes.Samples()));
            return 0;
        }, ct, migrate: false));
        root.Subcommands.Add(samples);
        return root;
    }

    private static Command Export(CliContext cli)
    {
        var agency = new Option<string>("--agency") { Description = "Ký hiệu cơ quan / agency symbol", Required = true };
        var command = new Command("export", "In các loại báo cáo của cơ quan (JSON) / print the agency's report types") { agency };
        command.SetAction(async (parse, ct) => await cli.RunAsync(async services =>
        {
            var id = await AgencyAsync(services, parse.GetValue(agency)!, ct);
            await cli.Out.WriteLineAsync(System.Text.Encoding.UTF8.GetString(await services.GetRequiredService<ReportTypes>().ExportForOperatorAsync(id, ct)));
            return 0;
        }, ct));
        return command;
    }

    private static Command Import(CliContext cli)
    {
        var file = new Argument<FileInfo>("file") { Description = "Tệp .json" };
        var agency = new Option<string>("--agency") { Description = "Ký hiệu cơ quan / agency symbol", Required = true };
        var dryRun = new Option<bool>("--dry-run") { Description = "Chỉ kiểm tra, không lưu / check only, save nothing" };
        var command = new Command("import", "Nhập các loại báo cáo từ tệp JSON / import report types from JSON") { file, agency, dryRun };
        command.SetAction(async (parse, ct) => await cli.RunAsync(async services =>
        {
            var info = parse.GetValue(file)!;
            if (!info.Exists)
            {
                throw new DomainValidationException("file", "Plan.FileNotFound", info.FullName);
            }

            if (info.Length > ReportTypes.MaxFileBytes)
            {
                throw new DomainValidationException("file", "ReportType.FileTooLarge", ReportTypes.MaxFileBytes / 1024);
            }

            var id = await AgencyAsync(services, parse.GetValue(agency)!, ct);
            var apply = !parse.GetValue(dryRun);
            var lines = await services.GetRequiredService<ReportTypes>().ImportForOperatorAsync(id, await File.ReadAllBytesAsync(info.FullName, ct), apply, ct);
            var localizer = new LabelLocalizer(services.GetRequiredService<IStringLocalizer<SharedResource>>());
            foreach (var line in lines)
            {
                var what = line.Action is { } a ? localizer["TypeImportAction." + a].Value : "Lỗi";
                await cli.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Mục {line.Entry}: {line.Code} — {what}"));
                foreach (var e in line.Errors)
                {
                    await cli.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Mục {line.Entry} ({line.Code}): {localizer[e.MessageKey, e.Args]}"));
                }
            }

            var ok = lines.All(l => l.Errors.Count == 0);
            await cli.Out.WriteLineAsync(!ok ? "Có lỗi: chưa lưu gì." : apply ? "Đã lưu." : "Chạy thử: chưa lưu gì.");
            return ok ? 0 : 2;
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
