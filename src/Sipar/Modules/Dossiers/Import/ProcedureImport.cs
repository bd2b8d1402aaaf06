using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Files;
using Sipar.Infrastructure.Localization;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.Dossiers;

/// <summary>What an import will do with a row.</summary>
internal enum ImportRowAction
{
    Create,
    Update,
    Unchanged,
    Error,
}

/// <summary>One row of a preview: its number in the file, its key (the code), what will happen, why not.</summary>
internal sealed record ImportRowResult(int Row, string Key, string Summary, ImportRowAction Action, IReadOnlyList<FieldError> Errors);

/// <summary>
/// What an import will do (or did): the headers and the mapping used, errors of the file or the mapping, the rows
/// shown (those with errors first, at most <see cref="ShownRows"/>), and the counts. Nothing is saved unless
/// every row is valid and the person confirmed.
/// </summary>
internal sealed record ImportPreview(
    ImportKind Kind, IReadOnlyList<string> Headers, ColumnMapping Mapping, IReadOnlyList<FieldError> FileErrors, IReadOnlyList<ImportRowResult> Rows,
    int Total, int Created, int Updated, int Unchanged, int ErrorRows, bool Applied)
{
    public const int ShownRows = 200;

    public bool CanApply => FileErrors.Count == 0 && ErrorRows == 0 && Total > 0;

    public static ImportPreview Failed(ImportKind kind, IReadOnlyList<string> headers, ColumnMapping mapping, IReadOnlyList<FieldError> errors) =>
        new(kind, headers, mapping, errors, [], 0, 0, 0, 0, 0, false);
}

/// <summary>Keeps the rows a preview shows: every error first (up to the limit), then the first valid rows.</summary>
internal sealed class ShownRows
{
    private readonly List<ImportRowResult> errors = [];
    private readonly List<ImportRowResult> valid = [];

    public int ErrorRows { get; private set; }

    public void Add(ImportRowResult row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Action == ImportRowAction.Error)
        {
            ErrorRows++;
            if (errors.Count < ImportPreview.ShownRows)
            {
                errors.Add(row);
            }
        }
        else if (valid.Count < ImportPreview.ShownRows)
        {
            valid.Add(row);
        }
    }

    public IReadOnlyList<ImportRowResult> List() => [.. errors, .. valid.Take(Math.Max(0, ImportPreview.ShownRows - errors.Count))];
}

/// <summary>
/// Imports a published procedure list (CSV/XLSX) into the agency's catalogue: mapped columns, a preview with
/// row-numbered errors, idempotent on the procedure code (same values: unchanged). Dossiers already received keep
/// the time limit and fees they were received under (each dossier holds its own copy).
/// </summary>
internal sealed class ProcedureImport(SiparDbContext db, IAgencies agencies, TimeProvider clock, Accounts.CurrentUser me)
{
    public static readonly IReadOnlyList<ImportField> Fields =
    [
        new("code", true, "Mã thủ tục", "Mã TTHC", "Mã số thủ tục", "Mã số", "Mã"),
        new("name", true, "Tên thủ tục", "Tên TTHC", "Tên thủ tục hành chính", "Thủ tục hành chính", "Thủ tục"),
        new("field", true, "Lĩnh vực", "Tên lĩnh vực"),
        new("timeLimit", true, "Thời hạn giải quyết", "Thời gian giải quyết", "Ngày thụ lý", "Số ngày thụ lý", "Thời hạn"),
        new("level", false, "Cấp thực hiện", "Cấp"),
        new("onlineLevel", false, "Mức độ", "Mức độ DVC", "Dịch vụ công trực tuyến", "DVC trực tuyến"),
        new("fee", false, "Phí, lệ phí", "Lệ phí", "Phí", "Phí lệ phí"),
        new("documents", false, "Thành phần hồ sơ", "Hồ sơ gồm"),
        new("cutoff", false, "Giờ tiếp nhận", "Giờ chốt tiếp nhận", "Hạn giờ tiếp nhận"),
        new("unit", false, "Đơn vị thực hiện", "Cơ quan thực hiện", "Đơn vị xử lý"),
        new("delivery", false, "Cách thức trả kết quả", "Hình thức trả kết quả", "Trả kết quả"),
        new("legalBasis", false, "Căn cứ pháp lý", "Căn cứ"),
        new("steps", false, "Quy trình", "Các bước thực hiện", "Trình tự thực hiện"),
    ];

