using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Errors;
using Sipar.Modules.Accounts;
using Sipar.Modules.Documents;
using Sipar.Modules.Organisation;
using Sipar.Infrastructure.Localization;

namespace Sipar.Modules.Plans;

/// <summary>The agency's CCHC report for a period: the office's own text around the figures Sipar assembles.</summary>
internal sealed class ConsolidatedReport
{
    public const int TextMaxLength = 20000;

    private ConsolidatedReport()
    {
    }

    public Guid Id { get; private set; }

    public Guid PeriodId { get; private set; }

    public string Summary { get; private set; } = "";

    public string Difficulties { get; private set; } = "";

    public string Proposals { get; private set; } = "";

    public static ConsolidatedReport Start(Guid periodId) => new() { Id = Guid.CreateVersion7(), PeriodId = periodId };

    public void Edit(string? summary, string? difficulties, string? proposals)
    {
        var errors = new ValidationErrors();
        errors.MaxLength(nameof(Summary), summary, TextMaxLength);
        errors.MaxLength(nameof(Difficulties), difficulties, TextMaxLength);
        errors.MaxLength(nameof(Proposals), proposals, TextMaxLength);
        errors.ThrowIfAny();
        Summary = (summary ?? "").Trim();
        Difficulties = (difficulties ?? "").Trim();
        Proposals = (proposals ?? "").Trim();
    }
}

internal sealed record SectionProgress(string Code, string Heading, int Total, int Done, int InProgress, int NotStarted, int Late);

internal sealed record UnitProgress(string Unit, int Led, int Done, int Overdue, ReportState Report, UnitReportStatus? Status);

internal sealed record TargetProgress(string Task, string Value, string Measure, string? Actual);

internal sealed record ConsolidatedView(
    Guid PlanId, string PlanTitle, int Year, PeriodColumn Period, string Summary, string Difficulties, string Proposals,
    IReadOnlyList<SectionProgress> Sections, IReadOnlyList<UnitProgress> Units, IReadOnlyList<TargetProgress> Targets,
    IReadOnlyList<(string Unit, string Narrative)> UnitNarratives, bool CanEdit, ObligationInfo Obligation);

/// <summary>Assembles the consolidated report from accepted unit reports and task data, and writes it as .docx.</summary>
internal sealed class Consolidation(SiparDbContext db, CurrentUser me, IAgencies agencies, UnitReporting reporting, DocumentHeaders headers)
{
    /// <param name="periodId">The period.</param>
    /// <param name="ct">Cancellation.</param>
    /// <param name="matrix">The plan's report matrix when the caller has it already (the dashboard), so it is not built twice.</param>
    public async Task<ConsolidatedView> GetAsync(Guid periodId, CancellationToken ct, ReportMatrix? matrix = null)
    {
        var period = await db.Set<ReportingPeriod>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == periodId, ct) ?? throw new NotFoundException();
        var plan = await db.Set<Plan>().AsNoTracking().AsSplitQuery()
            .Include(p => p.Sections).ThenInclude(s => s.Tasks).ThenInclude(t => t.Targets)
            .FirstAsync(p => p.Id == period.PlanId, ct);
        me.EnsureCanReadAgency(plan.AgencyId);
        var text = await db.Set<ConsolidatedReport>().AsNoTracking().FirstOrDefaultAsync(r => r.PeriodId == periodId, ct);
        matrix = matrix is not null && matrix.PlanId == plan.Id && matrix.Obligation.Id == period.ObligationId ? matrix : await reporting.MatrixAsync(plan.Id, ct, period.ObligationId);
        var units = (await agencies.UnitsAsync(plan.AgencyId, ct)).ToDictionary(u => u.Id, u => u.Name);
        var today = reporting.Today;

