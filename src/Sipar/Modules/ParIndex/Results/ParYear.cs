using Sipar.Infrastructure.Errors;

namespace Sipar.Modules.ParIndex;

/// <summary>
/// A year's own settings, for years whose results were imported rather than appraised in a campaign: the class bands
/// and labels the province published (e.g. 90=Tốt;80=Khá;65=Trung bình;0=Yếu), and whether a survey was held that
/// year. A campaign of the year, when shown, keeps its own.
/// </summary>
internal sealed class ParYear
{
    private ParYear()
    {
    }

    public int Year { get; private set; }

    public string? Bands { get; private set; }

    public bool SurveyHeld { get; private set; } = true;

    public DateTime UpdatedAt { get; private set; }

    public IReadOnlyList<(decimal Min, string Label)>? BandList => Bands is null ? null : ParCampaign.ParseBands(Bands);

    public static ParYear Create(int year) =>
        year is < 2000 or > 2100 ? throw new DomainValidationException("Year", "Plan.YearRange") : new ParYear { Year = year };

    /// <summary>Sets the bands ("min=label;…", empty: the defaults) and the year's survey; a bad band changes nothing.</summary>
    public void Configure(string? bands, bool surveyHeld, DateTime now)
    {
        Bands = string.IsNullOrWhiteSpace(bands) ? null : ParCampaign.WriteBands(bands);
        SurveyHeld = surveyHeld;
        UpdatedAt = now;
    }
}

/// <summary>
/// What an agency's imported year was measured on, when that is not the framework as it stands: the criteria that do
/// not apply to it, its own maximum when a table publishes only that, and whether a survey was held for it.
/// </summary>
internal sealed class ParAgencyYear
{
    public const int NotApplicableMaxLength = 2000;

    private ParAgencyYear()
    {
    }

    public Guid Id { get; private set; }

    public int Year { get; private set; }

    public Guid AgencyId { get; private set; }

    /// <summary>Codes of the criteria that do not apply, ";"-separated; null: all apply.</summary>
    public string? NotApplicable { get; private set; }

    public decimal? Maximum { get; private set; }

    public bool? SurveyHeld { get; private set; }

    public DateTime RecordedAt { get; private set; }

    public static ParAgencyYear Create(int year, Guid agencyId) => new() { Id = Guid.CreateVersion7(), Year = year, AgencyId = agencyId };

    public void Set(IReadOnlyCollection<string> notApplicable, decimal? maximum, bool? surveyHeld, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(notApplicable);
        var codes = notApplicable.Count == 0 ? null : string.Join(';', notApplicable.Order(StringComparer.OrdinalIgnoreCase));
        NotApplicable = codes is { Length: > NotApplicableMaxLength } ? throw new DomainValidationException("file", "Error.MaxLength", NotApplicableMaxLength) : codes;
        Maximum = maximum;
        SurveyHeld = surveyHeld;
        RecordedAt = now;
    }

    public AgencyScope ToScope() => new(
        (NotApplicable ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.OrdinalIgnoreCase), Maximum, SurveyHeld);
}
