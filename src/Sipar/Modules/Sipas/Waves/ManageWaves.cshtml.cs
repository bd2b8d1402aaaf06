using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Files;
using Sipar.Infrastructure.Web;
using Sipar.Modules.Accounts;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.Sipas;

/// <summary>The wave form's fields as posted (percentages as whole numbers: the page's culture never meets a decimal point).</summary>
internal sealed class WaveInput
{
    public string? Name { get; set; }

    public Guid QuestionnaireId { get; set; }

    public DateOnly PeriodFrom { get; set; }

    public DateOnly PeriodTo { get; set; }

    public DateOnly ClosesOn { get; set; }

    public int MarginPercent { get; set; } = 5;

    public Stratification Stratification { get; set; } = Stratification.Unit;

    public Allocation Allocation { get; set; } = Allocation.PerStratum;

    public int MinPerStratum { get; set; } = 30;

    public int MinCell { get; set; } = 30;

    public int RecheckPercent { get; set; } = 10;

    public List<SurveyChannels> Channels { get; set; } = [SurveyChannels.Online, SurveyChannels.Paper, SurveyChannels.Phone];

    public List<Guid> ScopeAgencies { get; set; } = [];

    public string? ScopeProcedures { get; set; }

    public WaveSettings Settings(Guid agencyId, IReadOnlyList<Guid> staff) => new(
        Name, PeriodFrom, PeriodTo, ClosesOn, QuestionnaireId, ScopeAgencies.Count > 0 ? ScopeAgencies : [agencyId],
        [.. (ScopeProcedures ?? "").Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
        Channels.Aggregate(SurveyChannels.None, (a, c) => a | c), MarginPercent / 100m, Stratification, Allocation, MinPerStratum, RecheckPercent / 100m, MinCell, staff);

    public static WaveInput Of(Wave w)
    {
        ArgumentNullException.ThrowIfNull(w);
        return new()
        {
            Name = w.Name, QuestionnaireId = w.QuestionnaireId, PeriodFrom = w.PeriodFrom, PeriodTo = w.PeriodTo, ClosesOn = w.ClosesOn,
            MarginPercent = (int)Math.Round(w.MarginOfError * 100), Stratification = w.Stratification, Allocation = w.Allocation, MinPerStratum = w.MinPerStratum,
            MinCell = w.MinCell, RecheckPercent = (int)Math.Round(w.RecheckShare * 100),
            Channels = [.. new[] { SurveyChannels.Online, SurveyChannels.Paper, SurveyChannels.Phone }.Where(c => w.Channels.HasFlag(c))],
            ScopeAgencies = [.. w.ScopeAgencyIds], ScopeProcedures = string.Join(", ", w.ScopeProcedureCodes),
        };
    }
}

/// <summary>What the wave settings partial needs.</summary>
internal interface IWaveForm
{
    WaveInput Input { get; }

    IReadOnlyList<Questionnaire> Questionnaires { get; }

    IReadOnlyList<AgencyInfo> Agencies { get; }
}

/// <summary>The survey office's page: its waves, a new wave, and the questionnaires (standard ones, JSON import and export).</summary>
internal sealed class ManageWavesModel(SurveyWaves waves, QuestionnaireLibrary library, IAgencies agencies, Capabilities can, CurrentUser me, IStringLocalizer<SharedResource> t)
    : SiparPageModel(t), IWaveForm
{
    [BindProperty]
    public WaveInput Input { get; set; } = new();

    public IReadOnlyList<Wave> Waves { get; private set; } = [];

    public IReadOnlyList<Questionnaire> Questionnaires { get; private set; } = [];

    public IReadOnlyList<AgencyInfo> Agencies { get; private set; } = [];

    private Guid Agency => me.AgencyId ?? Guid.Empty;

    private bool Allowed => me.AgencyId is { } a && can.Has(Capability.RunSurveyWave, a);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Allowed)
        {
            return Forbid();
        }

        var year = waves.Today.Year - 1;
        Input = new WaveInput { Name = $"Khảo sát sự hài lòng năm {year}", PeriodFrom = new DateOnly(year, 1, 1), PeriodTo = new DateOnly(year, 12, 31), ClosesOn = waves.Today.AddDays(60) };
        await LoadAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostCreateAsync(CancellationToken ct) => Allowed
        ? RunAsync(async () => "/sipas/waves/" + await waves.CreateAsync(Agency, Input.Settings(Agency, me.Id is { } id ? [id] : []), ct), "Sipas.WaveCreated", () => LoadAsync(ct), "Input.")
        : Task.FromResult<IActionResult>(Forbid());

    public Task<IActionResult> OnPostStandardAsync(CancellationToken ct) => Allowed
        ? RunAsync(() => library.AddStandardAsync(ct), "Sipas.QuestionnaireImported", "/sipas", () => LoadAsync(ct))
        : Task.FromResult<IActionResult>(Forbid());

    public async Task<IActionResult> OnPostImportAsync(IFormFile? upload, CancellationToken ct)
    {
        if (!Allowed)
        {
            return Forbid();
        }

        return await RunAsync(
            async () =>
            {
                var bytes = await UploadCheck.ReadUploadAsync(upload, 1_000_000, [".json"], "Sipas.QuestionnaireFileType", ct);
                await library.ImportAsync(TableFile.CsvText(bytes), ct);
            },
            "Sipas.QuestionnaireImported", "/sipas", () => LoadAsync(ct));
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Waves = await waves.ListAsync(Agency, ct);
        Questionnaires = await library.ListAsync(ct);
        Agencies = [.. (await agencies.ListAsync(ct)).Where(a => a.Id == Agency)];
        if (Input.QuestionnaireId == Guid.Empty && Questionnaires.Count > 0)
        {
            Input.QuestionnaireId = Questionnaires.FirstOrDefault(q => q.Kind == QuestionnaireKind.Service)?.Id ?? Questionnaires[0].Id;
        }
    }
}
