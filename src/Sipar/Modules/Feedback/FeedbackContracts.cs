namespace Sipar.Modules.Feedback;

// The Feedback module's contract (ADR 0014): what the home page shows leaders and the office of citizens' feedback.
// PAR INDEX reads the feedback rates through its IParDataSource, which this module registers.

/// <summary>An agency's feedback at a glance: open items, those past their step's deadline, escalated to the leadership, and flagged unsatisfied.</summary>
public sealed record FeedbackWatch(int Open, int Late, int Escalated, int Flagged);

/// <summary>What other modules may ask of citizens' feedback.</summary>
public interface IFeedbackRecords
{
    Task<FeedbackWatch> WatchAsync(Guid agencyId, CancellationToken ct);
}
