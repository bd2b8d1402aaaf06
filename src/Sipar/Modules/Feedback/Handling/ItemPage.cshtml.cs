using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Web;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.Feedback;

/// <summary>One feedback item: what was sent (contact details only here, for its handlers), the timeline and the actions the person may take now.</summary>
internal sealed class FeedbackItemPageModel(FeedbackDesk desk, IAgencies agencies, SiparDbContext db, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public int? Version { get; set; }

    [BindProperty]
    public Guid? CategoryId { get; set; }

    [BindProperty]
    public Guid? NamedUnitId { get; set; }

    [BindProperty]
    public Guid? UnitId { get; set; }

    [BindProperty]
    public string? ReferredTo { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    [BindProperty]
    public string? Answer { get; set; }

    [BindProperty]
    public string? PublicQuestion { get; set; }

    [BindProperty]
    public string? PublicAnswer { get; set; }

    [BindProperty]
    public bool PersonalMatter { get; set; }

    [BindProperty]
    public string? Target { get; set; }

    public FeedbackView View { get; private set; } = null!;

    public IReadOnlyList<UnitInfo> Units { get; private set; } = [];

    public IReadOnlyList<FeedbackCategory> Categories { get; private set; } = [];

    /// <summary>The approver asked to see what will be public before approving.</summary>
    public bool Previewing { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnGetAttachmentAsync(Guid file, CancellationToken ct)
    {
        var (name, content) = await desk.AttachmentAsync(Id, file, ct);
        // As evidence: always a download, never rendered, sandboxed.
        Response.Headers.XContentTypeOptions = "nosniff";
        Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return File(content, "application/octet-stream", name);
    }

    public Task<IActionResult> OnPostClassifyAsync(CancellationToken ct) => Run(() => desk.ClassifyAsync(Id, CategoryId ?? Guid.Empty, NamedUnitId, Version, ct), ct);

    public Task<IActionResult> OnPostReferAsync(CancellationToken ct) => Run(() => desk.ReferAsync(Id, ReferredTo, Note, Version, ct), ct);

    public Task<IActionResult> OnPostAssignAsync(CancellationToken ct) => Run(() => desk.AssignAsync(Id, UnitId ?? Guid.Empty, Version, ct), ct);

    public Task<IActionResult> OnPostAnswerAsync(CancellationToken ct) => Run(() => desk.AnswerAsync(Id, Answer, Version, ct), ct);

    public Task<IActionResult> OnPostReturnAsync(CancellationToken ct) => Run(() => desk.ReturnToUnitAsync(Id, Note, Version, ct), ct);

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Previewing = true;
        return Page();
    }

    public Task<IActionResult> OnPostApproveAsync(CancellationToken ct) =>
        Run(() => desk.ApproveAsync(Id, Answer, PublicQuestion, PublicAnswer, PersonalMatter, Version, ct), ct);

    public Task<IActionResult> OnPostSendAsync(CancellationToken ct) => Run(() => desk.SendAsync(Id, Version, ct), ct);

    public Task<IActionResult> OnPostMergeAsync(CancellationToken ct) => Run(() => desk.MergeAsync(Id, Target, Version, ct), ct);

    private Task<IActionResult> Run(Func<Task> action, CancellationToken ct) => RunAsync(action, "Feedback.Saved", $"/feedback/{Id}", () => LoadAsync(ct));

    private async Task LoadAsync(CancellationToken ct)
    {
        View = await desk.GetAsync(Id, ct);
        Units = await agencies.UnitsAsync(View.Item.AgencyId, ct);
        Categories = await db.Set<FeedbackCategory>().AsNoTracking().Where(c => c.Active).OrderBy(c => c.Order).ToListAsync(ct);
        if (!Request.HasFormContentType)
        {
            Answer = View.Item.Answer;
            PublicQuestion = View.SuggestedQuestion;
            PublicAnswer = View.SuggestedAnswer;
        }
    }
}
