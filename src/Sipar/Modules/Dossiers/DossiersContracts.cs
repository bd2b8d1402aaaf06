namespace Sipar.Modules.Dossiers;

// The Dossiers module's contract (ADR 0014): what SIPAS, feedback and dashboards read of the one-stop desk.
// Computed PAR INDEX criteria come through ParIndex's IParDataSource, which this module registers.

/// <summary>A dossier whose result was returned: one person of the SIPAS sampling frame.</summary>
public sealed record ReturnedDossier(
    Guid DossierId, string Code, Guid AgencyId, Guid? UnitId, string ProcedureCode, string ProcedureName, string Field,
    string ApplicantName, string? Phone, string? Email, DateOnly ReturnedOn);

/// <summary>The one-stop figures of an agency for a period, as provinces publish them (QĐ 766 and the on-time rate).</summary>
public sealed record DossierFigures(
    int Received, int CarriedOver, int ToHandle, int FinishedEarly, int FinishedOnTime, int FinishedLate, int InProgress,
    int LateInProgress, int Supplements, int Refused, int Apologies, int ApologiesOnTime, int Stopped, int Online, int OnlineFull,
    decimal? MedianDays, decimal? P90Days, decimal? OnTimeRate, decimal? SatisfactionRate)
{
    public int Finished => FinishedEarly + FinishedOnTime + FinishedLate;
}

/// <summary>The desk at a glance for leaders: this month's on-time rate (to today) and the open dossiers near or past their date.</summary>
public sealed record DossierWatch(decimal? MonthOnTimeRate, int MonthToHandle, int DueSoon, int LateOpen);

/// <summary>What other modules may ask of the one-stop desk.</summary>
public interface IDossierRecords
{
    /// <summary>People who received a result between two dates (inclusive): the SIPAS sampling frame.</summary>
    Task<IReadOnlyList<ReturnedDossier>> ReturnedAsync(Guid agencyId, DateOnly from, DateOnly to, CancellationToken ct);

    /// <summary>The figures for an agency and period (inclusive dates).</summary>
    Task<DossierFigures> FiguresAsync(Guid agencyId, DateOnly from, DateOnly to, CancellationToken ct);

    /// <summary>The leadership dashboard's line on the desk.</summary>
    Task<DossierWatch> WatchAsync(Guid agencyId, CancellationToken ct);

    /// <summary>A complaint names the dossier (by its code); false when no dossier has that code in the agency.</summary>
    Task<bool> MarkComplainedAboutAsync(Guid agencyId, string code, CancellationToken ct);

    /// <summary>The name of the agency's procedure with this code (as in the national database); null when the agency offers none.</summary>
    Task<string?> ProcedureNameAsync(Guid agencyId, string code, CancellationToken ct);
}
