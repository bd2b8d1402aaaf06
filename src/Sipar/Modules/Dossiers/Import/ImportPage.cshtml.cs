using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Files;
using Sipar.Infrastructure.Web;
using Sipar.Modules.Accounts;

namespace Sipar.Modules.Dossiers;

/// <summary>
/// Upload → columns guessed and shown with a preview (nothing saved) → correct the mapping, preview again → confirm.
/// The file rides along in the form between the steps (at most <see cref="WebMaxBytes"/>; larger files go through the CLI).
/// </summary>
internal sealed class ImportPageModel(ProcedureImport procedures, DossierImport dossiers, CurrentUser me, Capabilities can, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    /// <summary>A form field holds at most 4 MB, so the file's base64 must fit.</summary>
    public const int WebMaxBytes = 3_000_000;

    [BindProperty(SupportsGet = true)]
    public string Kind { get; set; } = "";

    [BindProperty]
    public Dictionary<string, string> Map { get; set; } = [];

    [BindProperty]
    public string? FileContent { get; set; }

    [BindProperty]
    public string? FileName { get; set; }

    public ImportPreview? Preview { get; private set; }

    public ImportKind ImportKind => Kind == "procedures" ? ImportKind.Procedures : ImportKind.Dossiers;

    public IReadOnlyList<ImportField> Fields => ImportKind == ImportKind.Procedures ? ProcedureImport.Fields : DossierImport.Fields;

    public IActionResult OnGet() => Allowed() ? Page() : Forbid();

    public async Task<IActionResult> OnPostReadAsync(IFormFile? upload, CancellationToken ct)
    {
        if (!Allowed())
        {
            return Forbid();
        }

        try
        {
            var bytes = await UploadCheck.ReadUploadAsync(upload, WebMaxBytes, [".csv", ".txt", ".xlsx"], "DossierImport.FileType", ct);
            FileContent = Convert.ToBase64String(bytes);
            FileName = Path.GetFileName(upload!.FileName);
            Preview = await RunAsync(bytes, null, apply: false, ct);
        }
        catch (DomainValidationException e)
        {
            e.AddTo(ModelState, Localizer);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct) => await StepAsync(apply: false, ct);

    public async Task<IActionResult> OnPostApplyAsync(CancellationToken ct) => await StepAsync(apply: true, ct);

    public string Message(FieldError e) => new LabelLocalizer(Localizer)[e.MessageKey, e.Args];

    private async Task<IActionResult> StepAsync(bool apply, CancellationToken ct)
    {
        if (!Allowed())
        {
            return Forbid();
        }

        try
        {
            var bytes = UploadCheck.FromPreview(FileContent);
            Preview = await RunAsync(bytes, ColumnMapping.Of(Map), apply, ct);
            if (Preview.Applied)
            {
                TempData["Flash"] = Localizer["DossierImport.Done", Preview.Created, Preview.Updated, Preview.Unchanged].Value;
                return Redirect(ImportKind == ImportKind.Procedures ? "/dossiers/procedures" : "/dossiers");
            }
        }
        catch (DomainValidationException e)
        {
            e.AddTo(ModelState, Localizer);
        }

        return Page();
    }

    private Task<ImportPreview> RunAsync(byte[] bytes, ColumnMapping? mapping, bool apply, CancellationToken ct)
    {
        var agency = me.AgencyId ?? Guid.Empty;
        var name = FileName ?? "";
        return ImportKind == ImportKind.Procedures
            ? procedures.RunAsync(agency, name, bytes, mapping, apply, ct)
            : dossiers.RunAsync(agency, name, SHA256.HashData(bytes), TableFile.Read(name, bytes, "DossierImport.FileType"), mapping, apply, ct);
    }

    private bool Allowed() => Kind is "procedures" or "dossiers" && me.AgencyId is { } a && can.Has(Capability.ManageProcedures, a);
}
