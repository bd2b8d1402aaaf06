using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Files;
using Sipar.Infrastructure.Localization;
using Sipar.Infrastructure.Web;

namespace Sipar.Modules.Sipas;

/// <summary>A wave: its frame (from returned dossiers or a checked list), the draw, progress, contacts for its staff, and the indices.</summary>
internal sealed class WavePageModel(SurveyWaves waves, WaveAccess access, WaveIndices indices, QuestionnaireLibrary library, WaveExport export, SipasReport report, Organisation.IAgencies agencies, Accounts.CurrentUser me, IStringLocalizer<SharedResource> t)
    : SiparPageModel(t), IWaveForm
{
    public const int WebMaxBytes = 3_000_000;

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public string? FileContent { get; set; }

    [BindProperty]
    public string? FileName { get; set; }

    /// <summary>The list is of residents (the policy aspect's frame): name and a contact only, no procedure or date.</summary>
    [BindProperty]
    public bool Residents { get; set; }

    private ContactSource Source => Residents ? ContactSource.Resident : ContactSource.Imported;

    public Wave? Wave { get; private set; }

    [BindProperty]
    public WaveInput Input { get; set; } = new();

    public IReadOnlyList<Questionnaire> Questionnaires { get; private set; } = [];

    public IReadOnlyList<Organisation.AgencyInfo> Agencies { get; private set; } = [];

    public string QuestionnaireName { get; private set; } = "";

    public IReadOnlyList<StratumProgress> Progress { get; private set; } = [];

    public SamplePlan? Plan { get; private set; }

    public IReadOnlyList<Contact>? Contacts { get; private set; }

    public FramePreview? FramePreview { get; private set; }

    public WaveResult? Result { get; private set; }

    public IReadOnlyList<Accounts.Person> People { get; private set; } = [];

    public IReadOnlyList<Breakdown> Breakdowns { get; private set; } = [];

    public (string PreviousWave, IReadOnlyList<IndexChange> Changes)? Comparison { get; private set; }

    private string Here => "/sipas/waves/" + Id;

    public string Message(FieldError e) => new LabelLocalizer(Localizer)[e.MessageKey, e.Args];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await Guard(async () => await LoadAsync(null, ct));

    /// <summary>The anonymised responses that count: .xlsx with profile and expectations, .csv in the compute-file format.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        await access.EnsureRunAsync(Id, ct);
        return format == "csv"
            ? File(await export.CsvAsync(Id, ct), "text/csv; charset=utf-8", "phieu-khao-sat.csv")
            : File(await export.XlsxAsync(Id, ct), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "phieu-khao-sat.xlsx");
    }

    public async Task<IActionResult> OnGetReportAsync(CancellationToken ct)
    {
        await access.EnsureRunAsync(Id, ct);
        return File(await report.DocxAsync(Id, ct), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "bao-cao-khao-sat.docx");
    }

    public Task<IActionResult> OnPostFrameFromDossiersAsync(CancellationToken ct) => Act(() => waves.FrameFromDossiersAsync(Id, ct), "Sipas.FrameBuilt", ct);

    public async Task<IActionResult> OnPostFrameReadAsync(IFormFile? upload, CancellationToken ct) => await Guard(async () =>
    {
        try
        {
            var bytes = await UploadCheck.ReadUploadAsync(upload, WebMaxBytes, [".csv", ".txt", ".xlsx"], "Sipas.FrameFileType", ct);
            FileContent = Convert.ToBase64String(bytes);
            FileName = Path.GetFileName(upload!.FileName);
            await LoadAsync(await waves.ImportFrameAsync(Id, FileName, bytes, Source, apply: false, ct), ct);
        }
        catch (DomainValidationException e)
        {
            e.AddTo(ModelState, Localizer);
            await LoadAsync(null, ct);
        }
    });

    public async Task<IActionResult> OnPostFrameApplyAsync(CancellationToken ct)
    {
        await access.EnsureContactsAsync(Id, ct);
        var preview = await waves.ImportFrameAsync(Id, FileName ?? "", UploadCheck.FromPreview(FileContent), Source, apply: true, ct);
        if (preview.Applied)
        {
            TempData["Flash"] = Localizer["Sipas.FrameBuilt"].Value;
            return Redirect(Here);
        }

        await LoadAsync(preview, ct);
        return Page();
    }

    public Task<IActionResult> OnPostDrawAsync(string? seed, CancellationToken ct) => Act(
        () =>
        {
            long? s = null;
            if (!string.IsNullOrWhiteSpace(seed))
            {
                s = long.TryParse(seed.Trim(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var v) && v > 0
                    ? v : throw new DomainValidationException("Seed", "Sipas.SeedInvalid");
            }

            return waves.DrawAsync(Id, s, apply: true, ct);
        },
        "Sipas.Drawn", ct);

    public Task<IActionResult> OnPostReplaceAsync(Guid contactId, ContactState why, CancellationToken ct) => Act(() => waves.ReplaceAsync(Id, contactId, why, null, ct), "Sipas.Replaced", ct);

    /// <summary>The wave's settings; once sampled only the name, closing date, channels and review rules may change.</summary>
    public async Task<IActionResult> OnPostSettingsAsync(CancellationToken ct)
    {
        var wave = await access.EnsureRunAsync(Id, ct);
        return await RunAsync(() => waves.ChangeAsync(Id, Input.Settings(wave.AgencyId, wave.StaffIds), ct), "Common.Saved", Here, () => LoadAsync(null, ct, keepInput: true), "Input.");
    }

    public Task<IActionResult> OnPostStaffAsync(List<Guid> staff, CancellationToken ct) => Act(() => waves.SetStaffAsync(Id, staff, ct), "Sipas.StaffSaved", ct, contacts: false);

    public Task<IActionResult> OnPostCloseAsync(CancellationToken ct) => Act(() => waves.CloseAsync(Id, ct), "Sipas.Closed", ct, contacts: false);

    public Task<IActionResult> OnPostPublishAsync(CancellationToken ct) => Act(() => waves.PublishAsync(Id, ct), "Sipas.Published", ct, contacts: false);

    private async Task<IActionResult> Act(Func<Task> action, string doneKey, CancellationToken ct, bool contacts = true)
    {
        try
        {
            if (contacts)
            {
                await access.EnsureContactsAsync(Id, ct);
            }
            else
            {
                await access.EnsureRunAsync(Id, ct);
            }
        }
        catch (ForbiddenException)
        {
            return Forbid();
        }

        return await RunAsync(action, doneKey, Here, () => LoadAsync(null, ct));
    }

    private async Task<IActionResult> Guard(Func<Task> body)
    {
        try
        {
            await access.EnsureRunAsync(Id, HttpContext.RequestAborted);
        }
        catch (ForbiddenException)
        {
            return Forbid();
        }

        await body();
        return Page();
    }

    private async Task LoadAsync(FramePreview? preview, CancellationToken ct, bool keepInput = false)
    {
        Wave = await waves.GetAsync(Id, ct);
        if (!keepInput)
        {
            Input = WaveInput.Of(Wave);
        }

        Questionnaires = await library.ListAsync(ct);
        Agencies = [.. (await agencies.ListAsync(ct)).Where(a => a.Id == Wave.AgencyId || a.Id == me.AgencyId)];
        FramePreview = preview;
        var q = await library.GetAsync(Wave.QuestionnaireId, ct);
        QuestionnaireName = $"{q.Code} v{q.Version}";
        Progress = await waves.ProgressAsync(Id, ct);
        People = await waves.PeopleAsync(Wave.AgencyId, ct);
        if (Wave.Status == WaveStatus.Draft && Progress.Count > 0)
        {
            Plan = await waves.DrawAsync(Id, null, apply: false, ct);
        }

        if (Wave.Status != WaveStatus.Draft)
        {
            Contacts = access.MaySeeContacts(Wave) ? await waves.ContactsAsync(Id, drawnOnly: true, ct) : null;
            Result = await indices.ComputeAsync(Id, ct);
            Breakdowns = await indices.BreakdownsAsync(Id, ct);
            Comparison = await indices.CompareAsync(Result, ct);
        }
    }
}
