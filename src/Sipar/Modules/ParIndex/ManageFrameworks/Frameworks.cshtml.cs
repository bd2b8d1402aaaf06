using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Files;
using Sipar.Infrastructure.Time;
using Sipar.Infrastructure.Web;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.ParIndex;

/// <summary>Frameworks: list, and import (preview with every error by row → import). Administrators and appraisers.</summary>
internal sealed class FrameworksModel(FrameworkAdministration frameworks, TimeProvider clock, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    public IReadOnlyList<FrameworkSummary> Frameworks { get; private set; } = [];

    public FrameworkPreview? Preview { get; private set; }

    [BindProperty]
    public int? Year { get; set; }

    [BindProperty]
    public AgencyKind Kind { get; set; } = AgencyKind.Department;

    public string? FileContent { get; private set; }

    public string? FileName { get; private set; }

    public bool CanManage => frameworks.CanManage;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Year ??= VietnamTime.Today(clock).Year;
        Frameworks = await frameworks.ListAsync(ct);
    }

    public async Task<IActionResult> OnPostPreviewAsync(IFormFile? upload, CancellationToken ct)
    {
        Frameworks = await frameworks.ListAsync(ct);
        try
        {
            var content = await UploadCheck.ReadUploadAsync(upload, ParIndexModule.MaxFileBytes, [".xlsx", ".json"], "Par.FileType", ct);
            FileName = Path.GetFileName(upload!.FileName);
            Preview = frameworks.Preview(FileName, content);
            FileContent = Convert.ToBase64String(content);
            Year ??= Preview.File.Year;
        }
        catch (ForbiddenException)
        {
            return Forbid();
        }
        catch (DomainValidationException e)
        {
            e.AddTo(ModelState, Localizer);
        }

        return Page();
    }

    public Task<IActionResult> OnPostImportAsync(string? content, string? fileName, CancellationToken ct)
    {
        Guid id = default;
        return RunAsync(
            async () => id = await frameworks.ImportAsync(fileName ?? "", UploadCheck.FromPreview(content), Year, Kind, null, ct),
            "Par.Imported", "/par/frameworks", async () => Frameworks = await frameworks.ListAsync(ct));
    }

    public string Message(FrameworkError e) => new LabelLocalizer(Localizer)[e.MessageKey, e.Args];
}
