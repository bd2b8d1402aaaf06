using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Files;
using Sipar.Infrastructure.Time;
using Sipar.Infrastructure.Web;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.ParIndex;

/// <summary>A campaign: deadlines and classes, participating agencies and their status, survey points, publication.</summary>
internal sealed class CampaignPageModel(ParCampaigns campaigns, ParAccess access, TimeProvider clock, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    public DateOnly Today => VietnamTime.Today(clock);

    [BindProperty(SupportsGet = true)]
    public Guid CampaignId { get; set; }

    public CampaignView View { get; private set; } = null!;

    public IReadOnlyList<(Guid Id, string Name, AgencyKind Kind)> OtherAgencies { get; private set; } = [];

    public bool CanManage => access.ManagesCampaigns;

    [BindProperty]
    public CampaignForm Form { get; set; } = new();

    public IReadOnlyList<FrameworkError>? SurveyErrors { get; private set; }

    public int? SurveyRows { get; private set; }

    public string? SurveyContent { get; private set; }

    public string? SurveyFileName { get; private set; }

    [BindProperty]
    public string? SurveyLinks { get; set; }

    public IReadOnlyList<(string Agency, string Criterion, decimal? Points, string? ProblemKey)>? SurveyTaken { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var c = View.Campaign;
        Form = CampaignForm.Of(c);
        SurveyLinks = c.SurveyLinks;
        return Page();
    }

    public Task<IActionResult> OnPostSettingsAsync(CancellationToken ct) => RunAsync(
        async () =>
        {
            // Who may change campaigns is asked before the form is read: a caller who may not learns nothing from its errors.
            ParAccess.Ensure(access.ManagesCampaigns);
            var (self, appraisal, explanation) = Form.Deadlines();
            await campaigns.ChangeAsync(CampaignId, Form.Year, Form.Name, self, appraisal, explanation, Form.Bands, Form.SurveyHeld, ct, Form.Recipients);
        },
        "Common.Saved", Here, () => LoadAsync(ct), "Form.");

    public Task<IActionResult> OnPostAgenciesAsync(List<Guid>? agencyIds, CancellationToken ct) =>
        RunAsync(() => campaigns.AddAgenciesAsync(CampaignId, agencyIds ?? [], ct), "Common.Saved", Here, () => LoadAsync(ct));

    /// <remarks>Publishing shows the results to every agency and freezes the appraisals: the first post asks; withdrawing runs at once.</remarks>
    public Task<IActionResult> OnPostPublishAsync(bool publish, bool confirmed, CancellationToken ct) =>
        !publish || confirmed
            ? RunAsync(() => campaigns.PublishAsync(CampaignId, publish, ct), publish ? "Par.PublishedDone" : "Par.UnpublishedDone", Here, () => LoadAsync(ct))
            : AskFirstAsync(
                async () =>
                {
                    await campaigns.CheckPublishAsync(CampaignId, ct);
                    return [];
                },
                _ => new Confirmation("Publish", Localizer["Par.PublishConfirmTitle"], Localizer["Par.PublishConfirmLocks", View.Campaign.Year], [], [new("publish", "true")], Localizer["Par.Publish"], Here),
                () => LoadAsync(ct));

    public Task<IActionResult> OnPostLinkSurveyAsync(CancellationToken ct) =>
        RunAsync(() => campaigns.LinkSurveyAsync(CampaignId, SurveyLinks, ct), "Common.Saved", Here, () => LoadAsync(ct));

    /// <summary>Takes the linked SIPAS indices into every appraisable assessment and shows what each got (or why not).</summary>
    public async Task<IActionResult> OnPostApplySurveyAsync(CancellationToken ct)
    {
        try
        {
            SurveyTaken = await campaigns.ApplySurveyAsync(CampaignId, ct);
        }
        catch (DomainValidationException e)
        {
            e.AddTo(ModelState, Localizer);
        }

        await LoadAsync(ct);
        SurveyLinks = View.Campaign.SurveyLinks;
        return Page();
    }

    /// <summary>Survey points: the first post checks the file and shows what it will do; the second (with apply) saves.</summary>
    public async Task<IActionResult> OnPostSurveyAsync(IFormFile? upload, string? content, string? fileName, bool apply, CancellationToken ct)
    {
        ParAccess.Ensure(access.ManagesCampaigns);
        try
        {
            if (apply)
            {
                var (count, errors) = await campaigns.ImportSurveyAsync(CampaignId, fileName ?? "", UploadCheck.FromPreview(content), ct);
                if (errors.Count == 0)
                {
                    TempData["Flash"] = Localizer["Par.SurveyImported", count].Value;
                    return Redirect(Here);
                }

                SurveyErrors = errors;
            }
            else
            {
                var bytes = await UploadCheck.ReadTableAsync(upload, ParIndexModule.MaxFileBytes, ct);
                SurveyFileName = Path.GetFileName(upload!.FileName);
                (SurveyRows, SurveyErrors) = await campaigns.CheckSurveyAsync(CampaignId, SurveyFileName, bytes, ct);
                SurveyContent = Convert.ToBase64String(bytes);
            }
        }
        catch (DomainValidationException e)
        {
            e.AddTo(ModelState, Localizer);
        }

        await LoadAsync(ct);
        return Page();
    }

    public string Message(FrameworkError e) => new LabelLocalizer(Localizer)[e.MessageKey, e.Args];

    private string Here => $"/par/campaigns/{CampaignId}";

    private async Task LoadAsync(CancellationToken ct)
    {
        View = await campaigns.GetAsync(CampaignId, ct);
        if (CanManage)
        {
            OtherAgencies = await campaigns.AgenciesToAddAsync(CampaignId, ct);
        }
    }
}
