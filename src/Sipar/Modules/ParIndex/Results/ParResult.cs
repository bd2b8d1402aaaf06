namespace Sipar.Modules.ParIndex;

/// <summary>A final point for one agency, one criterion and one year (imported from a published appraisal table, or appraised in Sipar).</summary>
internal sealed class ParResult
{
    private ParResult()
    {
    }

    public Guid Id { get; private set; }

    public int Year { get; private set; }

    public Guid AgencyId { get; private set; }

    public string CriterionCode { get; private set; } = "";

    public decimal Points { get; private set; }

    public DateTime RecordedAt { get; private set; }

    /// <summary>
    /// The campaign whose appraisal produced this point; null for a published table imported from before Sipar.
    /// Agencies see it only once that campaign is published.
    /// </summary>
    public Guid? CampaignId { get; private set; }

    public static ParResult Imported(int year, Guid agencyId, string code, decimal points, DateTime at) =>
        new() { Id = Guid.CreateVersion7(), Year = year, AgencyId = agencyId, CriterionCode = code, Points = points, RecordedAt = at };

    public static ParResult Appraised(int year, Guid agencyId, string code, decimal points, Guid campaignId, DateTime at) =>
        new() { Id = Guid.CreateVersion7(), Year = year, AgencyId = agencyId, CriterionCode = code, Points = points, RecordedAt = at, CampaignId = campaignId };

    /// <summary>A new point for the same criterion, from an import (<paramref name="campaignId"/> null) or a campaign.</summary>
    public void Replace(decimal points, DateTime at, Guid? campaignId = null)
    {
        Points = points;
        RecordedAt = at;
        CampaignId = campaignId;
    }
}
