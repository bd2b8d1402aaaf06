using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Sipar.Infrastructure.Auth;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Time;
using Sipar.Modules.Accounts;

namespace Sipar.Modules.Audit;

internal static class AuditModule
{
    public const string TableName = "audit_entries";

    public static IHostApplicationBuilder AddAudit(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<ActorAccessor>();
        builder.Services.AddScoped<IInterceptor, AuditInterceptor>();
        builder.Services.AddScoped<AuditLog>();
        return builder;
    }

    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", async (AuditLog log, [AsParameters] AuditFilter filter, CancellationToken ct) =>
                TypedResults.Ok(await log.SearchAsync(filter, ct)))
            .RequireAuthorization(Policies.Administer)
            .WithTags("Audit");
        return app;
    }
}

internal sealed record AuditFilter(string? EntityType = null, string? EntityId = null, string? Actor = null, DateOnly? From = null, DateOnly? To = null, int Page = 1);

internal sealed record AuditRow(long Id, DateTime At, Guid? ActorId, string ActorName, string EntityType, string EntityId, AuditAction Action, string Changes);

internal sealed record AuditPage(IReadOnlyList<AuditRow> Rows, int Page, int PageSize, int Total, IReadOnlyList<string> EntityTypes);

/// <summary>Reads the audit trail. There is deliberately no method that writes, edits or deletes.</summary>
internal sealed class AuditLog(SiparDbContext db)
{
    public const int PageSize = 50;

    public async Task<AuditPage> SearchAsync(AuditFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var q = db.Set<AuditEntry>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.EntityType))
        {
            q = q.Where(e => e.EntityType == filter.EntityType);
        }

        if (!string.IsNullOrWhiteSpace(filter.EntityId))
        {
            q = q.Where(e => e.EntityId == filter.EntityId.Trim());
        }

        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            q = q.Where(e => e.ActorName.Contains(filter.Actor.Trim()));
        }

        // Dates are days in Vietnam (UTC+7); the trail stores UTC instants.
        if (filter.From is { } from)
        {
            var start = VietnamTime.StartOfDayUtc(from);
            q = q.Where(e => e.At >= start);
        }

        if (filter.To is { } to)
        {
            var end = VietnamTime.StartOfDayUtc(to.AddDays(1));
            q = q.Where(e => e.At < end);
        }

        var page = Math.Max(1, filter.Page);
        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(e => e.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(e => new AuditRow(e.Id, e.At, e.ActorId, e.ActorName, e.EntityType, e.EntityId, e.Action, e.Changes))
            .ToListAsync(ct);
        var types = await db.Set<AuditEntry>().AsNoTracking().Select(e => e.EntityType).Distinct().OrderBy(t => t).ToListAsync(ct);
        return new AuditPage(rows, page, PageSize, total, types);
    }
}
