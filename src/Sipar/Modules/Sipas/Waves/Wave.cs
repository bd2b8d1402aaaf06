using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Errors;

namespace Sipar.Modules.Sipas;

/// <summary>How a wave's frame is cut into strata for the sample and the breakdowns.</summary>
internal enum Stratification
{
    None,
    Agency,
    Unit,
    Procedure,
}

/// <summary>Sample sizes: n = N/(1+N·e²) in every stratum, or that n for the whole frame shared out in proportion (with a minimum per stratum).</summary>
internal enum Allocation
{
    PerStratum,
    Proportional,
}

[Flags]
internal enum SurveyChannels
{
    None = 0,
    Online = 1,
    Paper = 2,
    Phone = 4,
}

internal enum WaveStatus
{
    Draft,
    Sampled,
    Closed,
    Published,
}

/// <summary>
/// A SIPAS wave: the period whose results are surveyed, the agencies in scope, the questionnaire, the channels, the
/// margin of error and stratification of its sample, the seed it was drawn with, the re-check share and the minimum cell,
/// and the survey staff who alone may see its contacts.
/// </summary>
internal sealed class Wave : IAggregateRoot
{
    public const int NameMaxLength = 300;

    private Wave()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The office running the wave.</summary>
    public Guid AgencyId { get; private set; }

    public string Name { get; private set; } = "";

    public DateOnly PeriodFrom { get; private set; }

    public DateOnly PeriodTo { get; private set; }

    /// <summary>The last day the survey page takes answers; invitations expire after it.</summary>
    public DateOnly ClosesOn { get; private set; }

    public Guid QuestionnaireId { get; private set; }

    /// <summary>The agencies whose returned dossiers make the frame, comma-separated ids (the running agency when empty).</summary>
    public string ScopeAgencies { get; private set; } = "";

    /// <summary>Procedure codes in scope, comma-separated (all when empty).</summary>
    public string ScopeProcedures { get; private set; } = "";

    public SurveyChannels Channels { get; private set; }

    public decimal MarginOfError { get; private set; }

    public Stratification Stratification { get; private set; }

    public Allocation Allocation { get; private set; }

    public int MinPerStratum { get; private set; }

    public decimal RecheckShare { get; private set; }

    public int MinCell { get; private set; }

    public long? Seed { get; private set; }

    public DateTime? SampledAt { get; private set; }

    public WaveStatus Status { get; private set; }

    /// <summary>The survey staff of this wave, comma-separated user ids: only they see contacts.</summary>
    public string Staff { get; private set; } = "";

    public DateTime CreatedAt { get; private set; }

    public IReadOnlyList<Guid> ScopeAgencyIds => Ids(ScopeAgencies) is { Count: > 0 } ids ? ids : [AgencyId];

