using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Web;

namespace Sipar.Modules.ParIndex;

/// <summary>
/// One agency's assessment on one screen: items by area with unit, self-score, evidence and (when visible) the
/// appraisal; the office assigns units and refreshes computed items, leaders submit, the agency answers explanation
/// requests, the appraiser requests explanations, accepts and finalises.
/// </summary>
internal sealed class AssessmentPageModel(Assessments assessments, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    [BindProperty(SupportsGet = true)]
    public Guid AssessmentId { get; set; }

    public AssessmentView View { get; private set; } = null!;

    public DateOnly Today => assessments.Today;

    [BindProperty]
    public string? Difficulties { get; set; }

    [BindProperty]
    public string? Proposals { get; set; }

    /// <summary>Answers and requests as typed, shown again when they are refused, so nothing is lost.</summary>
    public IReadOnlyDictionary<Guid, string> Typed { get; private set; } = new Dictionary<Guid, string>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Difficulties = View.Assessment.Difficulties;
        Proposals = View.Assessment.Proposals;
    }

    public Task<IActionResult> OnPostAssignAsync(Dictionary<Guid, Guid?>? units, CancellationToken ct) =>
        Try(() => assessments.AssignAsync(AssessmentId, units ?? [], ct), "Par.Assigned", ct);

    public Task<IActionResult> OnPostSuggestAsync(CancellationToken ct) => Try(() => assessments.ApplySuggestionsAsync(AssessmentId, ct), "Par.Assigned", ct);

    public Task<IActionResult> OnPostRefreshAsync(CancellationToken ct) => Try(() => assessments.RefreshComputedAsync(AssessmentId, ct), "Par.Refreshed", ct);

    public Task<IActionResult> OnPostDescribeAsync(CancellationToken ct) =>
        Try(() => assessments.DescribeAsync(AssessmentId, Difficulties, Proposals, ct), "Common.Saved", ct);

    /// <param name="version">The assessment's version when the page was loaded: a change made since is a conflict, not reviewed unseen.</param>
    public Task<IActionResult> OnPostReviewAsync(int? version, CancellationToken ct) => Try(() => assessments.MarkReviewedAsync(AssessmentId, ct, version), "Par.ReviewedDone", ct);

    /// <param name="version">As for the review: leadership submits what it saw, or is told it changed.</param>
    /// <remarks>Submitting locks the self-assessment: the first post asks, the confirmed one submits.</remarks>
    public Task<IActionResult> OnPostSubmitAsync(int? version, bool confirmed, CancellationToken ct) =>
        confirmed
            ? Try(() => assessments.SubmitAsync(AssessmentId, ct, version), "Par.Submitted", ct)
            : AskFirstAsync(
                async () =>
                {
                    await assessments.CheckSubmitAsync(AssessmentId, ct);
                    return [];
                },
                _ => new Confirmation("Submit", Localizer["Par.SubmitConfirmTitle"], Localizer["Par.SubmitConfirmLocks"], [],
                    [new("version", version?.ToString(System.Globalization.CultureInfo.InvariantCulture))], Localizer["Par.Submit"], $"/par/assessments/{AssessmentId}"),
                () => LoadAsync(ct));

    public Task<IActionResult> OnPostAnswerAsync(Dictionary<Guid, string>? answers, CancellationToken ct)
    {
        Typed = answers ?? [];
        return Try(() => assessments.AnswerAsync(AssessmentId, answers ?? [], ct), "Par.Answered", ct);
    }

    public Task<IActionResult> OnPostRequestAsync(Dictionary<Guid, string>? requests, CancellationToken ct)
    {
        Typed = requests ?? [];
        return Try(() => assessments.RequestExplanationAsync(AssessmentId, requests ?? [], ct), "Par.ExplanationRequestedDone", ct);
    }

    public Task<IActionResult> OnPostAcceptAsync(CancellationToken ct) => Try(() => assessments.AcceptRemainingAsync(AssessmentId, ct), "Par.AcceptedRemaining", ct);

    /// <remarks>Finalising locks the appraisal: the first post asks, the confirmed one finalises.</remarks>
    public Task<IActionResult> OnPostFinaliseAsync(bool confirmed, CancellationToken ct) =>
        confirmed
            ? Try(() => assessments.FinaliseAsync(AssessmentId, ct), "Par.FinalisedDone", ct)
            : AskFirstAsync(
                async () =>
                {
                    await assessments.CheckFinaliseAsync(AssessmentId, ct);
                    return [];
                },
                _ => new Confirmation("Finalise", Localizer["Par.FinaliseConfirmTitle"], Localizer["Par.FinaliseConfirmLocks"], [], [], Localizer["Par.Finalise"], $"/par/assessments/{AssessmentId}"),
                () => LoadAsync(ct));

    private Task<IActionResult> Try(Func<Task> action, string done, CancellationToken ct) =>
        RunAsync(action, done, $"/par/assessments/{AssessmentId}", () => LoadAsync(ct));

    private async Task LoadAsync(CancellationToken ct) => View = await assessments.GetAsync(AssessmentId, ct);
}
