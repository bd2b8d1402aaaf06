using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Time;

namespace Sipar.Modules.Dossiers;

/// <summary>What a line of the monthly store counts.</summary>
internal enum RollupKind
{
    /// <summary>Accepted in month M1: N1 dossiers, N2 of them online, N3 online "toàn trình".</summary>
    Received = 1,

    /// <summary>Accepted in M1, gone (finished or stopped) in M2 (<see cref="DossierRollup.Never"/>: not yet), due in M3 (Flag: on its last day).</summary>
    Stock = 2,

    /// <summary>
    /// Finished in M1 with an appointment date, accepted in M2 and gone in M3 (0 and <see cref="DossierRollup.Never"/>:
    /// accepted by then and not stopped before, so it counts in any period it finished in): N1 early, N2 on time, N3 late,
    /// N4 late or rated badly or complained about; <see cref="RollupRow.Histogram"/> their working days.
    /// </summary>
    Finished = 3,

    /// <summary>Documents asked for in M1.</summary>
    Supplement = 4,

    /// <summary>Refused in M1.</summary>
    Refused = 5,

    /// <summary>Apology issued in M1: N1, N2 of them on time.</summary>
    Apology = 6,

    /// <summary>Stopped in M1 after acceptance.</summary>
    Stopped = 7,
}

/// <summary>
/// One line of the monthly store of the one-stop indicators (ADR 0022): counts of one agency's dossiers received in one
/// month (<see cref="Bucket"/>, yyyyMM) that share a unit, a procedure, a field and the months that decide where they
/// count. A line counts only in periods that begin by <see cref="Stay"/>: the earlier of the last month its dossiers are
/// seen at all (the later of closing and finishing; <see cref="DossierRollup.Never"/> while open) and the last month its
/// kind can count them from, so one range keeps the count exact and leaves the lines of the past unread. Months are
/// Vietnam months as yyyyMM.
/// </summary>
internal sealed class RollupRow : IDerivedData
{
    public Guid Id { get; set; }

    public Guid AgencyId { get; set; }

    public int Bucket { get; set; }

    public int Stay { get; set; }

    public RollupKind Kind { get; set; }

    public Guid? UnitId { get; set; }

    public string ProcedureCode { get; set; } = "";

    public string Field { get; set; } = "";

    public int M1 { get; set; }

    public int M2 { get; set; }

    public int M3 { get; set; }

    public bool Flag { get; set; }

    /// <summary>Working days to finish, as "days:count" pairs in order of days (Finished lines).</summary>
    public string? Histogram { get; set; }

    public int N1 { get; set; }

    public int N2 { get; set; }

    public int N3 { get; set; }

    public int N4 { get; set; }
}

/// <summary>A month of an agency whose lines are out of date: written in the same transaction as the dossier change.</summary>
internal sealed class RollupMark : IDerivedData
{
    public Guid Id { get; set; }

    public Guid AgencyId { get; set; }

    public int Bucket { get; set; }
}

/// <summary>What a line needs of one dossier.</summary>
internal sealed record RollupFact(
    Guid? UnitId, string ProcedureCode, string Field, DateTime? AcceptedAt, DateOnly? AppointmentDate, DateOnly? FinishedOn, DossierStatus Status,
    DateTime? ClosedAt, DateTime? SupplementRequestedAt, DateOnly? ApologyIssuedOn, bool? ApologyOnTime, DossierChannel Channel, OnlineLevel OnlineLevel,
    int? RatingOverall, bool ComplainedAbout, int? ProcessingDays);

/// <summary>
/// The monthly store behind the indicators of whole months (ADR 0022). Every save that adds, changes or removes a
/// dossier marks its agency's month (<see cref="RollupMarker"/>; the PostgreSQL import marks in SQL); a read first
/// rebuilds the marked months from the dossiers, in its own transaction, so the figures are those of the dossiers as
/// committed. Two readers rebuilding the same month: the one that takes the marks does it.
/// </summary>
internal sealed class DossierRollup(SiparDbContext db, IServiceScopeFactory scopes)
{
    /// <summary>A month after every real one: "not yet" for gone, due and stay months.</summary>
    public const int Never = 999999;

    public static int Month(DateOnly date) => (date.Year * 100) + date.Month;

    public static int Month(DateTime utc) => Month(VietnamTime.DateOf(utc));

    /// <summary>The UTC bounds of a bucket's receipts.</summary>
    public static (DateTime Start, DateTime End) Bounds(int bucket)
    {
        var first = new DateOnly(bucket / 100, bucket % 100, 1);
        return (VietnamTime.StartOfDayUtc(first), VietnamTime.StartOfDayUtc(first.AddMonths(1)));
    }

    /// <summary>
    /// Rebuilds the marked months of an agency (null: every agency). False when the store cannot be read here: inside an
    /// open transaction, whose own uncommitted changes a rebuild on another connection would not see.
    /// </summary>
    public async Task<bool> RefreshAsync(Guid? agencyId, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return false;
        }

        var marks = db.Set<RollupMark>().AsNoTracking();
        if (agencyId is { } a)
        {
            marks = marks.Where(m => m.AgencyId == a);
        }

