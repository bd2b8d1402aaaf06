using Sipar.Modules.Organisation;

namespace Sipar.Modules.Documents;

/// <summary>The Decree 30 header of an agency's document: the governing body above a department, issuer, number, place and date.</summary>
internal sealed class DocumentHeaders(IAgencies agencies)
{
    public async Task<DocumentHeader> ForAgencyAsync(Guid agencyId, string? number, string typeCode, DateOnly? date, string typeName, string summary, CancellationToken ct, int? draftYear = null)
    {
        var agency = await agencies.FindAsync(agencyId, ct) ?? throw new Infrastructure.Errors.NotFoundException();
        return For(agency, number, typeCode, date, typeName, summary) with { DraftYear = draftYear };
    }

    /// <summary>The header for an agency already at hand (a department sits under the province's People's Committee).</summary>
    public static DocumentHeader For(AgencyInfo agency, string? number, string typeCode, DateOnly? date, string typeName, string summary, string? formLabel = null)
    {
        ArgumentNullException.ThrowIfNull(agency);
        var parent = agency.Kind == AgencyKind.Department ? "UBND tỉnh " + agency.PlaceName : null;
        return new DocumentHeader(parent, parent is null ? agency.Name : WithoutProvince(agency.Name, agency.PlaceName), number, typeCode, agency.Symbol, agency.PlaceName, date, typeName, summary, formLabel);
    }

    /// <summary>Under "UBND TỈNH LẠNG SƠN" the department is "SỞ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI", not "… TỈNH LẠNG SƠN" again.</summary>
    internal static string WithoutProvince(string name, string place)
    {
        ArgumentNullException.ThrowIfNull(name);
        var tail = " tỉnh " + place;
        return !string.IsNullOrWhiteSpace(place) && name.EndsWith(tail, StringComparison.OrdinalIgnoreCase) && name.Length > tail.Length
            ? name[..^tail.Length].TrimEnd()
            : name;
    }
}
