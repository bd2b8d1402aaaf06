using System.Text.Json;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Sipar.Infrastructure.Auth;

namespace Sipar.Modules.Audit;

/// <summary>
/// Records every create, update and delete of domain data in the same transaction as the change itself,
/// and refuses any change to an existing <see cref="AuditEntry"/>.
/// </summary>
internal sealed class AuditInterceptor(ActorAccessor actors, TimeProvider clock) : SaveChangesInterceptor
{

    /// <summary>
    /// Secrets, and the contact details of citizens who sent feedback (shown only to those handling the item, so not to
    /// whoever reads the trail), that must never be copied into the audit trail.
    /// </summary>
    private static readonly HashSet<string> Masked = ["PasswordHash", "SecurityStamp", "LookupSecret", "SenderName", "SenderPhone", "SenderEmail"];


    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        AddEntries(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        AddEntries(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void AddEntries(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        context.ChangeTracker.DetectChanges();
        var changed = context.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .ToList();
        if (changed.Any(e => e.Entity is AuditEntry && e.State != EntityState.Added))
        {
            throw new InvalidOperationException("Audit entries are append-only: they cannot be changed or deleted.");
        }

        var actor = actors.Current;
        var now = clock.GetUtcNow().UtcDateTime;
        var entries = new List<AuditEntry>();
        foreach (var entry in changed.Where(e => AuditVocabulary.IsAudited(e.Metadata.ClrType) && !e.Metadata.IsOwned()))
        {
            var action = entry.State switch
            {
                EntityState.Added => AuditAction.Created,
                EntityState.Deleted => AuditAction.Deleted,
                _ => AuditAction.Updated,
            };
            var changes = Describe(entry, action);
            if (action == AuditAction.Updated && changes.Count == 0)
            {
                continue;
            }

            var key = string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue?.ToString()));
            entries.Add(AuditEntry.Record(now, actor.UserId, actor.Name, entry.Metadata.ClrType.Name, key, action, JsonSerializer.Serialize(changes, Json)));
        }

        context.Set<AuditEntry>().AddRange(entries);
    }

    private static Dictionary<string, Change> Describe(EntityEntry entry, AuditAction action)
    {
        var changes = new Dictionary<string, Change>();
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            if (!AuditVocabulary.IsRecorded(name))
            {
                continue;
            }

            var before = action == AuditAction.Created ? null : property.OriginalValue;
            var after = action == AuditAction.Deleted ? null : property.CurrentValue;
            if (action == AuditAction.Updated && (!property.IsModified || Equals(before, after)))
            {
                continue;
            }

            if (before is null && after is null)
            {
                continue;
            }

            if (Masked.Contains(name))
            {
                changes[name] = new Change(before is null ? null : "***", after is null ? null : "***");
                continue;
            }

            changes[name] = new Change(before, after);
        }

        return changes;
    }

    private sealed record Change(object? Before, object? After);
}
