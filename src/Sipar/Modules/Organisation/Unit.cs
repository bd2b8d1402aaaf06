using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Localization;

namespace Sipar.Modules.Organisation;

/// <summary>Phòng, đơn vị: a unit of an agency. Units form a tree inside one agency.</summary>
internal sealed class Unit
{
    public const int NameMaxLength = 300;
    public const int ShortNameMaxLength = 60;

    private Unit()
    {
    }

    public Guid Id { get; private set; }

    public Guid AgencyId { get; private set; }

    public Guid? ParentId { get; private set; }

    public string Name { get; private set; } = "";

    /// <summary>Common abbreviation, e.g. <c>Phòng KH-TC</c>; used when matching names in imported documents.</summary>
    public string? ShortName { get; private set; }

    public UnitKind Kind { get; private set; }

    public int SortOrder { get; private set; }

    public string SearchName { get; private set; } = "";

    public static Unit Create(Guid agencyId, string name, string? shortName, UnitKind kind, Unit? parent, int sortOrder = 0)
    {
        var unit = new Unit { Id = Guid.CreateVersion7(), AgencyId = agencyId };
        unit.Update(name, shortName, kind, sortOrder);
        unit.MoveUnder(parent, []);
        return unit;
    }

    public void Update(string name, string? shortName, UnitKind kind, int sortOrder)
    {
        var errors = new ValidationErrors();
        name = (name ?? "").Trim();
        shortName = string.IsNullOrWhiteSpace(shortName) ? null : shortName.Trim();
        errors.Required(nameof(Name), name, "Unit.Name");
        errors.MaxLength(nameof(Name), name, NameMaxLength);
        errors.MaxLength(nameof(ShortName), shortName, ShortNameMaxLength);
        if (!Enum.IsDefined(kind))
        {
            errors.Add(nameof(Kind), "Error.Invalid");
        }

        errors.ThrowIfAny();
        Name = name;
        ShortName = shortName;
        Kind = kind;
        SortOrder = sortOrder;
        SearchName = VietnameseText.Fold(name);
    }

    /// <summary>Moves the unit under <paramref name="parent"/> (null: top level). The parent must be of the same agency and not below this unit.</summary>
    /// <param name="parent">The new parent.</param>
    /// <param name="agencyUnits">All units of the agency, to refuse cycles.</param>
    public void MoveUnder(Unit? parent, IReadOnlyCollection<Unit> agencyUnits)
    {
        if (parent is null)
        {
            ParentId = null;
            return;
        }

        if (parent.AgencyId != AgencyId)
        {
            throw new DomainValidationException(nameof(ParentId), "Error.ParentOtherAgency");
        }

        var byId = agencyUnits.ToDictionary(u => u.Id);
        for (Guid? at = parent.Id; at is { } id; at = byId.TryGetValue(id, out var u) ? u.ParentId : null)
        {
            if (id == Id)
            {
                throw new DomainValidationException(nameof(ParentId), "Error.ParentCycle");
            }
        }

        ParentId = parent.Id;
    }
}
