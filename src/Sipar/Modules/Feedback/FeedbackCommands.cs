using System.CommandLine;
using System.Globalization;
using Sipar.Infrastructure.Cli;
using Sipar.Infrastructure.Errors;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.Feedback;

/// <summary><c>sipar feedback indicators | check-deadlines</c>: the same handlers as the pages, for the office's operator.</summary>
internal static class FeedbackCommands
{
    public static Command Commands(CliContext cli)
    {
        var root = new Command("feedback", "Phản ánh, kiến nghị / citizens' feedback");
        root.Subcommands.Add(Indicators(cli));
        root.Subcommands.Add(CheckDeadlines(cli));
        return root;
    }

    private static Command Indicators(CliContext cli)
    {
        var agency = new Option<string>("--agency") { Description = "Ký hiệu cơ quan / agency symbol", Required = true };
        var from = new Option<DateOnly>("--from") { Description = "Từ ngày (yyyy-MM-dd)", Required = true };
        var to = new Option<DateOnly>("--to") { Description = "Đến ngày (yyyy-MM-dd)", Required = true };
        var by = new Option<FeedbackBreakdown>("--by") { Description = "Chia theo / breakdown: None, Category, Unit, Channel, Month", DefaultValueFactory = _ => FeedbackBreakdown.None };
        var json = new Option<bool>("--json") { Description = "In JSON / print JSON" };
        var command = new Command("indicators", "Chỉ số phản ánh, kiến nghị của cơ quan trong kỳ (QĐ 766) / the agency's feedback figures for a period") { agency, from, to, by, json };
        command.SetAction(async (parse, ct) => await cli.RunAsync(async services =>
        {
            var symbol = parse.GetValue(agency)!.Trim();
            var agencyId = (await services.GetRequiredService<IAgencies>().ListAsync(ct)).FirstOrDefault(a => string.Equals(a.Symbol, symbol, StringComparison.OrdinalIgnoreCase))?.Id
                ?? throw new DomainValidationException("agency", "DossierImport.AgencyUnknown", symbol);
            var report = await services.GetRequiredService<FeedbackIndicators>().BuildAsync(agencyId, parse.GetValue(from), parse.GetValue(to), parse.GetValue(by), ct);
            if (parse.GetValue(json))
            {
                await cli.Out.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(FeedbackModule.Json(report), CliContext.IndentedJson));
                return 0;
            }

            await Lines(cli, report.AgencyName, report.Total);
            foreach (var row in report.Rows)
            {
                await Lines(cli, "— " + row.Label, row.Figures);
            }

            return 0;
        }, ct));
        return command;
    }

    private static async Task Lines(CliContext cli, string title, FeedbackFigures f)
    {
        static string Rate(decimal? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "—";
        await cli.Out.WriteLineAsync(title);
        var lines = new (string, object?)[]
        {
            ("Tiếp nhận", f.Received), ("Thuộc thẩm quyền", f.InScope), ("Không thuộc thẩm quyền (chuyển)", f.OutOfScope), ("Trả lời đúng hạn", f.OnTime),
            ("Trả lời quá hạn", f.Late), ("Đang xử lý", f.Pending), ("Đang xử lý, quá hạn", f.PendingLate), ("Không hài lòng", f.Unsatisfied),
            ("Ngày làm việc: trung vị / p90", $"{Rate(f.MedianDays)} / {Rate(f.P90Days)}"),
            ("Tỷ lệ xử lý đúng hạn QĐ 766 (%)", Rate(f.OnTimeRate)), ("Mức độ hài lòng QĐ 766 (%)", Rate(f.SatisfactionRate)),
        };
        foreach (var (label, value) in lines)
        {
            await cli.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {label}: {value}"));
        }
    }

    private static Command CheckDeadlines(CliContext cli)
    {
        var command = new Command("check-deadlines", "Nhắc hạn và chuyển lãnh đạo các phản ánh quá hạn ngay bây giờ / send reminders and escalate now");
        command.SetAction(async (parse, ct) => await cli.RunAsync(async services =>
        {
            var run = await services.GetRequiredService<FeedbackDeadlines>().RunAsync(ct);
            await cli.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Nhắc hạn: {run.Reminded}; chuyển lãnh đạo: {run.Escalated}"));
            return 0;
        }, ct));
        return command;
    }
}
