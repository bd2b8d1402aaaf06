using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Files;
using Sipar.Infrastructure.Localization;

namespace Sipar.Modules.Organisation;

internal enum ImportAction
{
    Create,
    Update,
    Unchanged,
    Error,
}

internal sealed record UnitImportRow(int RowNumber, string Name, string? ShortName, UnitKind? Kind, string? ParentName, int SortOrder, ImportAction Action, IReadOnlyList<FieldError> Errors);

internal sealed record UnitImportPreview(IReadOnlyList<UnitImportRow> Rows, IReadOnlyList<FieldError> FileErrors)
{
    public bool CanApply => FileErrors.Count == 0 && Rows.Count > 0 && Rows.All(r => r.Action != ImportAction.Error);
}

/// <summary>
/// Imports an agency's units from CSV (UTF-8; comma or semicolon). Columns, by header, diacritics optional:
/// <c>Tên đơn vị</c> (required), <c>Tên viết tắt</c>, <c>Loại</c>, <c>Đơn vị cấp trên</c>, <c>Thứ tự</c>.
/// <see cref="PreviewAsync"/> says what would happen, row by row, and changes nothing;
/// <see cref="ApplyAsync"/> does it only when no row has an error, all in one transaction.
/// </summary>
internal sealed class UnitCsvImport(SiparDbContext db)
{
    public const int MaxBytes = 1024 * 1024;

    private static readonly Dictionary<string, UnitKind> Kinds = new(StringComparer.Ordinal)
    {
        ["van phong"] = UnitKind.Office,
        ["office"] = UnitKind.Office,
        ["thanh tra"] = UnitKind.Inspectorate,
        ["inspectorate"] = UnitKind.Inspectorate,
        ["phong"] = UnitKind.Division,
        ["phong chuyen mon"] = UnitKind.Division,
        ["division"] = UnitKind.Division,
        ["don vi truc thuoc"] = UnitKind.Affiliated,
        ["don vi su nghiep"] = UnitKind.Affiliated,
        ["affiliated"] = UnitKind.Affiliated,
        ["mot cua"] = UnitKind.OneStopDesk,
        ["bo phan mot cua"] = UnitKind.OneStopDesk,
        ["onestopdesk"] = UnitKind.OneStopDesk,
    };

    private static readonly string[] NameHeaders = ["ten don vi", "ten", "name"];
    private static readonly string[] ShortHeaders = ["ten viet tat", "viet tat", "short name", "shortname"];
    private static readonly string[] KindHeaders = ["loai", "kind"];
    private static readonly string[] ParentHeaders = ["don vi cap tren", "cap tren", "parent"];
    private static readonly string[] OrderHeaders = ["thu tu", "order", "sort order"];

    public async Task<UnitImportPreview> PreviewAsync(Guid agencyId, byte[] content, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        var (rows, fileErrors) = Parse(content);
        if (fileErrors.Count > 0)
        {
            return new UnitImportPreview([], fileErrors);
        }

        var existing = await db.Set<Unit>().AsNoTracking().Where(u => u.AgencyId == agencyId).ToListAsync(ct);
        var existingByName = existing.ToDictionary(u => u.SearchName);
        var existingById = existing.ToDictionary(u => u.Id);
        var inFile = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<UnitImportRow>();
        foreach (var r in rows)
        {
            var errors = new List<FieldError>(r.Errors);
            var key = VietnameseText.Fold(r.Name);
            if (key.Length > 0 && !inFile.Add(key))
            {
                errors.Add(new FieldError("Name", "Import.DuplicateInFile", r.Name));
            }

            if (r.ParentName is { } parentName)
            {
                var parentKey = VietnameseText.Fold(parentName);
                if (parentKey == key)
                {
                    errors.Add(new FieldError("Parent", "Error.ParentCycle"));
                }
                else if (!existingByName.ContainsKey(parentKey) && !inFile.Contains(parentKey))
                {
                    errors.Add(new FieldError("Parent", "Import.ParentNotFound", parentName));
                }
            }

            ImportAction action;
            if (errors.Count > 0)
            {
                action = ImportAction.Error;
            }
            else if (existingByName.TryGetValue(key, out var current))
            {
                var currentParent = current.ParentId is { } pid && existingById.TryGetValue(pid, out var p) ? p.SearchName : null;
                var same = current.Name == r.Name.Trim() && current.ShortName == r.ShortName && current.Kind == r.Kind
                    && currentParent == (r.ParentName is null ? null : VietnameseText.Fold(r.ParentName)) && current.SortOrder == r.SortOrder;
                action = same ? ImportAction.Unchanged : ImportAction.Update;
            }
            else
            {
                action = ImportAction.Create;
            }

            result.Add(r with { Action = action, Errors = errors });
        }

        return new UnitImportPreview(result, result.Count == 0 ? [new FieldError("", "Import.NoRows")] : []);
    }

