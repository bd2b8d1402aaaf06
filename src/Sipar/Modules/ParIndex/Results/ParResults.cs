using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Localization;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.ParIndex;

public sealed record AreaResult(string Code, decimal Points, decimal Max, decimal Index);

public sealed record AgencyResult(string Agency, decimal Total, decimal Max, decimal Index, string? Class, int Rank, IReadOnlyList<AreaResult> Areas);

/// <summary>Results per agency for a year, and the import of published appraisal tables from years before Sipar.</summary>
public sealed class ParResults(SiparDbContext db, TimeProvider clock)
{
    /// <summary>Default classes (DESIGN.md): A ≥ 90, B 80–&lt;90, C 70–&lt;80.</summary>
    public static readonly IReadOnlyList<(decimal Min, string Label)> DefaultBands = [(90m, "A"), (80m, "B"), (70m, "C")];

    /// <summary>
    /// Imports a table (CSV or .xlsx) with the columns Cơ quan (name or symbol) | Mã tiêu chí | Điểm. Every bad row
    /// is reported and nothing is imported while any remains; importing again replaces the year's points.
    /// </summary>
    public async Task<(int Imported, IReadOnlyList<FrameworkError> Errors)> ImportAsync(string fileName, byte[] content, int year, CancellationToken ct)
    {
        var rows = ReadTable(fileName, content);
        var agencies = await db.Set<Agency>().AsNoTracking().ToListAsync(ct);
        var frameworks = await db.Set<Framework>().AsNoTracking().Include(f => f.Items).Where(f => f.Year == year).ToListAsync(ct);
        var errors = new List<FrameworkError>();
        var results = new List<(Agency Agency, string Code, decimal Points)>();
        if (frameworks.Count == 0)
        {
            errors.Add(new FrameworkError(0, "Par.NoFrameworkForYear", year));
            return (0, errors);
        }

        foreach (var (row, agencyText, code, pointsText) in rows)
        {
            var key = VietnameseText.Fold(agencyText);
            var agency = agencies.Find(a => a.SearchName == key || string.Equals(a.Symbol, agencyText.Trim(), StringComparison.OrdinalIgnoreCase));
            if (agency is null)
            {
                errors.Add(new FrameworkError(row, "Par.UnknownAgency", agencyText));
                continue;
            }

            var framework = frameworks.Find(f => f.AgencyKind == agency.Kind);
            var item = framework?.Items.FirstOrDefault(i => string.Equals(i.Code, code.Trim().TrimEnd('.'), StringComparison.OrdinalIgnoreCase));
            if (item is null)
            {
                errors.Add(new FrameworkError(row, "Par.UnknownCriterion", code, year));
                continue;
            }

            if (FrameworkReader.Number(pointsText) is not { } points)
            {
                errors.Add(new FrameworkError(row, "Par.ResultNotNumber", pointsText));
                continue;
            }

            if ((item.MaxPoints >= 0 && (points < 0 || points > item.MaxPoints)) || (item.MaxPoints < 0 && points > 0))
            {
                errors.Add(new FrameworkError(row, "Par.PointsOutOfRange", ParCalculator.Format(points), item.Code, ParCalculator.Format(item.MaxPoints)));
                continue;
            }

            results.Add((agency, item.Code, points));
        }

        if (errors.Count > 0 || results.Count == 0)
        {
            if (results.Count == 0 && errors.Count == 0)
            {
                errors.Add(new FrameworkError(0, "Import.NoRows"));
            }

            return (0, errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var agencyIds = results.Select(r => r.Agency.Id).Distinct().ToList();
        var existing = await db.Set<ParResult>().Where(r => r.Year == year && agencyIds.Contains(r.AgencyId)).ToListAsync(ct);
        foreach (var (agency, code, points) in results)
        {
            var current = existing.Find(r => r.AgencyId == agency.Id && r.CriterionCode == code);
            if (current is null)
            {
                db.Add(ParResult.Imported(year, agency.Id, code, points, now));
            }
            else
            {
                current.Replace(points, now);
            }
        }

        await db.SaveChangesAsync(ct);
        return (results.Count, []);
    }

    /// <summary>Per agency: total, maximum, index, class, rank among agencies of the same kind, and each area.</summary>
    public async Task<IReadOnlyList<AgencyResult>> ForYearAsync(int year, CancellationToken ct)
    {
        var frameworks = await db.Set<Framework>().AsNoTracking().Include(f => f.Items).Where(f => f.Year == year).ToListAsync(ct);
        var results = await db.Set<ParResult>().AsNoTracking().Where(r => r.Year == year).ToListAsync(ct);
        var agencies = await db.Set<Agency>().AsNoTracking().ToDictionaryAsync(a => a.Id, ct);
        var rows = new List<(AgencyKind Kind, AgencyResult Result)>();
        foreach (var group in results.GroupBy(r => r.AgencyId))
        {
            var agency = agencies[group.Key];
            var framework = frameworks.Find(f => f.AgencyKind == agency.Kind);
            if (framework is null)
            {
                continue;
            }

            var given = group.ToDictionary(r => r.CriterionCode, r => r.Points, StringComparer.OrdinalIgnoreCase);
            var areas = framework.Items.Where(i => i.Level == CriterionLevel.Area).OrderBy(i => i.Order).Select(area =>
            {
                // The deepest positive points given count (an area total, or its criteria); deductions always count,
                // and the area never goes below 0.
                var inArea = given.Where(g => g.Key == area.Code || g.Key.StartsWith(area.Code + ".", StringComparison.Ordinal)).ToList();
                var positive = inArea.Where(g => g.Value >= 0
                    && !inArea.Any(k => k.Value >= 0 && k.Key.StartsWith(g.Key + ".", StringComparison.Ordinal))).Select(g => g.Value);
                var deductions = inArea.Where(g => g.Value < 0).Select(g => g.Value);
                var points = ParCalculator.CriterionPoints(positive, deductions, area.MaxPoints);
                return new AreaResult(area.Code, points, area.MaxPoints, ParCalculator.Index(points, area.MaxPoints));
            }).ToList();
            var total = areas.Sum(a => a.Points);
            var index = ParCalculator.Index(total, framework.DeclaredTotal);
            rows.Add((agency.Kind, new AgencyResult(agency.Name, total, framework.DeclaredTotal, index, ParCalculator.ClassOf(index, DefaultBands), 0, areas)));
        }

        var ranked = new List<AgencyResult>();
        foreach (var kind in rows.GroupBy(r => r.Kind))
        {
            var list = kind.Select(r => r.Result).ToList();
            var ranks = ParCalculator.Ranks(list.Select(r => r.Index).ToList());
            ranked.AddRange(list.Select((r, i) => r with { Rank = ranks[i] }));
        }

        return ranked.OrderBy(r => r.Rank).ThenBy(r => r.Agency, StringComparer.Ordinal).ToList();
    }

    private static List<(int Row, string Agency, string Code, string Points)> ReadTable(string fileName, byte[] content)
    {
        if (content.Length == 0)
        {
            throw new DomainValidationException("file", "Import.EmptyFile");
        }

        var extension = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        if (extension == ".xlsx")
        {
            var sheet = FrameworkReader.ReadRows(content);
            return Pick(sheet.Select(r => (r.Row, r.Cells)).ToList());
        }

        if (extension is not ".csv" and not ".txt")
        {
            throw new DomainValidationException("file", "Par.ResultsFileType");
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(content).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            throw new DomainValidationException("file", "Import.NotUtf8");
        }

        using var reader = new StringReader(text);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { DetectDelimiter = true, DetectDelimiterValues = [",", ";", "\t"], BadDataFound = null, MissingFieldFound = null });
        var rows = new List<(int, IReadOnlyList<string>)>();
        while (csv.Read())
        {
            rows.Add((csv.Parser.Row, csv.Parser.Record ?? []));
        }

        return Pick(rows);
    }

    private static List<(int Row, string Agency, string Code, string Points)> Pick(List<(int Row, IReadOnlyList<string> Cells)> rows)
    {
        if (rows.Count == 0)
        {
            throw new DomainValidationException("file", "Import.NoHeader");
        }

        var header = rows[0].Cells.Select(VietnameseText.Fold).ToList();
        int Col(params string[] names) => header.FindIndex(h => names.Contains(h));
        var agency = Col("co quan", "agency", "don vi");
        var code = Col("ma tieu chi", "ma", "code", "criterion");
        var points = Col("diem", "points", "diem tham dinh", "final points");
        if (agency < 0 || code < 0 || points < 0)
        {
            throw new DomainValidationException("file", "Import.MissingColumn", agency < 0 ? "Cơ quan" : code < 0 ? "Mã tiêu chí" : "Điểm");
        }

        string At(IReadOnlyList<string> cells, int i) => i < cells.Count ? cells[i].Trim() : "";
        return rows.Skip(1).Where(r => r.Cells.Any(c => c.Trim().Length > 0))
            .Select(r => (r.Row, At(r.Cells, agency), At(r.Cells, code), At(r.Cells, points))).ToList();
    }
}
