using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Files;
using Sipar.Infrastructure.Time;
using Sipar.Infrastructure.Web;

namespace Sipar.Modules.ParIndex;

/// <summary>
/// Loading a past year from a published table: the year's classes and survey, then the table (preview with each
/// agency's total, own maximum, index and class, and every bad row → import). Those who manage the PAR INDEX.
/// </summary>
internal sealed class ImportResultsPageModel(ParResults results, ResultsImport import, TimeProvider clock, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty]
    public string? Bands { get; set; }

    [BindProperty]
    public bool SurveyHeld { get; set; } = true;

    public ResultsImportSummary? Preview { get; private set; }

    public string? FileContent { get; private set; }

    public string? FileName { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!import.CanImport)
        {
            return Forbid();
        }

        Year ??= VietnamTime.Today(clock).Year - 1;
        await LoadSettingsAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostYearAsync(CancellationToken ct) =>
        RunAsync(() => results.ConfigureYearAsync(Year ?? 0, Bands, SurveyHeld, ct), "Common.Saved", $"/par/results/import?year={Year}", () => Task.CompletedTask);

    public async Task<IActionResult> OnPostPreviewAsync(IFormFile? upload, CancellationToken ct)
    {
        // The handler refuses those who may not import (a 403, as any refused page).
        await LoadSettingsAsync(ct);
        try
        {
            var content = await UploadCheck.ReadTableAsync(upload, ParIndexModule.MaxFileBytes, ct);
            FileName = Path.GetFileName(upload!.FileName);
            Preview = await import.RunAsync(FileName, content, Year ?? 0, apply: false, ct);
            FileContent = Convert.ToBase64String(content);
        }
        catch (DomainValidationException e)
        {
            e.AddTo(ModelState, Localizer);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostImportAsync(string? content, string? fileName, CancellationToken ct)
    {
        // The handler refuses those who may not import (a 403, as any refused page).
        await LoadSettingsAsync(ct);
        try
        {
            var summary = await import.RunAsync(fileName ?? "", UploadCheck.FromPreview(content), Year ?? 0, apply: true, ct);
            if (summary.Applied)
            {
                TempData["Flash"] = Localizer["Par.ResultsImported", summary.Points, summary.Agencies.Count, Year ?? 0].Value;
                return Redirect($"/par/results/{Year}");
            }

            // Something changed since the preview (an agency renamed, a framework imported): the errors, again.
            Preview = summary;
            FileContent = content;
            FileName = fileName;
        }
        catch (DomainValidationException e)
        {
            e.AddTo(ModelState, Localizer);
        }

        return Page();
    }

    public string Message(FrameworkError e) => new LabelLocalizer(Localizer)[e.MessageKey, e.Args];

    /// <summary>The year's saved classes for its form (the upload forms do not post them).</summary>
    private async Task LoadSettingsAsync(CancellationToken ct)
    {
        if (Year is { } year)
        {
            var settings = await results.YearSettingsAsync(year, ct);
            Bands = settings?.Bands;
            SurveyHeld = settings?.SurveyHeld ?? true;
        }
    }
}
