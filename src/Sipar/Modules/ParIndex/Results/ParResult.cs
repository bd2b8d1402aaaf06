namespace Sipar.Modules.ParIndex;

/// <summary>A final point for one agency, one criterion and one year (imported from a published appraisal table, or appraised in Sipar).</summary>
public sealed class ParResult
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

    public static ParResult Imported(int year, Guid agencyId, string code, decimal points, DateTime at) =>
        new() { Id = Guid.CreateVersion7(), Year = year, AgencyId = agencyId, CriterionCode = code, Points = points, RecordedAt = at };

    public void Replace(decimal points, DateTime at)
    {
        Points = points;
        RecordedAt = at;
    }
}
