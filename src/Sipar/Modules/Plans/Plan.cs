using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Localization;

namespace Sipar.Modules.Plans;

internal enum PlanStatus
{
    /// <summary>Dự thảo.</summary>
    Draft,

    /// <summary>Đã ban hành.</summary>
    Issued,

    /// <summary>Đã kết thúc.</summary>
    Closed,
}

/// <summary>What a person confirmed on the review page; becomes a <see cref="Plan"/> in draft status.</summary>
internal sealed record PlanContent(
    int Year,
    string? Number,
    string? Symbol,
    string? Issuer,
    string? Place,
    DateOnly? IssuedOn,
    string Title,
    IReadOnlyList<LegalBasisDraft> LegalBases,
    IReadOnlyList<string> Purposes,
    IReadOnlyList<string> Requirements,
    IReadOnlyList<SectionContent> Sections,
    IReadOnlyList<DutyDraft> Duties,
    IReadOnlyList<string> Recipients,
    string? SignerTitle,
    string? SignerName,
    string? SourceText);

/// <summary>A section as confirmed: its lead unit (or all units of the agency), coordinating units and task texts.</summary>
internal sealed record SectionContent(string Code, string Heading, Guid? LeadUnitId, bool LeadIsAllUnits, IReadOnlyList<Guid> CoordinatingUnitIds, IReadOnlyList<string> Tasks);

/// <summary>Kế hoạch: an agency's plan for a year, with its sections and tasks.</summary>
internal sealed class Plan : IAggregateRoot
{
    public const int TitleMaxLength = 1000;

    private readonly List<LegalBasis> legalBases = [];
    private readonly List<PlanSection> sections = [];
    private readonly List<PlanDuty> duties = [];

    private Plan()
    {
    }

    public Guid Id { get; private set; }

    public Guid AgencyId { get; private set; }

    public int Year { get; private set; }

    public PlanStatus Status { get; private set; }

    public string? Number { get; private set; }

    public string? Symbol { get; private set; }

    public string? Issuer { get; private set; }

    public string? Place { get; private set; }

    public DateOnly? IssuedOn { get; private set; }

    public string Title { get; private set; } = "";

    public string SearchTitle { get; private set; } = "";

    /// <summary>Mục đích, one per line.</summary>
    public string Purposes { get; private set; } = "";

    /// <summary>Yêu cầu, one per line.</summary>
    public string Requirements { get; private set; } = "";

    /// <summary>Nơi nhận, one per line.</summary>
    public string Recipients { get; private set; } = "";

    public string? SignerTitle { get; private set; }

    public string? SignerName { get; private set; }

