using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Localization;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.ParIndex;

/// <summary>Bộ chỉ số: the criteria tree for one year and one kind of agency.</summary>
internal sealed class Framework
{
    public const int NameMaxLength = 300;

    private readonly List<FrameworkItem> items = [];

    private Framework()
    {
    }

    public Guid Id { get; private set; }

    public int Year { get; private set; }

    public AgencyKind AgencyKind { get; private set; }

    public string Name { get; private set; } = "";

    public string SearchName { get; private set; } = "";

    public decimal DeclaredTotal { get; private set; }

    /// <summary>Once an assessment uses the framework it cannot change; a new year starts from a copy.</summary>
    public bool IsFrozen { get; private set; }

    public DateTime CreatedAt { get; private set; }

    /// <summary>The framework of an earlier year whose codes <see cref="FrameworkItem.PreviousCodes"/> refer to.</summary>
    public Guid? PreviousFrameworkId { get; private set; }

    public IReadOnlyList<FrameworkItem> Items => items;

    /// <summary>Builds a framework from a file that passed <see cref="FrameworkValidator"/>; refuses one that did not.</summary>
    public static Framework FromFile(FrameworkFile file, int year, AgencyKind kind, string? name, DateTime now, Guid? previousFrameworkId = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        var errors = new ValidationErrors();
        if (FrameworkValidator.Validate(file).Count > 0)
        {
            errors.Add("file", "Par.FileHasErrors");
        }

        if (year is < 2000 or > 2100)
        {
            errors.Add(nameof(Year), "Plan.YearRange");
        }

        var title = (name ?? file.Name ?? "").Trim();
        errors.Required(nameof(Name), title, "Par.FrameworkName");
        errors.MaxLength(nameof(Name), title, NameMaxLength);
        errors.ThrowIfAny();
        var framework = new Framework
        {
            Id = Guid.CreateVersion7(),
            Year = year,
            AgencyKind = kind,
            Name = title,
            SearchName = VietnameseText.Fold(title),
            DeclaredTotal = file.DeclaredTotal ?? FrameworkValidator.DefaultTotal,
            CreatedAt = now,
            PreviousFrameworkId = previousFrameworkId,
        };
        var byCode = new Dictionary<string, FrameworkItem>(StringComparer.OrdinalIgnoreCase);
        var order = 0;
        foreach (var line in file.Lines)
        {
            var code = line.Code.Trim().TrimEnd('.');
            var parentCode = code.Contains('.', StringComparison.Ordinal) ? code[..code.LastIndexOf('.')] : null;
            var item = new FrameworkItem(framework.Id, parentCode is null ? null : byCode[parentCode].Id, ++order, code, line);
            byCode[code] = item;
            framework.items.Add(item);
        }

        return framework;
    }

    public void Freeze() => IsFrozen = true;

    /// <summary>Next year's framework starts as a copy: same tree, each item mapped to its own code of this year.</summary>
    public Framework CopyForYear(int year, string name, DateTime now)
    {
        var file = new FrameworkFile(name, year, DeclaredTotal, items.OrderBy(i => i.Order).Select((i, n) =>
            new FrameworkLine(n + 1, i.Code, i.Level, i.Name, i.MaxPoints, i.Method, i.RuleText, i.Rule, i.Evidence, Source: i.Source, PreviousCodes: i.Code)).ToList(), []);
        return FromFile(file, year, AgencyKind, name, now, Id);
    }

    /// <summary>Sets which of the previous year's codes an item continues (renamed, split, merged; empty: new).</summary>
    public void MapToPrevious(string code, string? previousCodes)
    {
        if (IsFrozen)
        {
            throw new DomainValidationException("PreviousCodes", "Par.FrameworkFrozen");
        }

        var item = items.FirstOrDefault(i => string.Equals(i.Code, code, StringComparison.OrdinalIgnoreCase)) ?? throw new NotFoundException();
        var codes = CodeMapping.Split(previousCodes);
        if (codes.Any(c => c.Length > 20 || c.Contains(' ', StringComparison.Ordinal)))
        {
            throw new DomainValidationException("PreviousCodes", "Par.PreviousCodesInvalid", previousCodes ?? "");
        }

        var joined = codes.Count == 0 ? null : string.Join(';', codes);
        if (joined is { Length: > FrameworkItem.PreviousCodesMaxLength })
        {
            throw new DomainValidationException("PreviousCodes", "Par.PreviousCodesTooLong", code, FrameworkItem.PreviousCodesMaxLength);
        }

        item.PreviousCodes = joined;
    }
}

/// <summary>Lĩnh vực, tiêu chí or tiêu chí thành phần.</summary>
internal sealed class FrameworkItem
{
    public const int CodeMaxLength = 20;
    public const int NameMaxLength = 1000;
    public const int RuleTextMaxLength = 2000;
    public const int RuleMaxLength = 500;
    public const int EvidenceMaxLength = 2000;
    public const int SourceMaxLength = 50;
    public const int PreviousCodesMaxLength = 200;

    private FrameworkItem()
    {
    }

    internal FrameworkItem(Guid frameworkId, Guid? parentId, int order, string code, FrameworkLine line)
    {
        Id = Guid.CreateVersion7();
        FrameworkId = frameworkId;
        ParentId = parentId;
        Order = order;
        Code = code;
        Level = line.Level!.Value;
        Name = line.Name;
        MaxPoints = line.MaxPoints!.Value;
        Method = line.Method!.Value;
        RuleText = line.RuleText?.Trim();
        Rule = line.Rule?.Trim();
        Evidence = line.Evidence?.Trim();
        Source = line.Source?.Trim().ToLowerInvariant();
        PreviousCodes = CodeMapping.Split(line.PreviousCodes) is { Count: > 0 } previous ? string.Join(';', previous) : null;
    }

    public Guid Id { get; private set; }

    public Guid FrameworkId { get; private set; }

    public Guid? ParentId { get; private set; }

    public int Order { get; private set; }

    public string Code { get; private set; } = "";

    public CriterionLevel Level { get; private set; }

    public string Name { get; private set; } = "";

    /// <summary>Maximum points; negative for a deduction item.</summary>
    public decimal MaxPoints { get; private set; }

    public ScoringMethod Method { get; private set; }

    public string? RuleText { get; private set; }

    public string? Rule { get; private set; }

    public string? Evidence { get; private set; }

    /// <summary>For a computed item: which Sipar data gives its value (<see cref="ComputedSources"/>).</summary>
    public string? Source { get; private set; }

    /// <summary>The previous year's codes this item continues, ";"-separated; null for a new item.</summary>
    public string? PreviousCodes { get; internal set; }
}
