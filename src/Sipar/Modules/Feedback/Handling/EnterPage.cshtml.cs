using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Web;
using Sipar.Modules.Accounts;

namespace Sipar.Modules.Feedback;

/// <summary>The office enters feedback that came by hotline, letter, email or in person (no challenge; the channel is recorded).</summary>
[RequestFormLimits(MultipartBodyLengthLimit = SubmitPageModel.MaxBody)]
[RequestSizeLimit(SubmitPageModel.MaxBody)]
internal sealed class FeedbackEnterPageModel(FeedbackIntake intake, CurrentUser me, Capabilities can, FeedbackOptions options, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    [BindProperty]
    public FeedbackChannel Channel { get; set; } = FeedbackChannel.Hotline;

    [BindProperty]
    public Guid? CategoryId { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public string? ProcedureCode { get; set; }

    [BindProperty]
    public string? DossierCode { get; set; }

    [BindProperty]
    public bool Anonymous { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Phone { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public bool ConsentToPublish { get; set; }

    public IReadOnlyList<FeedbackCategory> Categories { get; private set; } = [];

    public FeedbackOptions Options => options;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (me.AgencyId is not { } agency || !can.Has(Capability.HandleFeedback, agency))
        {
            return Forbid();
        }

        Categories = await intake.CategoriesAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostAsync(List<IFormFile>? attachments, CancellationToken ct) => RunAsync(async () =>
    {
        var receipt = await intake.EnterAsync(me.AgencyId ?? Guid.Empty,
            new FeedbackIntakeInput(CategoryId ?? Guid.Empty, Description ?? "", ProcedureCode, null, DossierCode, Name, Phone, Email, Anonymous, ConsentToPublish),
            FeedbackModule.Files(attachments), Channel == FeedbackChannel.Web ? FeedbackChannel.Hotline : Channel, ct);
        TempData["Receipt"] = receipt.Code + " / " + receipt.Secret;
        return $"/feedback/{receipt.Id}";
    }, "Feedback.Entered", async () => Categories = await intake.CategoriesAsync(ct));
}
