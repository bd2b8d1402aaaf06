using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Files;
using Sipar.Infrastructure.Web;
using Sipar.Modules.Accounts;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.Plans;

/// <summary>The agency's report types: the list, one type's form, and the JSON import (preview, then confirm).</summary>
internal sealed class ReportTypesPageModel(ReportTypes types, CurrentUser me, Capabilities can, IAgencies agencies, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    [BindProperty(SupportsGet = true)]
    public Guid? Agency { get; set; }

    /// <summary>The type being edited (<c>?edit=</c>); none while adding.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Edit { get; set; }

    [BindProperty]
    public ReportTypeForm Form { get; set; } = new();

    [BindProperty]
    public string? FileContent { get; set; }

    public Guid AgencyId { get; private set; }

    public IReadOnlyList<ReportTypeView> Types { get; private set; } = [];

    public IReadOnlyList<UnitInfo> Units { get; private set; } = [];

    public IReadOnlyList<ReportTypeImportLine>? Preview { get; private set; }

    public bool IsOffice => can.Has(Capability.RunPlan, AgencyId);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Edit is { } id && Types.FirstOrDefault(x => x.Id == id) is { } type)
        {
            Form = ReportTypeForm.From(type);
        }

        return Page();
    }

    public Task<IActionResult> OnPostSaveAsync(CancellationToken ct) =>
        RunAsync(
            async () =>
            {
                await LoadAsync(ct);
                can.Ensure(Capability.RunPlan, AgencyId);
                await types.SaveAsync(AgencyId, Edit, Form.Input(), ct);
                return $"/reports/types?agency={AgencyId}";
            },
            "Common.Saved", () => LoadAsync(ct), "Form.");

    public async Task<IActionResult> OnPostReadAsync(IFormFile? upload, CancellationToken ct)
    {
        await LoadAsync(ct);
        if (!IsOffice)
        {
            return Forbid();
        }

        try
        {
            var bytes = await UploadCheck.ReadUploadAsync(upload, ReportTypes.MaxFileBytes, [".json"], "ReportType.FileType", ct);
            FileContent = Convert.ToBase64String(bytes);
            Preview = await types.ImportAsync(AgencyId, bytes, apply: false, ct);
        }
        catch (DomainValidationException e)
        {
            e.AddTo(ModelState, Localizer);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostApplyAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (!IsOffice)
        {
            return Forbid();
        }

        try
        {
            Preview = await types.ImportAsync(AgencyId, UploadCheck.FromPreview(FileContent), apply: true, ct);
            if (Preview.All(l => l.Errors.Count == 0))
            {
                TempData["Flash"] = Localizer["ReportTypes.Imported", Preview.Count].Value;
                return Redirect($"/reports/types?agency={AgencyId}");
            }

            ModelState.AddModelError("", Localizer["ReportTypes.HasErrors"]);
        }
        catch (DomainValidationException e)
        {
            e.AddTo(ModelState, Localizer);
        }

        return Page();
    }

    public string Message(FieldError e) => new LabelLocalizer(Localizer)[e.MessageKey, e.Args];

    private async Task LoadAsync(CancellationToken ct)
    {
        AgencyId = Agency ?? me.AgencyId ?? throw new NotFoundException();
        if (await agencies.FindAsync(AgencyId, ct) is null)
        {
            throw new NotFoundException();
        }

        Types = await types.ListAsync(AgencyId, ct);
        Units = await agencies.UnitsAsync(AgencyId, ct);
    }
}

/// <summary>The report type form as posted.</summary>
internal sealed class ReportTypeForm
{
    public string? Code { get; set; }

    public string? Name { get; set; }

    public string? LegalBasis { get; set; }

    public Guid? LeadUnitId { get; set; }

    public List<Guid> Contributors { get; set; } = [];

    public Periodicity Periodicity { get; set; } = Periodicity.Quarterly;

    public int? CutOffDay { get; set; }

    public string? DueRule { get; set; }

    public string? InternalRule { get; set; }

    public string? Recipient { get; set; }

    public bool ReportsOnPlan { get; set; }

    public string? Schedule { get; set; }

    public static ReportTypeForm From(ReportTypeView v)
    {
        ArgumentNullException.ThrowIfNull(v);
        return new()
        {
            Code = v.Code, Name = v.Name, LegalBasis = v.LegalBasis, LeadUnitId = v.LeadUnitId, Contributors = [.. v.ContributorIds], Periodicity = v.Periodicity,
            CutOffDay = v.CutOffDay, DueRule = v.DueRule, InternalRule = v.InternalRule, Recipient = v.Recipient, ReportsOnPlan = v.ReportsOnPlan, Schedule = v.Schedule,
        };
    }

    public ReportTypeInput Input() => new(Code, Name, LegalBasis, LeadUnitId, Contributors, Periodicity, CutOffDay, DueRule, InternalRule, Recipient, ReportsOnPlan, Schedule);
}
