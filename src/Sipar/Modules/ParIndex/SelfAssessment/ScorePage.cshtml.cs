using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Files;
using Sipar.Infrastructure.Web;

namespace Sipar.Modules.ParIndex;

/// <summary>One item of an assessment: self-score, evidence (files or links to Sipar records), explanation, the computed drill-down and the appraisal.</summary>
internal sealed class ScorePageModel(Assessments assessments, ParAccess access, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    [BindProperty(SupportsGet = true)]
    public Guid AssessmentId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid ScoreId { get; set; }

    public AssessmentView View { get; private set; } = null!;

    public ParScore Score { get; private set; } = null!;

    public FrameworkItem Item { get; private set; } = null!;

    public IReadOnlyList<LinkCandidate> Candidates { get; private set; } = [];

    public bool CanSelfScore { get; private set; }

    [BindProperty]
    public string? Points { get; set; }

    [BindProperty]
    public string? Explanation { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        // One points field: the self-score while it is a draft, the appraised points (the self-score to start from) during appraisal.
        var shown = View.CanAppraise ? Score.AppraisedPoints ?? Score.SelfPoints : Score.SelfPoints;
        Points = shown is { } p ? ParCalculator.Show(p) : null;
        Explanation = Score.Explanation;
        Reason = Score.AppraisalReason;
        if (Score.NeedsExplanation)
        {
            ModelState.AddModelError(nameof(Explanation), Localizer["Par.ExplanationRequired", Score.Code]);
        }
    }

    /// <summary>Saved even without evidence; the page then asks for the explanation beside its field (see <see cref="OnGetAsync"/>).</summary>
    public Task<IActionResult> OnPostSelfAsync(CancellationToken ct) =>
        Try(() => assessments.SelfScoreAsync(AssessmentId, ScoreId, ParsePoints(Points, nameof(Points)), Explanation, ct), "Common.Saved", ct);

    public Task<IActionResult> OnPostFileAsync(IFormFile? evidence, CancellationToken ct) => Try(
        async () =>
        {
            await assessments.EnsureMaySelfScoreAsync(AssessmentId, ScoreId, ct);
            var (name, type, content) = await EvidenceCheck.ReadAsync(evidence, ct);
            await assessments.AddEvidenceFileAsync(AssessmentId, ScoreId, name, type, content, ct);
        },
        "Task.EvidenceSaved", ct);

    public Task<IActionResult> OnPostLinkAsync(string? link, CancellationToken ct) => Try(
        async () =>
        {
            await assessments.EnsureMaySelfScoreAsync(AssessmentId, ScoreId, ct);
            var parts = (link ?? "").Split(':');
            await (parts.Length == 2 && Enum.TryParse<EvidenceKind>(parts[0], out var kind) && Guid.TryParse(parts[1], out var id)
                ? assessments.AddEvidenceLinkAsync(AssessmentId, ScoreId, kind, id, ct)
                : throw new DomainValidationException("Link", "Par.LinkUnknown"));
        },
        "Task.EvidenceSaved", ct);

    public Task<IActionResult> OnPostRemoveAsync(Guid evidenceId, CancellationToken ct) =>
        Try(() => assessments.RemoveEvidenceAsync(AssessmentId, ScoreId, evidenceId, ct), "Par.EvidenceRemoved", ct);

    public Task<IActionResult> OnPostAppraiseAsync(CancellationToken ct) =>
        Try(() => assessments.AppraiseAsync(AssessmentId, ScoreId, ParsePoints(Points, "AppraisedPoints"), Reason, ct), "Common.Saved", ct);

    /// <summary>Points as typed: "1,5" or "1.5"; empty clears them; anything else is refused beside the field.</summary>
    internal static decimal? ParsePoints(string? text, string field) =>
        string.IsNullOrWhiteSpace(text) ? null : FrameworkReader.Number(text) ?? throw new DomainValidationException(field, "Par.PointsInputNotNumber", text.Trim());

    private string Here => $"/par/assessments/{AssessmentId}/items/{ScoreId}";

    private Task<IActionResult> Try(Func<Task> action, string done, CancellationToken ct) => RunAsync(action, done, Here, () => LoadAsync(ct));

    private async Task LoadAsync(CancellationToken ct)
    {
        View = await assessments.GetAsync(AssessmentId, ct);
        Score = View.Assessment.Score(ScoreId);
        Item = View.Framework.Items.First(i => i.Id == Score.ItemId);
        CanSelfScore = View.Assessment.Status == AssessmentStatus.Draft && access.CanSelfScore(View.Assessment, Score);
        if (CanSelfScore)
        {
            Candidates = await assessments.LinkCandidatesAsync(View.Assessment.AgencyId, View.Campaign.Year, ct);
        }
    }
}
