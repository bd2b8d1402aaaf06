using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Localization;
using Sipar.Infrastructure.Web;
using Sipar.Modules.Accounts;

namespace Sipar.Modules.Plans;

internal sealed class ViewPlanModel(PlanQueries plans, PlanLifecycle lifecycle, PlanFollowUp followUp, Capabilities can, ReportTypes reportTypes, UnitReporting reporting, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    /// <summary>The agency's report types a duty can be made of (not the CCHC report, which every issued plan has), for the office of an issued plan.</summary>
    public IReadOnlyList<ReportTypeView> ReportTypes { get; private set; } = [];

    /// <summary>Whether the office may create report duties here: an issued plan, and types to choose from.</summary>
    public bool CanCreateReports => Plan.Status == PlanStatus.Issued && ReportTypes.Count > 0 && can.Has(Capability.RunPlan, Plan.AgencyId);

    /// <summary>A task that speaks of reporting ("Tham mưu báo cáo định kỳ…") can create a report duty.</summary>
    public static bool SpeaksOfReports(string text) => VietnameseText.Fold(text).Contains("bao cao", StringComparison.Ordinal);

    /// <summary>
    /// The type a task's words point to, preselected: the one with most pairs of consecutive name words in the text
    /// ("chuyển đổi", "đổi số"), pairs of common words ("báo cáo", "kết quả") left out; none when nothing matches.
    /// </summary>
    public Guid? Guess(string text)
    {
        var folded = " " + string.Join(' ', VietnameseText.Fold(text).Split(' ').Select(w => w.Trim(',', '.', ';', ':', '(', ')'))) + " ";
        var best = ReportTypes.Select(type =>
        {
            var words = VietnameseText.Fold(type.Name).Split(' ');
            var score = words.Zip(words.Skip(1)).Count(p => !(CommonWords.Contains(p.First) && CommonWords.Contains(p.Second)) && folded.Contains($" {p.First} {p.Second} ", StringComparison.Ordinal));
            return (type.Id, Score: score);
        }).OrderByDescending(x => x.Score).FirstOrDefault();
        return best.Score > 0 ? best.Id : null;
    }

    private static readonly HashSet<string> CommonWords = ["bao", "cao", "ket", "qua", "thuc", "hien", "tinh", "hinh", "cong", "tac", "theo", "cua", "cac", "ve", "va", "so", "ve"];

    /// <summary>Creates a report duty of a type from a task (or from the plan's duties when none) and opens its matrix.</summary>
    public Task<IActionResult> OnPostReportAsync(Guid id, Guid typeId, Guid? taskId, CancellationToken ct) =>
        RunAsync(async () => $"/plans/{id}/reports?obligation={await reporting.AddObligationAsync(id, typeId, taskId, ct)}", "Obligation.Created", () => LoadAsync(id, ct));

    public IReadOnlyList<FlagLine> Flags { get; private set; } = [];

    public PlanView Plan { get; private set; } = null!;

    [BindProperty]
    public string? IssueNumber { get; set; }

    [BindProperty]
    public DateOnly? IssueDate { get; set; }

    public bool CanIssue => Plan.Status == PlanStatus.Draft && can.Has(Capability.RunPlan, Plan.AgencyId);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        IssueNumber = Plan.Number;
        IssueDate = Plan.IssuedOn;
        return Page();
    }

    public bool CanClose => Plan.Status == PlanStatus.Issued && can.Has(Capability.RunPlan, Plan.AgencyId);

    public Task<IActionResult> OnPostCloseAsync(Guid id, CancellationToken ct) =>
        RunAsync(() => lifecycle.CloseAsync(id, ct), "Plan.ClosedDone", $"/plans/{id}", () => LoadAsync(id, ct));

    /// <summary>Issuing locks the plan: the first post checks the number and date and shows what will be locked (and any plan it may duplicate); the confirmed post issues.</summary>
    public Task<IActionResult> OnPostIssueAsync(Guid id, bool confirmed, CancellationToken ct) =>
        confirmed
            ? RunAsync(() => lifecycle.IssueAsync(id, IssueNumber, IssueDate, ct), "Plan.IssuedDone", $"/plans/{id}", () => LoadAsync(id, ct))
            : AskFirstAsync(
                async () => (await lifecycle.CheckIssueAsync(id, IssueNumber, IssueDate, ct))
                    .Select(d => Localizer["Plan.DuplicateIssued", d.Number, Show.Date(d.IssuedOn) ?? "…"].Value).ToList(),
                warnings => new Confirmation(
                    "Issue", Localizer["Plan.IssueConfirmTitle"], Localizer["Plan.IssueConfirmLocks", IssueNumber?.Trim() ?? "", Show.Date(IssueDate) ?? ""], warnings,
                    [new("IssueNumber", IssueNumber), new("IssueDate", Show.Date(IssueDate))], Localizer["Plan.IssueConfirm"], $"/plans/{id}"),
                () => LoadAsync(id, ct));

    private async Task LoadAsync(Guid id, CancellationToken ct)
    {
        Plan = await plans.GetAsync(id, ct);
        Flags = await followUp.FlagsAsync(id, Plan.AgencyId, ct);
        ReportTypes = Plan.Status == PlanStatus.Issued && can.Has(Capability.RunPlan, Plan.AgencyId)
            ? (await reportTypes.ListAsync(Plan.AgencyId, ct)).Where(x => !x.ReportsOnPlan).ToList()
            : [];
    }
}
