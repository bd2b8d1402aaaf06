using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Files;
using Sipar.Infrastructure.Web;
using Sipar.Modules.Accounts;

namespace Sipar.Modules.Organisation;

/// <summary>Upload → preview (nothing saved) → apply. The file's content rides along in the form between the two steps.</summary>
[Authorize(Policy = Policies.Administer)]
internal sealed class ImportUnitsModel(UnitCsvImport import, AgencyAdministration agencies, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public string AgencyName { get; private set; } = "";

    public UnitImportPreview? Preview { get; private set; }

    /// <summary>The previewed file, base64, posted back by the Apply button.</summary>
    public string? FileContent { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => AgencyName = (await agencies.GetAsync(Id, ct)).Name;

    public async Task<IActionResult> OnPostPreviewAsync(IFormFile? upload, CancellationToken ct)
    {
        AgencyName = (await agencies.GetAsync(Id, ct)).Name;
        try
        {
            var bytes = await UploadCheck.ReadCsvAsync(upload, UnitCsvImport.MaxBytes, ct);
            Preview = await import.PreviewAsync(Id, bytes, ct);
            FileContent = Convert.ToBase64String(bytes);
        }
        catch (DomainValidationException e)
        {
            e.AddTo(ModelState, Localizer);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostApplyAsync(string? content, CancellationToken ct)
    {
        AgencyName = (await agencies.GetAsync(Id, ct)).Name;
        var result = await import.ApplyAsync(Id, UploadCheck.FromPreview(content), ct);
        if (!result.CanApply)
        {
            Preview = result;
            FileContent = content;
            return Page();
        }

        TempData["Flash"] = Localizer["Import.Done", result.Rows.Count(r => r.Action == ImportAction.Create), result.Rows.Count(r => r.Action == ImportAction.Update)].Value;
        return Redirect($"/admin/agencies/{Id}");
    }

    public string Message(FieldError e) => new LabelLocalizer(Localizer)[e.MessageKey, e.Args];
}