        if (!await marks.AnyAsync(ct))
        {
            return true;
        }

        await using var scope = scopes.CreateAsyncScope();
        var writer = scope.ServiceProvider.GetRequiredService<SiparDbContext>();
        writer.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));
        await RebuildMarkedAsync(writer, agencyId, ct);
        return true;
    }

    /// <summary>Rebuilds every marked month of an agency (null: every agency) through <paramref name="writer"/>, a context of its own.</summary>
    public static async Task RebuildMarkedAsync(SiparDbContext writer, Guid? agencyId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var marks = writer.Set<RollupMark>().AsNoTracking();
        if (agencyId is { } a)
        {
            marks = marks.Where(m => m.AgencyId == a);
        }

        foreach (var m in await marks.Select(m => new { m.AgencyId, m.Bucket }).Distinct().ToListAsync(ct))
        {
            await RebuildAsync(writer, m.AgencyId, m.Bucket, ct);
        }
    }

    /// <summary>Marks every month that has dossiers (after a bulk load that bypassed the marker) and rebuilds them all.</summary>
    public static async Task RebuildAllAsync(SiparDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        // Vietnam months: the instant moved by the fixed offset of Việt Nam (no daylight saving).
        var months = await db.Set<Dossier>().AsNoTracking().Select(d => new { d.AgencyId, d.ReceivedAt.AddHours(7).Year, d.ReceivedAt.AddHours(7).Month }).Distinct().ToListAsync(ct);
        var buckets = months.Select(m => (m.AgencyId, Bucket: (m.Year * 100) + m.Month)).ToList();
        db.AddRange(buckets.Select(b => new RollupMark { Id = Guid.CreateVersion7(), AgencyId = b.AgencyId, Bucket = b.Bucket }));
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        foreach (var (agencyId, bucket) in buckets)
        {
            await RebuildAsync(db, agencyId, bucket, ct);
        }
    }

    private static async Task RebuildAsync(SiparDbContext db, Guid agencyId, int bucket, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Taking the marks first: a second reader waits here for this one, then finds nothing left to do.
        if (await db.Set<RollupMark>().Where(m => m.AgencyId == agencyId && m.Bucket == bucket).ExecuteDeleteAsync(ct) == 0)
        {
            return;
        }

        await db.Set<RollupRow>().Where(r => r.AgencyId == agencyId && r.Bucket == bucket).ExecuteDeleteAsync(ct);
        var (start, end) = Bounds(bucket);
        var facts = await db.Set<Dossier>().AsNoTracking().Where(d => d.AgencyId == agencyId && d.ReceivedAt >= start && d.ReceivedAt < end)
            .Select(d => new RollupFact(d.UnitId, d.ProcedureCode, d.Field, d.AcceptedAt, d.AppointmentDate, d.FinishedOn, d.Status, d.ClosedAt,
                d.SupplementRequestedAt, d.ApologyIssuedOn, d.ApologyOnTime, d.Channel, d.OnlineLevel, d.RatingOverall, d.ComplainedAbout, d.ProcessingDays))
            .ToListAsync(ct);
        var rows = Rows(agencyId, bucket, facts);
        if (db.Database.IsNpgsql() && rows.Count > 200)
        {
            await using var copy = await BulkCopy.StartAsync<RollupRow>(db, BulkCopy.Shape<RollupRow>(db).Table, ct);
            foreach (var row in rows)
            {
                await copy.WriteAsync(row, ct);
            }

            await copy.CompleteAsync(ct);
        }
        else
        {
            db.AddRange(rows);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        await transaction.CommitAsync(ct);
    }

    /// <summary>The lines of one bucket: the dossiers grouped by everything that decides where they count.</summary>
    public static List<RollupRow> Rows(Guid agencyId, int bucket, IEnumerable<RollupFact> facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var lines = new Dictionary<Line, (int[] N, SortedDictionary<int, int>? Days)>();
        void Add(Line line, int stay, int n1, int n2 = 0, int n3 = 0, int n4 = 0, int? days = null)
        {
            line = line with { Stay = Math.Min(stay, line.Stay) };
            if (!lines.TryGetValue(line, out var n))
            {
                lines[line] = n = (new int[4], line.Kind == RollupKind.Finished ? [] : null);
            }

            n.N[0] += n1;
            n.N[1] += n2;
            n.N[2] += n3;
            n.N[3] += n4;
            if (days is { } d && n.Days is { } histogram)
            {
                histogram[d] = histogram.GetValueOrDefault(d) + 1;
            }
        }

        foreach (var f in facts)
        {
            DateOnly? closedOn = f.ClosedAt is { } c ? VietnamTime.DateOf(c) : null;
            // The last month the dossier is seen at all (the count from the dossiers reads no other).
            var seen = closedOn is { } closed ? Month(f.FinishedOn is { } done && done > closed ? done : closed) : Never;
            var line = new Line(RollupKind.Received, f.UnitId, f.ProcedureCode, f.Field, seen, 0, 0, 0, false);
            if (f.SupplementRequestedAt is { } asked)
            {
                var m = Month(asked);
                Add(line with { Kind = RollupKind.Supplement, M1 = m }, m, 1);
            }

            if (f.Status == DossierStatus.Refused && closedOn is { } refusedOn)
            {
                var m = Month(refusedOn);
                Add(line with { Kind = RollupKind.Refused, M1 = m }, m, 1);
            }

            if (f.ApologyIssuedOn is { } apology)
            {
                var m = Month(apology);
                Add(line with { Kind = RollupKind.Apology, M1 = m }, m, 1, f.ApologyOnTime == true ? 1 : 0);
            }

            if (f.AcceptedAt is not { } accepted)
            {
                continue;
            }

            var acceptedIn = Month(accepted);
            DateOnly? stoppedOn = f.Status == DossierStatus.Stopped ? closedOn : null;
            if (stoppedOn is { } stopped)
            {
                var m = Month(stopped);
                Add(line with { Kind = RollupKind.Stopped, M1 = m }, m, 1);
            }

            var online = f.Channel == DossierChannel.Online;
            Add(line with { M1 = acceptedIn }, acceptedIn, 1, online ? 1 : 0, online && f.OnlineLevel == OnlineLevel.Full ? 1 : 0);
            DateOnly? goneOn = f.FinishedOn is { } fin ? (stoppedOn is { } s && s < fin ? s : fin) : stoppedOn;
            var gone = goneOn is { } g ? Month(g) : Never;
            var due = f.AppointmentDate;
            // Carried over into, or still in progress at the end of, a period that starts by the month it is gone in.
            Add(line with { Kind = RollupKind.Stock, M1 = acceptedIn, M2 = gone, M3 = due is { } d ? Month(d) : Never, Flag = due is { } l && l.AddDays(1).Day == 1 }, gone, 1);
            if (f.FinishedOn is { } finished && due is { } appointment)
            {
                var outcome = Dossier.Compare(finished, appointment);
                var bad = outcome == Timeliness.Late || f.RatingOverall is <= 2 || f.ComplainedAbout;
                var finishedIn = Month(finished);
                // Accepted by the month it finished in and not stopped before: it counts wherever it finished.
                var plain = acceptedIn <= finishedIn && gone == finishedIn;
                Add(line with { Kind = RollupKind.Finished, M1 = finishedIn, M2 = plain ? 0 : acceptedIn, M3 = plain ? Never : gone }, finishedIn,
                    outcome == Timeliness.Early ? 1 : 0, outcome == Timeliness.OnTime ? 1 : 0, outcome == Timeliness.Late ? 1 : 0, bad ? 1 : 0, f.ProcessingDays);
            }
        }

        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        return lines.Select(l => new RollupRow
        {
            Id = Guid.CreateVersion7(),
            AgencyId = agencyId,
            Bucket = bucket,
            Stay = l.Key.Stay,
            Kind = l.Key.Kind,
            UnitId = l.Key.UnitId,
            ProcedureCode = l.Key.ProcedureCode,
            Field = l.Key.Field,
            M1 = l.Key.M1,
            M2 = l.Key.M2,
            M3 = l.Key.M3,
            Flag = l.Key.Flag,
            Histogram = l.Value.Days is { Count: > 0 } days ? string.Join(',', days.Select(d => string.Create(invariant, $"{d.Key}:{d.Value}"))) : null,
            N1 = l.Value.N[0],
            N2 = l.Value.N[1],
            N3 = l.Value.N[2],
            N4 = l.Value.N[3],
        }).ToList();
    }

    /// <summary>Adds a line's histogram ("days:count,…") into <paramref name="into"/>.</summary>
    public static void AddHistogram(string? histogram, Dictionary<int, int> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        foreach (var pair in (histogram ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            var days = int.Parse(pair.AsSpan(0, colon), System.Globalization.CultureInfo.InvariantCulture);
            into[days] = into.GetValueOrDefault(days) + int.Parse(pair.AsSpan(colon + 1), System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private readonly record struct Line(RollupKind Kind, Guid? UnitId, string ProcedureCode, string Field, int Stay, int M1, int M2, int M3, bool Flag);
}

/// <summary>Marks the month of every dossier a save adds, changes (before and after) or removes, in that same save.</summary>
internal sealed class RollupMarker : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Mark(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Mark(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Mark(DbContext? db)
    {
        if (db is null)
        {
            return;
        }

        db.ChangeTracker.DetectChanges();
        var months = new HashSet<(Guid, int)>();
        foreach (var e in db.ChangeTracker.Entries<Dossier>())
        {
            if (e.State is EntityState.Modified or EntityState.Deleted)
            {
                months.Add((e.Property(x => x.AgencyId).OriginalValue, DossierRollup.Month(e.Property(x => x.ReceivedAt).OriginalValue)));
            }

            if (e.State is EntityState.Added or EntityState.Modified)
            {
                months.Add((e.Entity.AgencyId, DossierRollup.Month(e.Entity.ReceivedAt)));
            }
        }

        foreach (var (agencyId, bucket) in months)
        {
            db.Add(new RollupMark { Id = Guid.CreateVersion7(), AgencyId = agencyId, Bucket = bucket });
        }
    }
}
