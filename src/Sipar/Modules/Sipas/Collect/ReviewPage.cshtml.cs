using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Web;

namespace Sipar.Modules.Sipas;

/// <summary>Review and re-check of a wave's responses, for its survey staff.</summary>
internal sealed class ReviewPageModel(SurveyReview review, WaveAccess access, SiparDbContext db, Accounts.CurrentUser me, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public string WaveName { get; private set; } = "";

    public int RecheckPercent { get; private set; }

    public IReadOnlyList<ReviewRow> Rows { get; private set; } = [];

    public IReadOnlyList<string> ItemCodes { get; private set; } = [];

    /// <summary>The phone of each response selected for re-check (to call back).</summary>
    public IReadOnlyDictionary<Guid, string> Phones { get; private set; } = new Dictionary<Guid, string>();

    private string Here => $"/sipas/waves/{Id}/review";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostReviewAsync(Guid responseId, ReviewState state, string? reason, CancellationToken ct) =>
        Act(() => review.ReviewAsync(Id, responseId, state, reason, ct), ct);

    /// <summary>Changes one answer of a submitted response; the reason is required and kept.</summary>
    public Task<IActionResult> OnPostCorrectAsync(Guid responseId, string? itemCode, string? value, string? reason, CancellationToken ct) =>
        Act(() => review.CorrectAsync(Id, responseId, itemCode ?? "", value, reason, me.FullName, ct), ct);

    public Task<IActionResult> OnPostDrawRecheckAsync(CancellationToken ct) => Act(() => review.DrawRecheckAsync(Id, ct), ct);

    public Task<IActionResult> OnPostRecheckAsync(Guid responseId, RecheckState outcome, string? note, CancellationToken ct) =>
        Act(() => review.RecheckAsync(Id, responseId, outcome, note, ct), ct);

    private async Task<IActionResult> Act(Func<Task> action, CancellationToken ct)
    {
        await access.EnsureContactsAsync(Id, ct);
        return await RunAsync(action, "Sipas.ReviewSaved", Here, () => LoadAsync(ct));
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var wave = await access.EnsureContactsAsync(Id, ct);
        WaveName = wave.Name;
        RecheckPercent = (int)Math.Round(wave.RecheckShare * 100);
        Rows = await review.ListAsync(Id, ct);
        ItemCodes = [.. (await db.Set<Questionnaire>().AsNoTracking().Where(q => q.Id == wave.QuestionnaireId).Select(q => q.ItemCodes).FirstAsync(ct)).Split(',')];
        var selected = Rows.Where(r => r.Recheck != RecheckState.None && r.ContactId is not null).ToDictionary(r => r.ContactId!.Value, r => r.Id);
        var ids = selected.Keys.ToList();
        Phones = (await db.Set<Contact>().AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.Name, c.Phone, c.Email }).ToListAsync(ct))
            .ToDictionary(c => selected[c.Id], c => $"{c.Name} · {c.Phone ?? c.Email}");
    }
}
