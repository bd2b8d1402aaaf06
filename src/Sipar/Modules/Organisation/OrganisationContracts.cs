namespace Sipar.Modules.Organisation;

// The Organisation module's contract (ADR 0014): agencies and their units as other modules read them.

/// <summary>The kind of an agency.</summary>
public enum AgencyKind
{
    /// <summary>Sở, ban, ngành.</summary>
    Department,

    /// <summary>UBND xã, phường.</summary>
    CommuneCommittee,

    /// <summary>Cơ quan thẩm định (Sở Nội vụ / Hội đồng thẩm định).</summary>
    AppraisingBody,
}

/// <summary>Loại phòng, đơn vị.</summary>
public enum UnitKind
{
    /// <summary>Văn phòng.</summary>
    Office,

    /// <summary>Thanh tra.</summary>
    Inspectorate,

    /// <summary>Phòng chuyên môn, nghiệp vụ.</summary>
    Division,

    /// <summary>Đơn vị sự nghiệp trực thuộc (trung tâm, trường...).</summary>
    Affiliated,

    /// <summary>Bộ phận Một cửa.</summary>
    OneStopDesk,
}

/// <summary>An agency as other modules see it.</summary>
public sealed record AgencyInfo(Guid Id, string Name, string Symbol, string PlaceName, AgencyKind Kind, string? ReportRecipients = null, string? Hotline = null, string? Email = null)
{
    /// <summary>"Nơi nhận" of the agency's reports, one a line, or <paramref name="defaults"/> when the agency set none.</summary>
    public IReadOnlyList<string> RecipientsOr(IReadOnlyList<string> defaults) =>
        ReportRecipients is { Length: > 0 } r ? r.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : defaults;
}

/// <summary>A unit as other modules see it.</summary>
public sealed record UnitInfo(Guid Id, Guid AgencyId, string Name, string? ShortName, UnitKind Kind, int SortOrder);

/// <summary>A unit in its agency's tree, in tree order (<see cref="Depth"/> 0 for top-level units).</summary>
public sealed record UnitNode(Guid Id, Guid? ParentId, string Name, string? ShortName, UnitKind Kind, int SortOrder, int Depth);

/// <summary>Agencies and units for other modules (names for display, placement checks, choices on forms).</summary>
public interface IAgencies
{
    Task<AgencyInfo?> FindAsync(Guid agencyId, CancellationToken ct);

    Task<IReadOnlyList<AgencyInfo>> ListAsync(CancellationToken ct);

    /// <summary>The agency's units in their order.</summary>
    Task<IReadOnlyList<UnitInfo>> UnitsAsync(Guid agencyId, CancellationToken ct);

    /// <summary>Units by id, wherever they are (for names in lists, and to check a unit's agency).</summary>
    Task<IReadOnlyDictionary<Guid, UnitInfo>> UnitsByIdAsync(IReadOnlyCollection<Guid> unitIds, CancellationToken ct);

    /// <summary>The agency's units as a tree, in tree order (for choosers that show the hierarchy).</summary>
    Task<IReadOnlyList<UnitNode>> UnitTreeAsync(Guid agencyId, CancellationToken ct);

    /// <summary>Every unit of the province, in order (for choosers that span agencies).</summary>
    Task<IReadOnlyList<UnitInfo>> AllUnitsAsync(CancellationToken ct);
}
