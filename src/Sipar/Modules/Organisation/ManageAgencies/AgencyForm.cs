namespace Sipar.Modules.Organisation;

/// <summary>The agency form's fields, as posted (strings stay as typed so nothing is lost on an error).</summary>
internal sealed class AgencyForm
{
    public string? Name { get; set; }

    public string? Symbol { get; set; }

    public string? PlaceName { get; set; }

    public AgencyKind Kind { get; set; } = AgencyKind.Department;

    public string? ReportRecipients { get; set; }

    public string? Hotline { get; set; }

    public string? Email { get; set; }

    public AgencyInput ToInput() => new(Name ?? "", Symbol ?? "", PlaceName ?? "", Kind, ReportRecipients, Hotline, Email);
}

/// <summary>The unit form's fields, as posted.</summary>
internal sealed class UnitForm
{
    public string? Name { get; set; }

    public string? ShortName { get; set; }

    public UnitKind Kind { get; set; } = UnitKind.Division;

    public Guid? ParentId { get; set; }

    public int SortOrder { get; set; }

    public UnitInput ToInput() => new(Name ?? "", ShortName, Kind, ParentId, SortOrder);
}
