using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Files;
using Sipar.Infrastructure.Localization;

namespace Sipar.Modules.Organisation;

internal sealed record AgencyImportRow(int RowNumber, string Name, string Symbol, string PlaceName, AgencyKind Kind, ImportAction Action, IReadOnlyList<FieldError> Errors);

internal sealed record AgencyImportPreview(IReadOnlyList<AgencyImportRow> Rows, bool Applied)
{
    public bool CanApply => Rows.Count > 0 && Rows.All(r => r.Action != ImportAction.Error);
}

/// <summary>
/// Imports the province's agencies from a table (CSV or .xlsx), for loading past years: <c>Tên cơ quan</c>,
/// <c>Ký hiệu</c>, <c>Địa danh</c>, <c>Loại</c> (the kind's code or name, historical kinds included), and optionally
/// <c>Đường dây nóng</c> and <c>Email</c>. An agency is matched by its name (diacritics and case ignored): a known one is
/// updated, a new one created. Every row is checked first; nothing is saved while any row has an error.
/// </summary>
internal sealed class AgencyTableImport(SiparDbContext db, AgencyAdministration administration, AgencyInfoCache cache)
{
    public const int MaxBytes = 1024 * 1024;

    public async Task<AgencyImportPreview> RunAsync(string fileName, byte[] content, bool apply, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Length > MaxBytes)
        {
            throw new DomainValidationException("file", "Import.TooLarge", MaxBytes / 1024);
        }

        var table = TableFile.Read(fileName, content, "Import.TableFileType");
        if (table.Count == 0)
        {
            throw new DomainValidationException("file", "Import.NoHeader");
        }

        var header = table[0].Cells.Select(VietnameseText.Fold).ToList();
        int Col(params string[] names) => header.FindIndex(h => names.Contains(h));
        var nameCol = Col("ten co quan", "co quan", "ten", "name", "agency");
        var symbolCol = Col("ky hieu", "symbol");
        var placeCol = Col("dia danh", "place", "tinh");
        var kindCol = Col("loai", "loai co quan", "kind");
        var hotlineCol = Col("duong day nong", "hotline", "dien thoai");
        var emailCol = Col("email", "thu dien tu");
        if (nameCol < 0 || symbolCol < 0 || placeCol < 0 || kindCol < 0)
        {
            throw new DomainValidationException("file", "Import.MissingColumn", nameCol < 0 ? "Tên cơ quan" : symbolCol < 0 ? "Ký hiệu" : placeCol < 0 ? "Địa danh" : "Loại");
        }

        var kinds = await administration.KindsAsync(ct);
        var existing = await db.Set<Agency>().ToListAsync(ct);
        var rows = new List<AgencyImportRow>();
        var planned = new List<(Agency? Agency, AgencyInput Input)>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        static string At(IReadOnlyList<string> cells, int i) => i >= 0 && i < cells.Count ? cells[i].Trim() : "";
        foreach (var (row, cells) in table.Skip(1).Where(r => r.Cells.Any(c => c.Trim().Length > 0)))
        {
            var errors = new List<FieldError>();
            var kindText = At(cells, kindCol);
            var kind = kinds.FirstOrDefault(k => string.Equals(k.Kind.Code, kindText, StringComparison.OrdinalIgnoreCase) || VietnameseText.Fold(k.Name) == VietnameseText.Fold(kindText))?.Kind;
            if (kind is null)
            {
                errors.Add(new FieldError("Kind", "Organisation.KindUnknown", kindText));
            }

            var input = new AgencyInput(At(cells, nameCol), At(cells, symbolCol), At(cells, placeCol), kind ?? AgencyKind.Department, null,
                At(cells, hotlineCol) is { Length: > 0 } h ? h : null, At(cells, emailCol) is { Length: > 0 } e ? e : null);
            var key = VietnameseText.Fold(input.Name);
            if (key.Length > 0 && !seen.TryAdd(key, row))
            {
                errors.Add(new FieldError("Name", "Organisation.AgencyRepeated", seen[key]));
            }

            var match = existing.Find(a => a.SearchName == key);
            try
            {
                // The entity's own checks, on a throw-away copy: the same messages as the form.
                _ = Agency.Create(input.Name, input.Symbol, input.PlaceName, input.Kind, null, input.Hotline, input.Email);
            }
            catch (DomainValidationException ex)
            {
                errors.AddRange(ex.Errors);
            }

            var action = errors.Count > 0 ? ImportAction.Error
                : match is null ? ImportAction.Create
                : match.Symbol == input.Symbol && match.PlaceName == input.PlaceName && match.Kind == input.Kind && match.Name == input.Name.Trim()
                    && (input.Hotline is null || match.Hotline == input.Hotline) && (input.Email is null || match.Email == input.Email) ? ImportAction.Unchanged
                : ImportAction.Update;
            rows.Add(new AgencyImportRow(row, input.Name, input.Symbol, input.PlaceName, input.Kind, action, errors));
            if (action is ImportAction.Create or ImportAction.Update)
            {
                planned.Add((match, input));
            }
        }

        var preview = new AgencyImportPreview(rows, false);
        if (!apply || !preview.CanApply)
        {
            return preview;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var (agency, input) in planned)
        {
            if (agency is null)
            {
                db.Add(Agency.Create(input.Name, input.Symbol, input.PlaceName, input.Kind, null, input.Hotline, input.Email));
            }
            else
            {
                agency.Update(input.Name, input.Symbol, input.PlaceName, input.Kind, agency.ReportRecipients, input.Hotline ?? agency.Hotline, input.Email ?? agency.Email);
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        cache.Clear();
        return preview with { Applied = true };
    }
}