        var sections = plan.Sections.OrderBy(s => s.Order).Select(s => new SectionProgress(
            s.Code, s.Heading, s.Tasks.Count, s.Tasks.Count(t => t.Status == PlanTaskStatus.Done), s.Tasks.Count(t => t.Status == PlanTaskStatus.InProgress),
            s.Tasks.Count(t => t.Status == PlanTaskStatus.NotStarted), s.Tasks.Count(t => t.Status == PlanTaskStatus.Late))).ToList();
        var unitRows = matrix.Units.Select(u =>
        {
            var led = plan.Sections.Where(s => s.LeadUnitId == u.Id || s.LeadIsAllUnits).SelectMany(s => s.Tasks).ToList();
            var cell = matrix.Cells.First(c => c.PeriodId == periodId && c.UnitId == u.Id);
            return new UnitProgress(u.Name, led.Count, led.Count(t => t.Status == PlanTaskStatus.Done), led.Count(t => TaskWork.IsOverdue(t.Deadline, t.Status, today)), cell.State, cell.Status);
        }).ToList();
        var targets = plan.Sections.OrderBy(s => s.Order).SelectMany(s => s.Tasks.OrderBy(t => t.Order).SelectMany(t =>
            t.Targets.Select(x => new TargetProgress($"{s.Code}.{t.Order}", x.Value, x.Measure, x.Actual)))).ToList();
        var narratives = await db.Set<UnitReport>().AsNoTracking()
            .Where(r => r.PeriodId == periodId && (r.Status == UnitReportStatus.Accepted || r.Status == UnitReportStatus.Approved))
            .Select(r => new { r.UnitId, r.Narrative }).ToListAsync(ct);
        return new ConsolidatedView(
            plan.Id, plan.Title, plan.Year, matrix.Periods.First(p => p.Id == periodId), text?.Summary ?? "", text?.Difficulties ?? "", text?.Proposals ?? "",
            sections, unitRows, targets, narratives.Select(n => (units.GetValueOrDefault(n.UnitId, "?"), n.Narrative)).OrderBy(n => n.Item1, StringComparer.Ordinal).ToList(),
            await reporting.IsReviewerForPeriodAsync(periodId, ct), matrix.Obligation);
    }

    public async Task SaveAsync(Guid periodId, string? summary, string? difficulties, string? proposals, CancellationToken ct)
    {
        if (!await reporting.IsReviewerForPeriodAsync(periodId, ct))
        {
            throw new ForbiddenException();
        }

        var report = await db.Set<ConsolidatedReport>().FirstOrDefaultAsync(r => r.PeriodId == periodId, ct);
        if (report is null)
        {
            report = ConsolidatedReport.Start(periodId);
            db.Add(report);
        }

        report.Edit(summary, difficulties, proposals);
        await db.SaveChangesAsync(ct);
    }

    public async Task<(string FileName, byte[] Content)> DocxAsync(Guid periodId, CancellationToken ct)
    {
        var v = await GetAsync(periodId, ct);
        var plan = await db.Set<Plan>().AsNoTracking().Where(p => p.Id == v.PlanId).Select(p => new { p.AgencyId, p.SignerTitle, p.SignerName }).FirstAsync(ct);
        var agencyId = plan.AgencyId;
        var periodName = PeriodName(v.Period.Kind);
        var subject = Subject(v.Obligation.Name);
        var header = await headers.ForAgencyAsync(agencyId, null, "BC", null, "Báo cáo", string.Join(' ', new[] { subject, periodName, "năm " + v.Year.ToString(System.Globalization.CultureInfo.InvariantCulture) }.Where(x => x.Length > 0)), ct, v.Year);
        using var doc = new Decree30Document(header);
        doc.Paragraph($"Thực hiện {v.PlanTitle}; số liệu từ ngày {Show.Date(v.Period.WindowStart)} đến ngày {Show.Date(v.Period.WindowEnd)}, kết quả như sau:", italic: true);
        doc.Heading("I. KẾT QUẢ THỰC HIỆN");
        if (v.Summary.Length > 0)
        {
            foreach (var line in v.Summary.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                doc.Paragraph(line);
            }
        }

        if (v.Obligation.ReportsOnPlan)
        {
            WritePlanFigures(doc, v);
        }
        else
        {
            doc.Heading("1. Tình hình gửi báo cáo của các đơn vị");
            doc.Table(["Đơn vị", "Báo cáo kỳ", "Tình trạng"],
                v.Units.Select(u => (IReadOnlyList<string>)[u.Unit, StateText(u.Report), u.Status is { } st ? StatusText(st) : "Chưa gửi"]), [8, 3, 3]);
        }

        if (v.UnitNarratives.Count > 0)
        {
            doc.Heading((v.Obligation.ReportsOnPlan ? "4" : "2") + ". Báo cáo của các đơn vị");
            foreach (var (unit, narrative) in v.UnitNarratives)
            {
                doc.Paragraph(unit + ": " + narrative);
            }
        }

        doc.Heading("II. TỒN TẠI, HẠN CHẾ");
        doc.Paragraph(v.Difficulties.Length > 0 ? v.Difficulties : "Không có.");
        doc.Heading("III. ĐỀ XUẤT, KIẾN NGHỊ");
        doc.Paragraph(v.Proposals.Length > 0 ? v.Proposals : "Không có.");
        var recipients = v.Obligation.ReportsOnPlan
            ? (await agencies.FindAsync(agencyId, ct))?.RecipientsOr(DefaultRecipients) ?? DefaultRecipients
            : [.. (v.Obligation.Recipient.Length > 0 ? new[] { v.Obligation.Recipient + " (b/c)" } : []), "Lãnh đạo cơ quan", "Lưu: VT"];
        var bytes = doc.Finish(new DocumentFooter(plan.SignerTitle, plan.SignerName, recipients));
        return ($"bao-cao-{v.Obligation.Code.ToLowerInvariant()}-{v.Year}-{v.Period.Kind.ToString().ToLowerInvariant()}.docx", bytes);
    }

    /// <summary>The document's subject from the type's name: "Báo cáo kết quả…" is a "Báo cáo" about "Kết quả…".</summary>
    internal static string Subject(string typeName)
    {
        var name = typeName.Trim();
        const string prefix = "Báo cáo ";
        if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && name.Length > prefix.Length)
        {
            name = name[prefix.Length..];
            return char.ToUpperInvariant(name[0]) + name[1..];
        }

        return name;
    }

    private static void WritePlanFigures(Decree30Document doc, ConsolidatedView v)
    {
        doc.Heading("1. Tình hình thực hiện nhiệm vụ theo nội dung");
        doc.Table(["Mục", "Nội dung", "Số nhiệm vụ", "Hoàn thành", "Đang thực hiện", "Chưa triển khai", "Chậm"],
            v.Sections.Select(s => (IReadOnlyList<string>)[s.Code, s.Heading, N(s.Total), N(s.Done), N(s.InProgress), N(s.NotStarted), N(s.Late)]),
            [3, 12, 3, 3, 3, 3, 3]);
        doc.Heading("2. Tình hình thực hiện theo đơn vị");
        doc.Table(["Đơn vị", "Chủ trì", "Hoàn thành", "Quá hạn", "Báo cáo kỳ"],
            v.Units.Select(u => (IReadOnlyList<string>)[u.Unit, N(u.Led), N(u.Done), N(u.Overdue), StateText(u.Report)]),
            [8, 2, 2, 2, 3]);
        if (v.Targets.Count > 0)
        {
            doc.Heading("3. Kết quả thực hiện các chỉ tiêu");
            doc.Table(["Nhiệm vụ", "Chỉ tiêu", "Nội dung", "Kết quả"], v.Targets.Select(t => (IReadOnlyList<string>)[t.Task, t.Value, t.Measure, t.Actual ?? "Chưa báo cáo"]),
                [2, 2, 9, 4]);
        }
    }

    internal static string PeriodName(PeriodKind kind) => PeriodNames.Of(kind);

    /// <summary>"Nơi nhận" when the agency set none (Organisation → the agency's page).</summary>
    private static readonly IReadOnlyList<string> DefaultRecipients = ["Sở Nội vụ (b/c)", "Lãnh đạo cơ quan", "Lưu: VT"];

    internal static string StateText(ReportState s) => s switch
    {
        ReportState.OnTime => "Đúng hạn",
        ReportState.Late => "Muộn",
        ReportState.Missing => "Chưa gửi",
        _ => "Chưa đến hạn",
    };

    private static string StatusText(UnitReportStatus s) => s switch
    {
        UnitReportStatus.Submitted => "Đã gửi",
        UnitReportStatus.Returned => "Trả lại",
        UnitReportStatus.Accepted => "Đã tiếp nhận",
        UnitReportStatus.Approved => "Đã duyệt",
        _ => "Đang soạn",
    };

    private static string N(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
