using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Localization;
using Sipar.Infrastructure.Time;

namespace Sipar.Modules.Dossiers;

/// <summary>
/// Imports dossiers exported by the province's one-stop system (CSV/XLSX, mapped columns), idempotent on the dossier
/// code: a re-import of the same month updates what changed and never duplicates. Rows are read as a stream and
/// checked one by one; nothing is saved unless every row is valid and the run is confirmed. On PostgreSQL the rows go
/// through a binary COPY into a temporary table and one <c>INSERT … ON CONFLICT</c>; on SQLite through EF in batches.
/// A code that belongs to another agency or to a dossier received at Sipar's own desk is refused.
/// </summary>
internal sealed class DossierImport(SiparDbContext db, TimeProvider clock, Accounts.CurrentUser me, DossierOptions options, Calendar.ICalendars calendars)
{
    private const int Batch = 2000;

    private const string TempTable = "dossiers_import_rows";

    public static readonly IReadOnlyList<ImportField> Fields =
    [
        new("code", true, "Mã hồ sơ", "Số hồ sơ", "Mã số hồ sơ"),
        new("procedure", true, "Mã thủ tục", "Mã TTHC", "Thủ tục", "Tên thủ tục", "Thủ tục hành chính"),
        new("received", true, "Ngày tiếp nhận", "Ngày nhận", "Ngày thụ lý", "Thời gian tiếp nhận", "Ngày nộp"),
        new("appointment", false, "Ngày hẹn trả", "Hẹn trả", "Ngày hẹn trả kết quả", "Ngày hẹn"),
        new("finished", false, "Ngày có kết quả", "Ngày hoàn thành", "Ngày xử lý xong", "Ngày kết thúc", "Ngày giải quyết xong"),
        new("returned", false, "Ngày trả kết quả", "Ngày trả", "Thời gian trả kết quả"),
        new("status", false, "Trạng thái", "Tình trạng", "Trạng thái hồ sơ"),
        new("channel", false, "Hình thức nộp", "Kênh tiếp nhận", "Hình thức tiếp nhận", "Hình thức"),
        new("supplement", false, "Bổ sung", "Yêu cầu bổ sung", "Có bổ sung"),
        new("apology", false, "Xin lỗi", "Văn bản xin lỗi", "Có xin lỗi"),
        new("applicant", false, "Người nộp", "Chủ hồ sơ", "Tên người nộp", "Tổ chức, cá nhân", "Người đứng tên"),
        new("phone", false, "Số điện thoại", "Điện thoại"),
        new("email", false, "Email", "Thư điện tử"),
    ];