    /// <summary>Reads the file and, with a mapping, checks every row; with <paramref name="apply"/>, saves when all are valid.</summary>
    public async Task<ImportPreview> RunAsync(Guid agencyId, string fileName, byte[] content, ColumnMapping? mapping, bool apply, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        var table = TableFile.Read(fileName, content, "DossierImport.FileType");
        if (table.Count == 0)
        {
            throw new DomainValidationException("file", "Import.EmptyFile");
        }

        var headers = table[0].Cells;
        mapping ??= ColumnMapping.Guess(headers, Fields);
        IReadOnlyDictionary<string, int> columns;
        try
        {
            columns = mapping.Resolve(headers, Fields);
        }
        catch (DomainValidationException e)
        {
            return ImportPreview.Failed(ImportKind.Procedures, headers, mapping, e.Errors);
        }

        var units = (await agencies.UnitsAsync(agencyId, ct)).ToDictionary(u => VietnameseText.Fold(u.Name), u => u.Id);
        var existing = await db.Set<Procedure>().Where(p => p.AgencyId == agencyId).ToDictionaryAsync(p => p.Code, StringComparer.OrdinalIgnoreCase, ct);
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var shown = new ShownRows();
        var work = new List<(ProcedureInput Input, Procedure? Existing)>();
        int created = 0, updated = 0, unchanged = 0;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (row, cells) in table.Skip(1))
        {
            string Cell(string key) => columns.TryGetValue(key, out var i) && i < cells.Count ? cells[i].Trim() : "";
            if (cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            var errors = new ValidationErrors();
            var code = Cell("code");
            if (!ImportCells.TryTimeLimit(Cell("timeLimit"), out var limit, out var unit))
            {
                errors.Add("timeLimit", "DossierImport.TimeLimitUnreadable", Cell("timeLimit"));
            }

            if (!ImportCells.TryFee(Cell("fee"), out var fee))
            {
                errors.Add("fee", "DossierImport.FeeUnreadable", Cell("fee"));
            }

            if (!ImportCells.TryCutoff(Cell("cutoff"), out var cutoff))
            {
                errors.Add("cutoff", "DossierImport.CutoffUnreadable", Cell("cutoff"));
            }

            Guid? unitId = null;
            if (Cell("unit") is { Length: > 0 } unitName)
            {
                if (units.TryGetValue(VietnameseText.Fold(unitName), out var u))
                {
                    unitId = u;
                }
                else
                {
                    errors.Add("unit", "DossierImport.UnitUnknown", unitName);
                }
            }

            if (code.Length > 0 && !seen.TryAdd(code, row))
            {
                errors.Add("code", "DossierImport.DuplicateCode", code, seen[code]);
            }

            var documents = string.Join('\n', Cell("documents").Split(['\n', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(d => d.TrimStart('-', '+', '•', ' ')));
            var input = new ProcedureInput(code, Cell("name"), Cell("field"), unitId, limit, unit, cutoff, documents, fee, ImportCells.Level(Cell("onlineLevel")),
                Cell("legalBasis"), Cell("level"), Cell("delivery"), Cell("steps"));
            try
            {
                // The same checks as the form: length, required, ranges.
                Procedure.Create(agencyId, input, now);
            }
            catch (DomainValidationException e)
            {
                foreach (var f in e.Errors)
                {
                    errors.Add(KeyOf(f.Field), f.MessageKey, f.Args);
                }
            }

            var list = errors.List.ToList();
            existing.TryGetValue(code, out var current);
            var action = list.Count > 0 ? ImportRowAction.Error : current is null ? ImportRowAction.Create : input.SameAs(current) ? ImportRowAction.Unchanged : ImportRowAction.Update;
            created += action == ImportRowAction.Create ? 1 : 0;
            updated += action == ImportRowAction.Update ? 1 : 0;
            unchanged += action == ImportRowAction.Unchanged ? 1 : 0;
            shown.Add(new ImportRowResult(row, code, Cell("name"), action, list));
            if (action is ImportRowAction.Create or ImportRowAction.Update)
            {
                work.Add((input, current));
            }
        }

        var total = created + updated + unchanged + shown.ErrorRows;
        var preview = new ImportPreview(ImportKind.Procedures, headers, mapping, [], shown.List(), total, created, updated, unchanged, shown.ErrorRows, false);
        if (!apply || !preview.CanApply)
        {
            return preview;
        }

        var run = ImportRun.Start(agencyId, ImportKind.Procedures, Path.GetFileName(fileName), SHA256.HashData(content), mapping.ToJson(), now, me.Id);
        run.Count(total, created, updated, unchanged);
        db.Add(run);
        foreach (var (input, current) in work)
        {
            if (current is null)
            {
                db.Add(Procedure.Create(agencyId, input, now));
            }
            else
            {
                current.Change(input, now);
            }
        }

        await db.SaveChangesAsync(ct);
        return preview with { Applied = true };
    }

    /// <summary>The catalogue as .xlsx with the headers the import knows first, so an export imports back unchanged.</summary>
    public async Task<byte[]> ExportAsync(Guid agencyId, CancellationToken ct)
    {
        var units = (await agencies.UnitsAsync(agencyId, ct)).ToDictionary(u => u.Id, u => u.Name);
        var rows = await db.Set<Procedure>().AsNoTracking().Where(p => p.AgencyId == agencyId).OrderBy(p => p.Code).ToListAsync(ct);
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        return Documents.SpreadsheetWriter.Write("Thu tuc", Fields.Select(f => f.KnownHeaders[0]).ToList(), rows.Select(p => (IReadOnlyList<string>)
        [
            p.Code, p.Name, p.Field,
            p.TimeLimit.ToString(invariant) + " " + p.TimeLimitUnit switch { TimeLimitUnit.CalendarDays => "ngày", TimeLimitUnit.WorkingHours => "giờ làm việc", _ => "ngày làm việc" },
            p.Level ?? "", p.OnlineLevel switch { OnlineLevel.Full => "Toàn trình", OnlineLevel.Partial => "Một phần", _ => "" },
            p.Fee == 0 ? "Không" : p.Fee.ToString(invariant), p.Documents, p.Cutoff?.ToString("HH:mm", invariant) ?? "",
            p.UnitId is { } u && units.TryGetValue(u, out var name) ? name : "", p.ResultDelivery ?? "", p.LegalBasis ?? "", p.Steps,
        ]));
    }

    private static string KeyOf(string property) => property switch
    {
        nameof(Procedure.Code) => "code",
        nameof(Procedure.Name) => "name",
        nameof(Procedure.Field) => "field",
        nameof(Procedure.TimeLimit) => "timeLimit",
        nameof(Procedure.Fee) => "fee",
        nameof(Procedure.Documents) => "documents",
        nameof(Procedure.LegalBasis) => "legalBasis",
        nameof(Procedure.Level) => "level",
        nameof(Procedure.ResultDelivery) => "delivery",
        nameof(Procedure.Steps) => "steps",
        _ => property,
    };
}
