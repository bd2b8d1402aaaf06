using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Cli;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Time;
using Sipar.Infrastructure.Web;
using Sipar.Modules.Accounts;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.Plans;

/// <summary>
/// Import a plan: upload the document (or paste its text) → review the draft beside the source, correcting the
/// header, sections, lead and coordinating units and tasks → save as a draft plan. Nothing is saved before that.
/// </summary>
internal sealed partial class ImportPlanModel(PlanImport import, IAgencies agencies, CurrentUser me, Capabilities can, TimeProvider clock, IStringLocalizer<SharedResource> t, ILogger<ImportPlanModel> log) : SiparPageModel(t)
{
    [BindProperty]
    public ReviewForm Review { get; set; } = new();

    [BindProperty]
    public Guid? AgencyId { get; set; }

    [BindProperty]
    public string? PastedText { get; set; }

    public bool Reviewing { get; private set; }

    public IReadOnlyList<ParseWarning> Warnings { get; private set; } = [];

    public IReadOnlyList<AgencyInfo> Agencies { get; private set; } = [];

    public IReadOnlyList<UnitNode> Units { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!CanImport())
        {
            return Forbid();
        }

        Agencies = await ChoosableAgenciesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(IFormFile? upload, CancellationToken ct)
    {
        if (!CanImport())
        {
            return Forbid();
        }

        Agencies = await ChoosableAgenciesAsync(ct);
        var agencyId = ChoosesAgency ? AgencyId : me.AgencyId;
        if (agencyId is null)
        {
            ModelState.AddModelError(nameof(AgencyId), Localizer["Error.Required", Localizer["User.Agency"].Value]);
            return Page();
        }

        try
        {
            PlanDraft draft;
            string source;
            if (upload is { Length: > 0 })
            {
                if (upload.Length > PlanDocumentReader.MaxBytes)
                {
                    throw new DomainValidationException("file", "Plan.FileTooLarge", PlanDocumentReader.MaxBytes / (1024 * 1024));
                }

                using var buffer = new MemoryStream();
                await upload.CopyToAsync(buffer, ct);
                var bytes = buffer.ToArray();
                (draft, source) = PlanDocumentReader.ReadWithSource(Path.GetFileName(upload.FileName), bytes, log);
            }
            else if (!string.IsNullOrWhiteSpace(PastedText))
            {
                draft = PlanTextParser.Parse(PastedText, log);
                source = PastedText;
            }
            else
            {
                throw new DomainValidationException("file", "Plan.FileEmpty");
            }

            var proposals = await import.ProposeAsync(agencyId.Value, draft, ct);
            Review = ReviewForm.From(agencyId.Value, draft, proposals, source, VietnamTime.Today(clock).Year);
            Warnings = draft.Warnings;
            Reviewing = true;
            Units = await agencies.UnitTreeAsync(agencyId.Value, ct);
            ModelState.Clear();
        }
        catch (DomainValidationException e)
        {
            e.AddTo(ModelState, Localizer);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        if (!CanImport())
        {
            return Forbid();
        }

        try
        {
            var id = await import.SaveDraftAsync(Review.AgencyId, Review.ToContent(), ct);
            TempData["Flash"] = Localizer["Plan.Saved"].Value;
            return Redirect($"/plans/{id}");
        }
        catch (DomainValidationException e)
        {
            e.AddTo(ModelState, Localizer, "Review.");
            Reviewing = true;
            Units = await agencies.UnitTreeAsync(Review.AgencyId, ct);
            Agencies = await ChoosableAgenciesAsync(ct);
            return Page();
        }
    }

    private bool CanImport() => can.Has(Capability.RunPlan);

    /// <summary>Someone who runs plans of every agency (not only their own) picks the agency.</summary>
    private bool ChoosesAgency => can.HasProvinceWide(Capability.RunPlan);

    private async Task<IReadOnlyList<AgencyInfo>> ChoosableAgenciesAsync(CancellationToken ct) =>
        ChoosesAgency ? (await agencies.ListAsync(ct)).Where(a => a.Kind != AgencyKind.AppraisingBody).ToList() : [];

    /// <summary>The review form: strings as typed, so nothing is lost when saving is refused.</summary>
    internal sealed partial class ReviewForm
    {
        public Guid AgencyId { get; set; }

        public int Year { get; set; }

        public string? Number { get; set; }

        public string? Symbol { get; set; }

        public string? Issuer { get; set; }

        public string? Place { get; set; }

        public DateOnly? IssuedOn { get; set; }

        public string? Title { get; set; }

        public string? Purposes { get; set; }

        /// <summary>The plan's own targets as read from the purposes typed so far.</summary>
        public IReadOnlyList<TargetDraft> Targets => PlanTextParser.PlanTargets(Split(Purposes));

        public string? Requirements { get; set; }

        public string? Recipients { get; set; }

        public string? SignerTitle { get; set; }

        public string? SignerName { get; set; }

        public string? LegalBasesJson { get; set; }

        public string? DutiesJson { get; set; }

        public string? SourceText { get; set; }

        public List<SectionForm> Sections { get; set; } = [];

        public IReadOnlyList<LegalBasisDraft> LegalBases => FromHidden<LegalBasisDraft>(LegalBasesJson);

        /// <summary>
        /// A list the review page kept in a hidden field. A browser can send anything there: what does not read as the
        /// list is an empty list, never a 500 (the plan is saved from what was typed in the visible fields).
        /// </summary>
        internal static IReadOnlyList<T> FromHidden<T>(string? json)
        {
            if (string.IsNullOrEmpty(json) || json.Length > 1_000_000)
            {
                return [];
            }

            try
            {
                return JsonSerializer.Deserialize<List<T>>(json, CliContext.Json)?.Where(x => x is not null).ToList() ?? [];
            }
            catch (JsonException)
            {
                return [];
            }
        }

        public static ReviewForm From(Guid agencyId, PlanDraft draft, IReadOnlyList<SectionProposal> proposals, string source, int currentYear) => new()
        {
            AgencyId = agencyId,
            Year = draft.Year ?? currentYear,
            Number = draft.Number,
            Symbol = draft.Symbol,
            Issuer = draft.Issuer,
            Place = draft.Place,
            IssuedOn = draft.Date,
            Title = draft.Title,
            Purposes = string.Join('\n', draft.Purposes),
            Requirements = string.Join('\n', draft.Requirements),
            Recipients = string.Join('\n', draft.Recipients),
            SignerTitle = draft.Signer.Title,
            SignerName = draft.Signer.Name,
            LegalBasesJson = JsonSerializer.Serialize(draft.LegalBases, CliContext.Json),
            DutiesJson = JsonSerializer.Serialize(draft.Duties, CliContext.Json),
            SourceText = source,
            Sections = proposals.Select(p => new SectionForm
            {
                Code = p.Draft.Code,
                Heading = p.Draft.Heading,
                Lead = p.LeadIsAllUnits ? SectionForm.AllUnits : p.LeadUnitId?.ToString() ?? "",
                ParsedLead = p.Draft.LeadUnit,
                CoordinatingUnitIds = p.CoordinatingUnitIds.ToList(),
                Unmatched = string.Join("; ", p.UnmatchedNames),
                TasksText = string.Join("\n\n", p.Draft.Tasks.Select(x => x.Text)),
                Deadline = new DateOnly(draft.Year ?? currentYear, 12, 31),
            }).ToList(),
        };

        public PlanContent ToContent() => new(
            Year, Number, Symbol, Issuer, Place, IssuedOn, Title ?? "", LegalBases, Split(Purposes), Split(Requirements),
            Sections.Select(s => new SectionContent(
                s.Code ?? "", s.Heading ?? "", Guid.TryParse(s.Lead, out var lead) ? lead : null, s.Lead == SectionForm.AllUnits,
                s.CoordinatingUnitIds, BlankLine().Split(s.TasksText ?? "").Select(x => x.Trim()).Where(x => x.Length > 0).ToList(), s.Deadline)).ToList(),
            FromHidden<DutyDraft>(DutiesJson),
            Split(Recipients), SignerTitle, SignerName, SourceText);

        private static List<string> Split(string? lines) =>
            (lines ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

        [GeneratedRegex(@"\n\s*\n")]
        private static partial Regex BlankLine();
    }

    internal sealed class SectionForm
    {
        public const string AllUnits = "all";

        public string? Code { get; set; }

        public string? Heading { get; set; }

        /// <summary>A unit id, <see cref="AllUnits"/>, or empty (not chosen yet).</summary>
        public string? Lead { get; set; }

        public string? ParsedLead { get; set; }

        public List<Guid> CoordinatingUnitIds { get; set; } = [];

        public string? Unmatched { get; set; }

        /// <summary>The deadline the section's tasks start with: proposed as the plan's year end, editable, or empty for none.</summary>
        public DateOnly? Deadline { get; set; }

        /// <summary>One task per paragraph (tasks separated by a blank line).</summary>
        public string? TasksText { get; set; }
    }
}
