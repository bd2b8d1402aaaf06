using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Web;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.Feedback;

/// <summary>Gửi phản ánh, kiến nghị: the public form (no login, no JavaScript, phone first), with the guidance and the agency's contacts.</summary>
[AllowAnonymous]
[RequestFormLimits(MultipartBodyLengthLimit = MaxBody)]
[RequestSizeLimit(MaxBody)]
internal sealed class SubmitPageModel(FeedbackIntake intake, FeedbackChallenge challenge, IAgencies agencies, FeedbackOptions options, IStringLocalizer<SharedResource> t)
    : SiparPageModel(t)
{
    /// <summary>Three attachments of 5 MB and the texts.</summary>
    public const int MaxBody = 16 * 1024 * 1024;

    [BindProperty(SupportsGet = true)]
    public Guid? Agency { get; set; }

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

    [BindProperty]
    public string? ChallengeToken { get; set; }

    [BindProperty]
    public string? ChallengeAnswer { get; set; }

    /// <summary>The honeypot: hidden from people, filled by naive robots.</summary>
    [BindProperty]
    public string? Website { get; set; }

    public IReadOnlyList<FeedbackCategory> Categories { get; private set; } = [];

    public IReadOnlyList<AgencyInfo> Agencies { get; private set; } = [];

    public AgencyInfo? Chosen { get; private set; }

    public FeedbackChallenge.Issued Question { get; private set; } = null!;

    public FeedbackReceipt? Receipt { get; private set; }

    public FeedbackOptions Options => options;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(List<IFormFile>? attachments, CancellationToken ct)
    {
        try
        {
            Receipt = await intake.SubmitPublicAsync(Agency ?? Guid.Empty,
                new FeedbackIntakeInput(CategoryId ?? Guid.Empty, Description ?? "", ProcedureCode, null, DossierCode, Name, Phone, Email, Anonymous, ConsentToPublish),
                FeedbackModule.Files(attachments), ChallengeToken, ChallengeAnswer, Website, HttpContext.Connection.RemoteIpAddress, ct);

            // The receipt shows no form: only the agency (for its contacts at the foot) is read again.
            Chosen = await agencies.FindAsync(Agency!.Value, ct);
            return Page();
        }
        catch (DomainValidationException e)
        {
            e.AddTo(ModelState, Localizer);
            ChallengeAnswer = null;
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Categories = await intake.CategoriesAsync(ct);
        Agencies = await agencies.ListAsync(ct);
        Chosen = Agency is { } a ? Agencies.FirstOrDefault(x => x.Id == a) : null;
        Question = challenge.Issue();
    }
}
