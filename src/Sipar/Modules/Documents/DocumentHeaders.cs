using Sipar.Modules.Organisation;

namespace Sipar.Modules.Documents;

/// <summary>The Decree 30 header of an agency's document: the governing body above a department, issuer, number, place and date.</summary>
internal sealed class DocumentHeaders(IAgencies agencies)
{
    public async Task<DocumentHeader> ForAgencyAsync(Guid agencyId, string? number, string typeCode, DateOnly? date, string typeName, string summary, CancellationToken ct)
    {
        var agency = await agencies.FindAsync(agencyId, ct) ?? throw new Infrastructure.Errors.NotFoundException();
        return For(agency, number, typeCode, date, typeName, summary);
    }

    /// <summary>The header for an agency already at hand (a department sits under the province's People's Committee).</summary>
    public static DocumentHeader For(AgencyInfo agency, string? number, string typeCode, DateOnly? date, string typeName, string summary, string? formLabel = null)
    {
        ArgumentNullException.ThrowIfNull(agency);
        var parent = agency.Kind == AgencyKind.Department ? "UBND tỉnh " + agency.PlaceName : null;
        return new DocumentHeader(parent, agency.Name, number, typeCode, agency.Symbol, agency.PlaceName, date, typeName, summary, formLabel);
    }
}
