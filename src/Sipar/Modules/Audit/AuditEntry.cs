namespace Sipar.Modules.Audit;

internal enum AuditAction
{
    Created,
    Updated,
    Deleted,
}

/// <summary>
/// One recorded change to domain data: who, when, which entity, and each changed value before and after.
/// Entries are append-only: the application has no code path that edits or deletes them, the DbContext
/// refuses to, and a database trigger refuses to as well.
/// </summary>
internal sealed class AuditEntry
{
    private AuditEntry()
    {
    }

    public long Id { get; private set; }

    public DateTime At { get; private set; }

    public Guid? ActorId { get; private set; }

    public string ActorName { get; private set; } = "";

    public string EntityType { get; private set; } = "";

    public string EntityId { get; private set; } = "";

    public AuditAction Action { get; private set; }

    /// <summary>JSON object: property → {"before": …, "after": …}.</summary>
    public string Changes { get; private set; } = "{}";

    internal static AuditEntry Record(DateTime at, Guid? actorId, string actorName, string entityType, string entityId, AuditAction action, string changes) =>
        new()
        {
            At = at,
            ActorId = actorId,
            ActorName = actorName.Length > 200 ? actorName[..200] : actorName,
            EntityType = entityType,
            EntityId = entityId,
            Action = action,
            Changes = changes,
        };
}
