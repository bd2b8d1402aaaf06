using Sipar.Infrastructure.Errors;

namespace Sipar.Modules.Organisation;

/// <summary>
/// A row of the kinds table: a code, its Vietnamese name and, for a historical kind, the last day it existed (the
/// district level ended on 30/06/2025). Kinds are never deleted: past years' agencies and frameworks keep theirs.
/// </summary>
internal sealed class AgencyKindEntry
{
    public const int NameMaxLength = 200;

    private AgencyKindEntry()
    {
    }

    public AgencyKind Kind { get; private set; }

    public string Name { get; private set; } = "";

    public DateOnly? Until { get; private set; }

    public int SortOrder { get; private set; }

    /// <summary>The kinds every installation starts with (also written by the migration that created the table).</summary>
    public static IReadOnlyList<AgencyKindEntry> BuiltIn { get; } =
    [
        new() { Kind = AgencyKind.Department, Name = "Sở, ban, ngành", SortOrder = 10 },
        new() { Kind = AgencyKind.CommuneCommittee, Name = "UBND xã, phường", SortOrder = 20 },
        new() { Kind = AgencyKind.DistrictCommittee, Name = "UBND huyện, thị xã, thành phố (cấp huyện)", Until = new DateOnly(2025, 6, 30), SortOrder = 30 },
        new() { Kind = AgencyKind.AppraisingBody, Name = "Cơ quan thẩm định (Sở Nội vụ)", SortOrder = 90 },
    ];

    public static bool IsBuiltIn(AgencyKind kind) => BuiltIn.Any(b => b.Kind == kind);

    public static AgencyKindEntry Create(string? code, string? name, DateOnly? until, int sortOrder)
    {
        var entry = new AgencyKindEntry();
        var errors = new ValidationErrors();
        if (!AgencyKind.TryParse(code, null, out var kind))
        {
            errors.Add("Code", "Organisation.KindCodeFormat", code ?? "");
        }

        entry.Kind = kind;
        entry.Set(name, until, sortOrder, errors);
        return entry;
    }

    /// <summary>Renames the kind or marks it historical; the code never changes.</summary>
    public void Update(string? name, DateOnly? until, int sortOrder) => Set(name, until, sortOrder, new ValidationErrors());

    private void Set(string? name, DateOnly? until, int sortOrder, ValidationErrors errors)
    {
        var n = (name ?? "").Trim();
        errors.Required(nameof(Name), n, "Organisation.KindName");
        errors.MaxLength(nameof(Name), n, NameMaxLength);
        errors.ThrowIfAny();
        Name = n;
        Until = until;
        SortOrder = sortOrder;
    }

    public AgencyKindInfo ToInfo() => new(Kind, Name, Until, SortOrder);
}
