namespace Sipar.Modules.Organisation;

// The Organisation module's contract (ADR 0014): agencies and their units as other modules read them.

/// <summary>
/// The kind of an agency: a code from the kinds table (<see cref="AgencyKindInfo"/>), so a province can rank district
/// committees, or any group it publishes, apart. Agencies are ranked, and frameworks chosen, within their kind. The
/// three built-in kinds have behaviour of their own (documents, plan owners); every other kind is data.
/// </summary>
[System.ComponentModel.TypeConverter(typeof(AgencyKindTypeConverter))]
[System.Text.Json.Serialization.JsonConverter(typeof(AgencyKindJsonConverter))]
public readonly record struct AgencyKind : IParsable<AgencyKind>, IComparable<AgencyKind>
{
    public const int CodeMaxLength = 40;

    private readonly string? code;

    public AgencyKind(string code) => this.code = code;

    /// <summary>Sở, ban, ngành.</summary>
    public static AgencyKind Department { get; } = new("Department");

    /// <summary>UBND xã, phường.</summary>
    public static AgencyKind CommuneCommittee { get; } = new("CommuneCommittee");

    /// <summary>Cơ quan thẩm định (Sở Nội vụ / Hội đồng thẩm định).</summary>
    public static AgencyKind AppraisingBody { get; } = new("AppraisingBody");

    /// <summary>UBND cấp huyện: a historical kind, gone with the district level on 01/07/2025, kept for past years.</summary>
    public static AgencyKind DistrictCommittee { get; } = new("DistrictCommittee");

    public string Code => code ?? "";

    /// <summary>A code is 2–40 ASCII letters and digits, starting with a letter (it names the kind in files and URLs).</summary>
    public static bool IsCode(string? text) =>
        text is { Length: >= 2 and <= CodeMaxLength } && char.IsAsciiLetter(text[0]) && text.All(char.IsAsciiLetterOrDigit);

    public static AgencyKind Parse(string s, IFormatProvider? provider) =>
        TryParse(s, provider, out var kind) ? kind : throw new FormatException("Not an agency kind code: " + s);

    public static bool TryParse(string? s, IFormatProvider? provider, out AgencyKind result)
    {
        var t = s?.Trim();
        result = IsCode(t) ? new AgencyKind(t!) : default;
        return result.code is not null;
    }

    public static bool operator <(AgencyKind left, AgencyKind right) => left.CompareTo(right) < 0;

    public static bool operator <=(AgencyKind left, AgencyKind right) => left.CompareTo(right) <= 0;

    public static bool operator >(AgencyKind left, AgencyKind right) => left.CompareTo(right) > 0;

    public static bool operator >=(AgencyKind left, AgencyKind right) => left.CompareTo(right) >= 0;

    public int CompareTo(AgencyKind other) => string.CompareOrdinal(Code, other.Code);

    public override string ToString() => Code;
}

/// <summary>A kind of agency as the kinds table holds it: its name, and the day it ended for a historical kind.</summary>
public sealed record AgencyKindInfo(AgencyKind Kind, string Name, DateOnly? Until, int SortOrder)
{
    /// <summary>Whether an agency of this kind can still be scored for <paramref name="year"/>.</summary>
    public bool InUseIn(int year) => Until is not { } until || year <= until.Year;
}

/// <summary>Names of kinds for pages and files.</summary>
public static class AgencyKindNames
{
    /// <summary>The kind's name from the kinds table, or its code when the table does not hold it.</summary>
    public static string NameOf(this IEnumerable<AgencyKindInfo> kinds, AgencyKind kind) =>
        kinds?.FirstOrDefault(k => k.Kind == kind)?.Name ?? kind.Code;
}

internal sealed class AgencyKindTypeConverter : System.ComponentModel.TypeConverter
{
    public override bool CanConvertFrom(System.ComponentModel.ITypeDescriptorContext? context, Type sourceType) => sourceType == typeof(string);

    public override object? ConvertFrom(System.ComponentModel.ITypeDescriptorContext? context, System.Globalization.CultureInfo? culture, object value) =>
        AgencyKind.TryParse(value as string, culture, out var kind) ? kind : throw new FormatException("Not an agency kind code.");
}

internal sealed class AgencyKindJsonConverter : System.Text.Json.Serialization.JsonConverter<AgencyKind>
{
    public override AgencyKind Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options) =>
        AgencyKind.TryParse(reader.GetString(), null, out var kind) ? kind : throw new System.Text.Json.JsonException("Not an agency kind code.");

    public override void Write(System.Text.Json.Utf8JsonWriter writer, AgencyKind value, System.Text.Json.JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Code);
    }
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

    /// <summary>The kinds of agency, historical ones included, in their order.</summary>
    Task<IReadOnlyList<AgencyKindInfo>> KindsAsync(CancellationToken ct);
}