    /// <summary>
    /// Checks every row of <paramref name="rows"/> (the header first) and counts what would change; with
    /// <paramref name="apply"/> and no error, writes it all in one transaction with an audited <see cref="ImportRun"/>.
    /// </summary>
    public async Task<ImportPreview> RunAsync(
        Guid agencyId, string fileName, byte[] sha256, IEnumerable<(int Row, IReadOnlyList<string> Cells)> rows, ColumnMapping? mapping, bool apply, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var e = rows.GetEnumerator();
        if (!e.MoveNext())
        {
            throw new DomainValidationException("file", "Import.EmptyFile");
        }

        var headers = e.Current.Cells;
        mapping ??= ColumnMapping.Guess(headers, Fields);
        IReadOnlyDictionary<string, int> columns;
        try
        {
            columns = mapping.Resolve(headers, Fields);
        }
        catch (DomainValidationException x)
        {
            return ImportPreview.Failed(ImportKind.Dossiers, headers, mapping, x.Errors);
        }

        var procedures = await db.Set<Procedure>().AsNoTracking().Where(p => p.AgencyId == agencyId).ToListAsync(ct);
        var byCode = procedures.GroupBy(p => p.Code, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var byName = procedures.GroupBy(p => VietnameseText.Fold(p.Name)).ToDictionary(g => g.Key, g => g.First());
        var now = clock.GetUtcNow().UtcDateTime;
        var calendar = await calendars.GetAsync(ct);
        var run = ImportRun.Start(agencyId, ImportKind.Dossiers, Path.GetFileName(fileName), sha256, mapping.ToJson(), now, me.Id);
        var shown = new ShownRows();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var words = new CellWords();
        // One transaction for the whole run: a preview (or a failed row) rolls it all back. A million rows take longer
        // than the default 30 s per statement to merge.
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Add(run);
        await db.SaveChangesAsync(ct);
        await using IDossierSink sink = db.Database.IsNpgsql() ? await CopySink.StartAsync(db, ct) : new EfSink(db, calendar);
        var total = 0;
        while (e.MoveNext())
        {
            var (row, cells) = e.Current;
            if (cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            total++;
            var (parsed, procedure, errors) = Read(cells, columns, byCode, byName, row, seen, words);
            if (errors.Count > 0)
            {
                shown.Add(new ImportRowResult(row, parsed?.Code ?? "", "", ImportRowAction.Error, errors));
                continue;
            }

            // Once a row is wrong nothing will be saved: the rest are only checked.
            if (shown.ErrorRows == 0)
            {
                await sink.AddAsync(Dossier.Imported(agencyId, procedure!, parsed!, options.FormSetOn(VietnamTime.DateOf(parsed!.ReceivedAt)), run.Id, calendar), parsed, procedure!, ct);
            }

            if (shown.ErrorRows == 0 && total <= ImportPreview.ShownRows)
            {
                shown.Add(new ImportRowResult(row, parsed!.Code, procedure!.Code + " · " + Show.Date(VietnamTime.DateOf(parsed.ReceivedAt)), ImportRowAction.Create, []));
            }
        }

        if (shown.ErrorRows > 0 || total == 0)
        {
            return new ImportPreview(ImportKind.Dossiers, headers, mapping, [], shown.List(), total, 0, 0, 0, shown.ErrorRows, false);
        }

        var (created, updated, clashes) = await sink.CountAsync(agencyId, ct);
        if (clashes.Count > 0)
        {
            var clashRows = new ShownRows();
            foreach (var code in clashes)
            {
                clashRows.Add(new ImportRowResult(seen.GetValueOrDefault(code), code, "", ImportRowAction.Error, [new FieldError("code", "DossierImport.CodeTaken", code)]));
            }

            return new ImportPreview(ImportKind.Dossiers, headers, mapping, [], clashRows.List(), total, 0, 0, 0, clashRows.ErrorRows, false);
        }

        var preview = new ImportPreview(ImportKind.Dossiers, headers, mapping, [], Label(shown.List(), sink), total, created, updated, total - created - updated, 0, false);
        if (!apply)
        {
            return preview;
        }

        await sink.MergeAsync(ct);
        db.ChangeTracker.Clear();
        var saved = await db.Set<ImportRun>().SingleAsync(r => r.Id == run.Id, ct);
        saved.Count(total, created, updated, total - created - updated);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return preview with { Applied = true };
    }

    private static List<ImportRowResult> Label(IReadOnlyList<ImportRowResult> rows, IDossierSink sink) =>
        rows.Select(r => r with { Action = sink.ActionOf(r.Key) }).ToList();

    private static (ImportedDossier? Row, Procedure? Procedure, List<FieldError> Errors) Read(
        IReadOnlyList<string> cells, IReadOnlyDictionary<string, int> columns, Dictionary<string, Procedure> byCode, Dictionary<string, Procedure> byName,
        int row, Dictionary<string, int> seen, CellWords words)
    {
        string Cell(string key) => columns.TryGetValue(key, out var i) && i < cells.Count ? cells[i].Trim() : "";
        var errors = new List<FieldError>();
        var code = Cell("code").ToUpperInvariant();
        if (code.Length == 0)
        {
            errors.Add(new FieldError("code", "DossierImport.CodeRequired"));
        }
        else if (code.Length > Dossier.CodeMaxLength || code.Any(char.IsWhiteSpace))
        {
            errors.Add(new FieldError("code", "DossierImport.CodeFormat", code, Dossier.CodeMaxLength));
        }
        else if (!seen.TryAdd(code, row))
        {
            errors.Add(new FieldError("code", "DossierImport.DuplicateCode", code, seen[code]));
        }

        var procedureText = Cell("procedure");
        var procedure = byCode.GetValueOrDefault(procedureText) ?? byName.GetValueOrDefault(VietnameseText.Fold(procedureText));
        if (procedure is null)
        {
            errors.Add(new FieldError("procedure", "DossierImport.ProcedureUnknown", procedureText));
        }

        DateTime? Instant(string key, bool required)
        {
            var text = Cell(key);
            if (text.Length == 0)
            {
                if (required)
                {
                    errors.Add(new FieldError(key, "DossierImport.DateRequired", new LabelArg("ImportField." + key)));
                }

                return null;
            }

            if (ImportCells.TryInstant(text, out var utc))
            {
                return utc;
            }

            errors.Add(new FieldError(key, "DossierImport.DateUnreadable", text, new LabelArg("ImportField." + key)));
            return null;
        }

        var received = Instant("received", true);
        var appointment = Instant("appointment", false) is { } a ? VietnamTime.DateOf(a) : (DateOnly?)null;
        var finished = Instant("finished", false) is { } f ? VietnamTime.DateOf(f) : (DateOnly?)null;
        var returned = Instant("returned", false);
        DossierStatus status;
        if (Cell("status") is { Length: > 0 } statusText)
        {
            if (words.Status(statusText) is { } s)
            {
                status = s;
            }
            else
            {
                errors.Add(new FieldError("status", "DossierImport.StatusUnknown", statusText));
                status = DossierStatus.Processing;
            }
        }
        else
        {
            status = returned is not null ? DossierStatus.Returned : finished is not null ? DossierStatus.ResultReady : DossierStatus.Processing;
        }

        if (received is { } r)
        {
            var receivedOn = VietnamTime.DateOf(r);
            if (appointment is null && status != DossierStatus.Refused)
            {
                errors.Add(new FieldError("appointment", "DossierImport.AppointmentRequired"));
            }
            else if (appointment < receivedOn)
            {
                errors.Add(new FieldError("appointment", "DossierImport.BeforeReceived", new LabelArg("ImportField.appointment")));
            }

            if (finished < receivedOn)
            {
                errors.Add(new FieldError("finished", "DossierImport.BeforeReceived", new LabelArg("ImportField.finished")));
            }

            if (returned < r)
            {
                errors.Add(new FieldError("returned", "DossierImport.BeforeReceived", new LabelArg("ImportField.returned")));
            }
        }

        var applicant = Cell("applicant");
        var phone = Cell("phone");
        var email = Cell("email");
        if (applicant.Length > Dossier.NameMaxLength)
        {
            errors.Add(new FieldError("applicant", "Error.MaxLength", Dossier.NameMaxLength));
        }

        if (phone.Length > Dossier.ContactMaxLength || email.Length > Dossier.ContactMaxLength)
        {
            errors.Add(new FieldError(phone.Length > Dossier.ContactMaxLength ? "phone" : "email", "Error.MaxLength", Dossier.ContactMaxLength));
        }

        if (errors.Count > 0)
        {
            return (code.Length > 0 ? new ImportedDossier(code, default, null, null, null, status, default, false, false, null, null, null, "") : null, procedure, errors);
        }

        var channel = words.Channel(Cell("channel"));
        var supplement = words.Flag(Cell("supplement"));
        var apology = words.Flag(Cell("apology"));
        var invariant = CultureInfo.InvariantCulture;
        var key = string.Join('\u001f', code, procedure!.Id.ToString(), received!.Value.Ticks.ToString(invariant), appointment?.DayNumber.ToString(invariant), finished?.DayNumber.ToString(invariant),
            returned?.Ticks.ToString(invariant), status.ToString(), channel.ToString(), supplement ? "1" : "0", apology ? "1" : "0", applicant, phone, email);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32];
        return (new ImportedDossier(code, received.Value, appointment, finished, returned, status, channel, supplement, apology,
            applicant.Length > 0 ? applicant : null, phone.Length > 0 ? phone : null, email.Length > 0 ? email : null, hash), procedure, errors);
    }

    /// <summary>An export repeats a handful of status, channel and yes/no words a million times: each is read once.</summary>
    private sealed class CellWords
    {
        private const int Kept = 1000;
        private readonly Dictionary<string, DossierStatus?> statuses = new(StringComparer.Ordinal);
        private readonly Dictionary<string, DossierChannel> channels = new(StringComparer.Ordinal);
        private readonly Dictionary<string, bool> flags = new(StringComparer.Ordinal);

        public DossierStatus? Status(string text) => Remember(statuses, text, ImportCells.Status);

        public DossierChannel Channel(string text) => Remember(channels, text, ImportCells.Channel);

        public bool Flag(string text) => Remember(flags, text, ImportCells.Flag);

        private static TValue Remember<TValue>(Dictionary<string, TValue> known, string text, Func<string, TValue> read)
        {
            if (known.TryGetValue(text, out var value))
            {
                return value;
            }

            value = read(text);
            if (known.Count < Kept)
            {
                known[text] = value;
            }

            return value;
        }
    }

    /// <summary>Where checked rows go until the run is confirmed.</summary>
    private interface IDossierSink : IAsyncDisposable
    {
        Task AddAsync(Dossier dossier, ImportedDossier source, Procedure procedure, CancellationToken ct);

        /// <summary>How many rows are new, how many change a dossier, and the codes that are not this agency's to import.</summary>
        Task<(int Created, int Updated, IReadOnlyList<string> Clashes)> CountAsync(Guid agencyId, CancellationToken ct);

        ImportRowAction ActionOf(string code);

        Task MergeAsync(CancellationToken ct);
    }

    /// <summary>PostgreSQL: COPY into a temporary table, then counts and one merge in SQL.</summary>
    private sealed class CopySink : IDossierSink
    {
        private static readonly string[] Kept =
            [nameof(Dossier.Id), nameof(Dossier.Code), nameof(Dossier.AgencyId), nameof(Dossier.LookupSecret), nameof(Dossier.FormSet), nameof(Dossier.DocumentsReceived),
             nameof(Dossier.RatingOverall), nameof(Dossier.RatingOnTime), nameof(Dossier.RatingTrips), nameof(Dossier.RatingAttitude), nameof(Dossier.RatingClarity),
             nameof(Dossier.RatingComment), nameof(Dossier.RatedAt), nameof(Dossier.ComplainedAbout), SiparDbContext.VersionProperty];

        private readonly SiparDbContext db;
        private readonly Dictionary<string, ImportRowAction> shownActions = new(StringComparer.Ordinal);
        private BulkCopyWriter<Dossier>? copy;
        private string table = "";
        private string code = "";
        private string agency = "";
        private string importRun = "";
        private string hash = "";
        private string received = "";
        private int creating;
        private int updating;
        private IReadOnlyList<string> columns = [];
        private IReadOnlyList<string> updated = [];

        private CopySink(SiparDbContext db) => this.db = db;

        public static async Task<CopySink> StartAsync(SiparDbContext db, CancellationToken ct)
        {
            var sink = new CopySink(db);
            var (table, shape) = BulkCopy.Shape<Dossier>(db);
            string Column(string property) => BulkCopy.Quote(shape.First(c => c.Property.Name == property).Column);
            sink.table = BulkCopy.Quote(table);
            sink.code = Column(nameof(Dossier.Code));
            sink.agency = Column(nameof(Dossier.AgencyId));
            sink.importRun = Column(nameof(Dossier.ImportRunId));
            sink.hash = Column(nameof(Dossier.ImportHash));
            sink.received = Column(nameof(Dossier.ReceivedAt));
            sink.columns = shape.Select(c => BulkCopy.Quote(c.Column)).ToList();
            sink.updated = shape.Where(c => !Kept.Contains(c.Property.Name)).Select(c => BulkCopy.Quote(c.Column)).ToList();
            // Every name in these statements comes from the EF model, never from the file.
            var create = $"CREATE TEMP TABLE {TempTable} (LIKE {sink.table} INCLUDING DEFAULTS) ON COMMIT DROP";
            await db.Database.ExecuteSqlRawAsync(create, ct);
            sink.copy = await BulkCopy.StartAsync<Dossier>(db, TempTable, ct);
            return sink;
        }

        public Task AddAsync(Dossier dossier, ImportedDossier source, Procedure procedure, CancellationToken ct) => copy!.WriteAsync(dossier, ct);

        public async Task<(int Created, int Updated, IReadOnlyList<string> Clashes)> CountAsync(Guid agencyId, CancellationToken ct)
        {
            await copy!.CompleteAsync(ct);
            await copy.DisposeAsync();
            copy = null;
            // The file's codes are unique already (checked while reading): one join counts new, changed and clashing rows.
            var analyze = $"ANALYZE {TempTable}";
            await db.Database.ExecuteSqlRawAsync(analyze, ct);
            var countSql = $"SELECT count(*) FILTER (WHERE d.{code} IS NULL)::int AS \"Created\", count(*) FILTER (WHERE d.{code} IS NOT NULL AND d.{hash} IS DISTINCT FROM i.{hash})::int AS \"Updated\", count(*) FILTER (WHERE d.{agency} <> i.{agency} OR (d.{code} IS NOT NULL AND d.{importRun} IS NULL))::int AS \"Clashes\" FROM {TempTable} i LEFT JOIN {table} d ON d.{code} = i.{code}";
            var counts = await db.Database.SqlQueryRaw<CountRow>(countSql).SingleAsync(ct);
            IReadOnlyList<string> clashes = [];
            if (counts.Clashes > 0)
            {
                var clashSql = $"SELECT i.{code} AS \"Value\" FROM {TempTable} i JOIN {table} d ON d.{code} = i.{code} WHERE d.{agency} <> i.{agency} OR d.{importRun} IS NULL LIMIT {ImportPreview.ShownRows}";
                clashes = await db.Database.SqlQueryRaw<string>(clashSql).ToListAsync(ct);
            }

            var sampleSql = $"SELECT i.{code} AS \"Code\", CASE WHEN d.{code} IS NULL THEN 0 WHEN d.{hash} IS DISTINCT FROM i.{hash} THEN 1 ELSE 2 END AS \"Action\" FROM (SELECT * FROM {TempTable} LIMIT {ImportPreview.ShownRows}) i LEFT JOIN {table} d ON d.{code} = i.{code}";
            var sample = await db.Database.SqlQueryRaw<ActionRow>(sampleSql).ToListAsync(ct);
            foreach (var s in sample)
            {
                shownActions[s.Code] = (ImportRowAction)s.Action;
            }

            (creating, updating) = (counts.Created, counts.Updated);
            return (counts.Created, counts.Updated, clashes);
        }

        public ImportRowAction ActionOf(string code) => shownActions.GetValueOrDefault(code, ImportRowAction.Create);

        public async Task MergeAsync(CancellationToken ct)
        {
            var list = string.Join(", ", columns);
            var version = BulkCopy.Quote(SiparDbContext.VersionProperty);
            var set = string.Join(", ", updated.Select(c => $"{c} = EXCLUDED.{c}").Append($"{version} = {table}.{version} + 1"));
            var merge = $"INSERT INTO {table} ({list}) SELECT {list} FROM {TempTable} ON CONFLICT ({code}) DO UPDATE SET {set} WHERE {table}.{hash} IS DISTINCT FROM EXCLUDED.{hash}";
            if (creating + updating > 0)
            {
                // The months of the indicators' store the merge changes (ADR 0022): of the rows as they come and, for rows
                // that change, as they were, in the same transaction. Nothing changes: nothing to mark.
                var (marks, markShape) = BulkCopy.Shape<RollupMark>(db);
                string Mark(string property) => BulkCopy.Quote(markShape.First(c => c.Property.Name == property).Column);
                string MonthOf(string alias) => $"to_char(({alias}.{received} AT TIME ZONE 'UTC') + interval '7 hours', 'YYYYMM')::int";
                var mark = $"INSERT INTO {BulkCopy.Quote(marks)} ({Mark(nameof(RollupMark.Id))}, {Mark(nameof(RollupMark.AgencyId))}, {Mark(nameof(RollupMark.Bucket))}) "
                    + $"SELECT gen_random_uuid(), a, b FROM (SELECT DISTINCT i.{agency} AS a, {MonthOf("i")} AS b FROM {TempTable} i"
                    + (updating > 0 ? $" UNION SELECT d.{agency}, {MonthOf("d")} FROM {TempTable} i JOIN {table} d ON d.{code} = i.{code} WHERE d.{hash} IS DISTINCT FROM i.{hash}" : "") + ") m";
                await db.Database.ExecuteSqlRawAsync(mark, ct);
            }

            await db.Database.ExecuteSqlRawAsync(merge, ct);
        }

        public async ValueTask DisposeAsync()
        {
            if (copy is not null)
            {
                await copy.DisposeAsync();
            }
        }

        private sealed record CountRow(int Created, int Updated, int Clashes);

        private sealed record ActionRow(string Code, int Action);
    }

    /// <summary>SQLite: batches through EF (each dossier audited), held back by the open transaction until confirmed.</summary>
    private sealed class EfSink(SiparDbContext db, Calendar.WorkingDayCalendar calendar) : IDossierSink
    {
        private readonly List<(Dossier Dossier, ImportedDossier Source, Procedure Procedure)> pending = [];
        private readonly List<string> clashes = [];
        private readonly Dictionary<string, ImportRowAction> actions = new(StringComparer.Ordinal);
        private int created;
        private int changed;

        public async Task AddAsync(Dossier dossier, ImportedDossier source, Procedure procedure, CancellationToken ct)
        {
            pending.Add((dossier, source, procedure));
            if (pending.Count >= Batch)
            {
                await FlushAsync(ct);
            }
        }

        public async Task<(int Created, int Updated, IReadOnlyList<string> Clashes)> CountAsync(Guid agencyId, CancellationToken ct)
        {
            await FlushAsync(ct);
            return (created, changed, clashes);
        }

        public ImportRowAction ActionOf(string code) => actions.GetValueOrDefault(code, ImportRowAction.Create);

        // Rows were written batch by batch inside the transaction; committing is all that is left.
        public Task MergeAsync(CancellationToken ct) => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        private async Task FlushAsync(CancellationToken ct)
        {
            if (pending.Count == 0)
            {
                return;
            }

            var codes = pending.Select(p => p.Dossier.Code).ToList();
            var existing = await db.Set<Dossier>().Where(d => codes.Contains(d.Code)).ToDictionaryAsync(d => d.Code, StringComparer.Ordinal, ct);
            foreach (var (incoming, source, procedure) in pending)
            {
                if (!existing.TryGetValue(incoming.Code, out var current))
                {
                    created++;
                    Remember(incoming.Code, ImportRowAction.Create);
                    db.Add(incoming);
                }
                else if (current.AgencyId != incoming.AgencyId || current.ImportRunId is null)
                {
                    clashes.Add(incoming.Code);
                }
                else if (current.ImportHash != incoming.ImportHash)
                {
                    changed++;
                    Remember(incoming.Code, ImportRowAction.Update);
                    current.ApplyImport(procedure, source, incoming.ImportRunId!.Value, calendar);
                }
                else
                {
                    Remember(incoming.Code, ImportRowAction.Unchanged);
                }
            }

            pending.Clear();
            if (clashes.Count == 0)
            {
                await db.SaveChangesAsync(ct);
            }

            db.ChangeTracker.Clear();
        }

        private void Remember(string code, ImportRowAction action)
        {
            if (actions.Count < ImportPreview.ShownRows)
            {
                actions[code] = action;
            }
        }
    }
}