    public async Task<UnitImportPreview> ApplyAsync(Guid agencyId, byte[] content, CancellationToken ct)
    {
        var preview = await PreviewAsync(agencyId, content, ct);
        if (!preview.CanApply)
        {
            return preview;
        }

        var units = await db.Set<Unit>().Where(u => u.AgencyId == agencyId).ToListAsync(ct);
        var byName = units.ToDictionary(u => u.SearchName);
        foreach (var row in preview.Rows.Where(r => r.Action is ImportAction.Create or ImportAction.Update))
        {
            var parent = row.ParentName is { } pn ? byName[VietnameseText.Fold(pn)] : null;
            if (row.Action == ImportAction.Create)
            {
                var unit = Unit.Create(agencyId, row.Name, row.ShortName, row.Kind!.Value, parent, row.SortOrder);
                db.Add(unit);
                units.Add(unit);
                byName[unit.SearchName] = unit;
            }
            else
            {
                var unit = byName[VietnameseText.Fold(row.Name)];
                unit.Update(row.Name, row.ShortName, row.Kind!.Value, row.SortOrder);
                unit.MoveUnder(parent, units);
            }
        }

        await db.SaveChangesAsync(ct);
        return preview;
    }

    internal static (List<UnitImportRow> Rows, List<FieldError> FileErrors) Parse(byte[] content)
    {
        if (content.Length == 0)
        {
            return ([], [new FieldError("", "Import.EmptyFile")]);
        }

        if (content.Length > MaxBytes)
        {
            return ([], [new FieldError("", "Import.TooLarge", MaxBytes / 1024)]);
        }

        try
        {
            return ParseRows(TableFile.CsvText(content));
        }
        catch (DomainValidationException e)
        {
            return ([], e.Errors.Select(f => f with { Field = "" }).ToList());
        }
        catch (CsvHelper.CsvHelperException)
        {
            return ([], [new FieldError("", "Import.CellTooLong", TableFile.MaxCellChars)]);
        }
    }

    private static (List<UnitImportRow> Rows, List<FieldError> FileErrors) ParseRows(string text)
    {
        var config = TableFile.CsvConfiguration();
        config.TrimOptions = TrimOptions.Trim;
        config.IgnoreBlankLines = true;
        using var reader = new StringReader(text);
        using var csv = new CsvReader(reader, config);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is null)
        {
            return ([], [new FieldError("", "Import.NoHeader")]);
        }

        TableFile.CheckRecord(csv.HeaderRecord, 1);
        var headers = csv.HeaderRecord.Select(VietnameseText.Fold).ToList();
        int Col(string[] names) => headers.FindIndex(names.Contains);
        var nameCol = Col(NameHeaders);
        if (nameCol < 0)
        {
            return ([], [new FieldError("", "Import.MissingColumn", "Tên đơn vị")]);
        }

        var shortCol = Col(ShortHeaders);
        var kindCol = Col(KindHeaders);
        var parentCol = Col(ParentHeaders);
        var orderCol = Col(OrderHeaders);
        var rows = new List<UnitImportRow>();
        while (csv.Read())
        {
            TableFile.CheckRecord(csv.Parser.Record, rows.Count + 2);
            var rowNumber = csv.Parser.Row;
            string? Get(int col) => col >= 0 && csv.TryGetField<string>(col, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
            var errors = new List<FieldError>();
            var name = Get(nameCol) ?? "";
            if (name.Length == 0)
            {
                errors.Add(new FieldError("Name", "Error.Required", new LabelArg("Unit.Name")));
            }
            else if (name.Length > Unit.NameMaxLength)
            {
                errors.Add(new FieldError("Name", "Error.MaxLength", Unit.NameMaxLength));
            }

            var shortName = Get(shortCol);
            if (shortName is { Length: > Unit.ShortNameMaxLength })
            {
                errors.Add(new FieldError("ShortName", "Error.MaxLength", Unit.ShortNameMaxLength));
            }

            UnitKind? kind = UnitKind.Division;
            if (Get(kindCol) is { } kindText)
            {
                kind = Kinds.TryGetValue(VietnameseText.Fold(kindText), out var k) ? k : null;
                if (kind is null)
                {
                    errors.Add(new FieldError("Kind", "Import.UnknownKind", kindText));
                }
            }

            var order = 0;
            if (Get(orderCol) is { } orderText && !int.TryParse(orderText, NumberStyles.Integer, CultureInfo.InvariantCulture, out order))
            {
                errors.Add(new FieldError("SortOrder", "Import.NotANumber", orderText));
            }

            rows.Add(new UnitImportRow(rowNumber, name, shortName, kind, Get(parentCol), order, ImportAction.Error, errors));
        }

        return (rows, []);
    }
}