    public IReadOnlyList<string> ScopeProcedureCodes => [.. ScopeProcedures.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    public IReadOnlyList<Guid> StaffIds => Ids(Staff);

    public static Wave Create(Guid agencyId, WaveSettings s, DateTime at)
    {
        var w = new Wave { Id = Guid.CreateVersion7(), AgencyId = agencyId, CreatedAt = at, Status = WaveStatus.Draft };
        w.Change(s);
        return w;
    }

    public void Change(WaveSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var errors = new List<FieldError>();
        var name = (s.Name ?? "").Trim();
        if (name.Length is 0 or > NameMaxLength)
        {
            errors.Add(new FieldError("Name", "Sipas.WaveNameRequired", NameMaxLength));
        }

        if (s.PeriodTo < s.PeriodFrom)
        {
            errors.Add(new FieldError("PeriodTo", "Sipas.PeriodBackwards"));
        }

        if (s.ClosesOn < s.PeriodTo)
        {
            errors.Add(new FieldError("ClosesOn", "Sipas.ClosesBeforePeriodEnds"));
        }

        if (s.MarginOfError is <= 0 or > 0.2m)
        {
            errors.Add(new FieldError("MarginOfError", "Sipas.MarginRange"));
        }

        if (s.RecheckShare is < 0 or > 1)
        {
            errors.Add(new FieldError("RecheckShare", "Sipas.ShareRange"));
        }

        if (s.MinPerStratum < 0 || s.MinCell < 1)
        {
            errors.Add(new FieldError("MinCell", "Sipas.MinRange"));
        }

        if (s.Channels == SurveyChannels.None)
        {
            errors.Add(new FieldError("Channels", "Sipas.ChannelRequired"));
        }

        if (Status != WaveStatus.Draft && (s.QuestionnaireId != QuestionnaireId || s.PeriodFrom != PeriodFrom || s.PeriodTo != PeriodTo
            || s.Stratification != Stratification || s.MarginOfError != MarginOfError || Join(s.ScopeAgencies) != ScopeAgencies))
        {
            errors.Add(new FieldError("", "Sipas.WaveAlreadySampled"));
        }

        if (errors.Count > 0)
        {
            throw new DomainValidationException(errors);
        }

        Name = name;
        PeriodFrom = s.PeriodFrom;
        PeriodTo = s.PeriodTo;
        ClosesOn = s.ClosesOn;
        QuestionnaireId = s.QuestionnaireId;
        ScopeAgencies = Join(s.ScopeAgencies);
        ScopeProcedures = string.Join(',', s.ScopeProcedures.Select(p => p.Trim()).Where(p => p.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase));
        Channels = s.Channels;
        MarginOfError = s.MarginOfError;
        Stratification = s.Stratification;
        Allocation = s.Allocation;
        MinPerStratum = s.MinPerStratum;
        RecheckShare = s.RecheckShare;
        MinCell = s.MinCell;
        Staff = Join(s.Staff);
    }

    /// <summary>Names the wave's survey staff (those who see its contacts); at least one.</summary>
    public void SetStaff(IReadOnlyCollection<Guid> staff)
    {
        ArgumentNullException.ThrowIfNull(staff);
        Staff = staff.Count > 0 ? Join(staff) : throw new DomainValidationException("Staff", "Sipas.StaffRequired");
    }

    public void Sampled(long seed, DateTime at)
    {
        if (Status != WaveStatus.Draft)
        {
            throw new DomainValidationException("", "Sipas.WaveAlreadySampled");
        }

        Seed = seed;
        SampledAt = at;
        Status = WaveStatus.Sampled;
    }

    public void Close() => Status = Status == WaveStatus.Sampled ? WaveStatus.Closed : throw new DomainValidationException("", "Sipas.WaveNotRunning");

    public void Publish() => Status = Status is WaveStatus.Sampled or WaveStatus.Closed ? WaveStatus.Published : throw new DomainValidationException("", "Sipas.WaveNotRunning");

    /// <summary>Whether the survey page still takes answers on <paramref name="today"/>.</summary>
    public bool IsOpen(DateOnly today) => Status == WaveStatus.Sampled && today <= ClosesOn;

    private static string Join(IEnumerable<Guid> ids) => string.Join(',', ids.Distinct().Order());

    private static List<Guid> Ids(string text) => [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse)];
}

internal sealed record WaveSettings(
    string? Name, DateOnly PeriodFrom, DateOnly PeriodTo, DateOnly ClosesOn, Guid QuestionnaireId,
    IReadOnlyList<Guid> ScopeAgencies, IReadOnlyList<string> ScopeProcedures, SurveyChannels Channels,
    decimal MarginOfError = 0.05m, Stratification Stratification = Stratification.Agency, Allocation Allocation = Allocation.PerStratum,
    int MinPerStratum = 30, decimal RecheckShare = 0.10m, int MinCell = 30, IReadOnlyList<Guid>? StaffIds = null)
{
    public IReadOnlyList<Guid> Staff => StaffIds ?? [];
}
