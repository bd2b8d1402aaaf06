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
/// <param name="Deadline">The deadline every task of the section starts with (the import review proposes the plan's year end); null: none.</param>
internal sealed record SectionContent(string Code, string Heading, Guid? LeadUnitId, bool LeadIsAllUnits, IReadOnlyList<Guid> CoordinatingUnitIds, IReadOnlyList<string> Tasks, DateOnly? Deadline = null);

/// <summary>Kế hoạch: an agency's plan for a year, with its sections and tasks.</summary>
internal sealed class Plan : IAggregateRoot
{
    public const int TitleMaxLength = 1000;
    public const int NumberMaxLength = 20;
    public const int SymbolMaxLength = 50;
    public const int IssuerMaxLength = 300;
    public const int PlaceMaxLength = 100;
    public const int SignerMaxLength = 200;

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
        errors.MaxLength(nameof(Number), content.Number?.Trim(), NumberMaxLength);
        errors.MaxLength(nameof(Symbol), content.Symbol?.Trim(), SymbolMaxLength);
        errors.MaxLength(nameof(Issuer), content.Issuer?.Trim(), IssuerMaxLength);
        errors.MaxLength(nameof(Place), content.Place?.Trim(), PlaceMaxLength);
        errors.MaxLength(nameof(SignerTitle), content.SignerTitle?.Trim(), SignerMaxLength);
        errors.MaxLength(nameof(SignerName), content.SignerName?.Trim(), SignerMaxLength);

        // Read from the document and carried through the review unchanged: a value too long is not something the
        // person can fix next to a field, so it is named once above the form.
        if (content.LegalBases.Any(LegalBasis.TooLong) || content.Duties.Any(PlanDuty.TooLong))
        {
            errors.Add("", "Plan.ParsedPartTooLong");
        }

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
            var code = (s.Code ?? "").Trim();
            if (string.IsNullOrWhiteSpace(s.Heading))
            {
                errors.Add(field + ".Heading", "Plan.SectionNeedsHeading", code);
            }

            errors.MaxLength(field + ".Heading", (s.Heading ?? "").Trim(), PlanSection.HeadingMaxLength);
            if (code.Length > PlanSection.CodeMaxLength)
            {
                errors.Add("", "Plan.ParsedPartTooLong");
            }

            var tasks = s.Tasks.Where(t => !string.IsNullOrWhiteSpace(t)).ToList();
            var longTask = tasks.FindIndex(t => t.Trim().Length > PlanTask.TextMaxLength);
            if (longTask >= 0)
            {
                errors.Add(field + ".Tasks", "Plan.TaskTooLong", longTask + 1, PlanTask.TextMaxLength);
            }

            if (s.LeadUnitId is null && !s.LeadIsAllUnits)
            {
                errors.Add(field + ".LeadUnitId", "Plan.SectionNeedsLead", code);
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
                errors.Add(field + ".Tasks", "Plan.SectionNeedsTasks", code);
            }
        }

        errors.ThrowIfAny();
        var plan = new Plan
        {
            Id = Guid.CreateVersion7(),
            AgencyId = agencyId,
            Year = content.Year,
            Status = PlanStatus.Draft,
            Number = Clean(content.Number),
            Symbol = Clean(content.Symbol),
            Issuer = Clean(content.Issuer),
            Place = Clean(content.Place),
            IssuedOn = content.IssuedOn,
            Title = title,
            SearchTitle = VietnameseText.Fold(title),
            Purposes = Lines(content.Purposes),
            Requirements = Lines(content.Requirements),
            Recipients = Lines(content.Recipients),
            SignerTitle = Clean(content.SignerTitle),
            SignerName = Clean(content.SignerName),
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

        CheckIssue(number, issuedOn);
        Number = Clean(number);
        IssuedOn = issuedOn;
        Status = PlanStatus.Issued;
    }

    /// <summary>
    /// What issuing with this number and date would refuse. A plan for a year is signed in that year or the year
    /// before it (a plan for 2022 is often signed in December 2021), never later: 31/12/2099 for a 2022 plan is a typo.
    /// </summary>
    public void CheckIssue(string? number, DateOnly? issuedOn)
    {
        if (Status != PlanStatus.Draft)
        {
            throw new DomainValidationException("", "Plan.NotDraft");
        }

        var errors = new ValidationErrors();
        errors.Required(nameof(Number), number, "Plan.NumberLabel");
        errors.MaxLength(nameof(Number), number?.Trim(), NumberMaxLength);
        if (issuedOn is null)
        {
            errors.Add(nameof(IssuedOn), "Error.Required", new LabelArg("Plan.IssuedOnLabel"));
        }
        else if (issuedOn.Value.Year < Year - 1 || issuedOn.Value.Year > Year)
        {
            errors.Add(nameof(IssuedOn), "Plan.IssuedOnImplausible", Year, "01/01/" + (Year - 1), "31/12/" + Year);
        }

        errors.ThrowIfAny();
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

    /// <summary>Trimmed, or null when empty. Lengths are checked before (nothing is cut).</summary>
    internal static string? Clean(string? value)
    {
        var v = value?.Trim();
        return string.IsNullOrEmpty(v) ? null : v;
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
        Type = Plan.Clean(draft.Type) ?? "";
        Number = Plan.Clean(draft.Number) ?? "";
        Date = draft.Date;
        Issuer = Plan.Clean(draft.Issuer);
        Text = Plan.Clean(draft.Text) ?? "";
    }

    public const int TypeMaxLength = 50;
    public const int NumberMaxLength = 50;
    public const int IssuerMaxLength = 200;
    public const int TextMaxLength = 1000;

    public Guid Id { get; private set; }

    public Guid PlanId { get; private set; }

    public int Order { get; private set; }

    public string Type { get; private set; } = "";

    public string Number { get; private set; } = "";

    public DateOnly? Date { get; private set; }

    public string? Issuer { get; private set; }

    public string Text { get; private set; } = "";

    internal static bool TooLong(LegalBasisDraft b) =>
        b.Type?.Trim().Length > TypeMaxLength || b.Number?.Trim().Length > NumberMaxLength
        || b.Issuer?.Trim().Length > IssuerMaxLength || b.Text?.Trim().Length > TextMaxLength;
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
        Code = Plan.Clean(draft.Code) ?? "";
        Heading = Plan.Clean(draft.Heading) ?? "";
        Text = draft.Text ?? "";
    }

    public const int CodeMaxLength = 20;
    public const int HeadingMaxLength = 300;

    public Guid Id { get; private set; }

    public Guid PlanId { get; private set; }

    public int Order { get; private set; }

    public string Code { get; private set; } = "";

    public string Heading { get; private set; } = "";

    public string Text { get; private set; } = "";

    internal static bool TooLong(DutyDraft d) => d.Code?.Trim().Length > CodeMaxLength || d.Heading?.Trim().Length > HeadingMaxLength;
}