    /// <summary>The imported document's text, kept so the draft can be checked against it.</summary>
    public string? SourceText { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public IReadOnlyList<LegalBasis> LegalBases => legalBases;

    public IReadOnlyList<PlanSection> Sections => sections;

    public IReadOnlyList<PlanDuty> Duties => duties;

    /// <summary>
    /// Creates a draft plan. Every section needs a lead unit (or "all units"), and every unit named must belong to
    /// <paramref name="agencyUnitIds"/>; errors name the section.
    /// </summary>
    public static Plan CreateDraft(Guid agencyId, PlanContent content, IReadOnlySet<Guid> agencyUnitIds, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(agencyUnitIds);
        var errors = new ValidationErrors();
        var title = (content.Title ?? "").Trim();
        errors.Required(nameof(Title), title, "Plan.Title");
        errors.MaxLength(nameof(Title), title, TitleMaxLength);
        if (content.Year is < 2000 or > 2100)
        {
            errors.Add(nameof(Year), "Plan.YearRange");
        }

        if (content.Sections.Count == 0)
        {
            errors.Add("Sections", "Plan.NoSections");
        }

        for (var i = 0; i < content.Sections.Count; i++)
        {
            var s = content.Sections[i];
            var field = $"Sections[{i}]";
            if (string.IsNullOrWhiteSpace(s.Heading))
            {
                errors.Add(field + ".Heading", "Plan.SectionNeedsHeading", s.Code);
            }

            if (s.LeadUnitId is null && !s.LeadIsAllUnits)
            {
                errors.Add(field + ".LeadUnitId", "Plan.SectionNeedsLead", s.Code);
            }
            else if (s.LeadUnitId is { } lead && !agencyUnitIds.Contains(lead))
            {
                errors.Add(field + ".LeadUnitId", "Error.UnitOtherAgency");
            }

            if (s.CoordinatingUnitIds.Any(u => !agencyUnitIds.Contains(u)))
            {
                errors.Add(field + ".CoordinatingUnitIds", "Error.UnitOtherAgency");
            }

            if (!s.Tasks.Any(t => !string.IsNullOrWhiteSpace(t)))
            {
                errors.Add(field + ".Tasks", "Plan.SectionNeedsTasks", s.Code);
            }
        }

        errors.ThrowIfAny();
        var plan = new Plan
        {
            Id = Guid.CreateVersion7(),
            AgencyId = agencyId,
            Year = content.Year,
            Status = PlanStatus.Draft,
            Number = Clean(content.Number, 20),
            Symbol = Clean(content.Symbol, 50),
            Issuer = Clean(content.Issuer, 300),
            Place = Clean(content.Place, 100),
            IssuedOn = content.IssuedOn,
            Title = title,
            SearchTitle = VietnameseText.Fold(title),
            Purposes = Lines(content.Purposes),
            Requirements = Lines(content.Requirements),
            Recipients = Lines(content.Recipients),
            SignerTitle = Clean(content.SignerTitle, 200),
            SignerName = Clean(content.SignerName, 200),
            SourceText = content.SourceText,
            CreatedAt = now,
        };
        var order = 0;
        foreach (var b in content.LegalBases)
        {
            plan.legalBases.Add(new LegalBasis(plan.Id, ++order, b));
        }

        order = 0;
        foreach (var s in content.Sections)
        {
            plan.sections.Add(PlanSection.Create(plan.Id, ++order, s));
        }

        order = 0;
        foreach (var d in content.Duties)
        {
            plan.duties.Add(new PlanDuty(plan.Id, ++order, d));
        }

        return plan;
    }

    /// <summary>Ban hành: the plan gets its number and date and its tasks can be worked on.</summary>
    public void Issue(string? number, DateOnly? issuedOn)
    {
        if (Status != PlanStatus.Draft)
        {
            throw new DomainValidationException("", "Plan.NotDraft");
        }

        var errors = new ValidationErrors();
        errors.Required(nameof(Number), number, "Plan.NumberLabel");
        if (issuedOn is null)
        {
            errors.Add(nameof(IssuedOn), "Error.Required", new LabelArg("Plan.IssuedOnLabel"));
        }

        errors.ThrowIfAny();
        Number = Clean(number, 20);
        IssuedOn = issuedOn;
        Status = PlanStatus.Issued;
    }

    /// <summary>Kết thúc: the year is over; tasks and reports become read-only history.</summary>
    public void Close()
    {
        if (Status != PlanStatus.Issued)
        {
            throw new DomainValidationException("", "Plan.NotIssued");
        }

        Status = PlanStatus.Closed;
    }

    internal static string? Clean(string? value, int max)
    {
        var v = value?.Trim();
        return string.IsNullOrEmpty(v) ? null : v.Length > max ? v[..max] : v;
    }

    private static string Lines(IEnumerable<string> lines) =>
        string.Join('\n', lines.Select(l => l.Trim()).Where(l => l.Length > 0));
}

/// <summary>Căn cứ: a document the plan implements or cites.</summary>
internal sealed class LegalBasis
{
    private LegalBasis()
    {
    }

    internal LegalBasis(Guid planId, int order, LegalBasisDraft draft)
    {
        Id = Guid.CreateVersion7();
        PlanId = planId;
        Order = order;
        Type = Plan.Clean(draft.Type, 50) ?? "";
        Number = Plan.Clean(draft.Number, 50) ?? "";
        Date = draft.Date;
        Issuer = Plan.Clean(draft.Issuer, 200);
        Text = Plan.Clean(draft.Text, 1000) ?? "";
    }

    public Guid Id { get; private set; }

    public Guid PlanId { get; private set; }

    public int Order { get; private set; }

    public string Type { get; private set; } = "";

    public string Number { get; private set; } = "";

    public DateOnly? Date { get; private set; }

    public string? Issuer { get; private set; }

    public string Text { get; private set; } = "";
}

/// <summary>Part III duty (Tổ chức thực hiện).</summary>
internal sealed class PlanDuty
{
    private PlanDuty()
    {
    }

    internal PlanDuty(Guid planId, int order, DutyDraft draft)
    {
        Id = Guid.CreateVersion7();
        PlanId = planId;
        Order = order;
        Code = Plan.Clean(draft.Code, 20) ?? "";
        Heading = Plan.Clean(draft.Heading, 300) ?? "";
        Text = draft.Text ?? "";
    }

    public Guid Id { get; private set; }

    public Guid PlanId { get; private set; }

    public int Order { get; private set; }

    public string Code { get; private set; } = "";

    public string Heading { get; private set; } = "";

    public string Text { get; private set; } = "";
}
