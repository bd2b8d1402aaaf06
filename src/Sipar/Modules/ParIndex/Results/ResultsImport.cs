using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Files;
using Sipar.Infrastructure.Localization;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.ParIndex;

/// <summary>One agency of an imported table as it will be shown: its total, own maximum, index and class.</summary>
internal sealed record ImportedAgency(string Agency, string Kind, decimal Total, decimal Max, decimal Index, string? Class, bool Scaled, int NotApplicable);

/// <summary>What an import did, or would do: rows read, points, agencies, and each agency's result.</summary>
internal sealed record ResultsImportSummary(int Points, IReadOnlyList<ImportedAgency> Agencies, IReadOnlyList<FrameworkError> Errors, bool Applied)
{
    public bool CanImport => Errors.Count == 0 && Points > 0;
}

/// <summary>
/// Imports a published appraisal table (CSV or .xlsx), long format: Cơ quan | Mã tiêu chí | Điểm, and optionally
/// Điểm tối đa (the agency's own maximum) and Điều tra XHH (có/không). A point written "KAD", "không áp dụng", "-" or
/// "x" marks a criterion that does not apply to the agency (its points leave the agency's maximum); a row with the code
/// "Tổng" states the published total, which must equal the sum. Rows are checked against the same framework the
/// results are computed with; every bad row is reported and nothing is saved while any remains. Importing again
/// replaces the year's points and scope of the agencies in the file.
/// </summary>
internal sealed class ResultsImport(SiparDbContext db, IAgencies agencyDirectory, Accounts.Capabilities can, TimeProvider clock)
{
    private static readonly HashSet<string> NotApplicableWords = new(StringComparer.Ordinal)
    {
        "kad", "k.a.d", "khong ap dung", "kdg", "khong danh gia", "-", "—", "–", "x", "n/a", "na", "not applicable",
    };

    private static readonly HashSet<string> TotalCodes = new(StringComparer.Ordinal) { "tong", "tong diem", "tong cong", "total" };

    /// <summary>Whether the signed-in person may load published results (those who manage the PAR INDEX).</summary>
    public bool CanImport => can.Has(Accounts.Capability.ManageParIndex);

    public Task<ResultsImportSummary> RunAsync(string fileName, byte[] content, int year, bool apply, CancellationToken ct) =>
        CanImport ? RunAsOperatorAsync(fileName, content, year, apply, ct) : throw new ForbiddenException();

    /// <summary>The same, from the command line (whoever runs it operates the installation).</summary>
    public async Task<ResultsImportSummary> RunAsOperatorAsync(string fileName, byte[] content, int year, bool apply, CancellationToken ct)
    {
        var rows = Read(fileName, content);
        var errors = new List<FrameworkError>();
        if (year is < 2000 or > 2100)
        {
            errors.Add(new FrameworkError(0, "Plan.YearRange"));
            return new ResultsImportSummary(0, [], errors, false);
        }

        var frameworks = await ParResults.FrameworksOfYearAsync(db, year, ct);
        if (frameworks.Count == 0)
        {
            errors.Add(new FrameworkError(0, "Par.NoFrameworkForYear", year));
            return new ResultsImportSummary(0, [], errors, false);
        }

        var agencies = await agencyDirectory.ListAsync(ct);
        var kinds = await agencyDirectory.KindsAsync(ct);
        var byAgency = new Dictionary<Guid, AgencyRows>();
        foreach (var r in rows)
        {
            var agency = ParResults.FindAgency(agencies, r.Agency);
            if (agency is null)
            {
                errors.Add(new FrameworkError(r.Row, "Par.UnknownAgency", r.Agency));
                continue;
            }

            var framework = frameworks.Find(f => f.AgencyKind == agency.Kind);
            if (framework is null)
            {
                errors.Add(new FrameworkError(r.Row, "Par.NoFrameworkForAgency", year, kinds.NameOf(agency.Kind), agency.Name));
                continue;
            }

            if (!byAgency.TryGetValue(agency.Id, out var entry))
            {
                byAgency[agency.Id] = entry = new AgencyRows(agency, framework);
            }

            entry.Add(r, errors);
        }

        var scopes = new Dictionary<Guid, AgencyScope>();
        var points = new Dictionary<Guid, IReadOnlyDictionary<string, decimal>>();
        foreach (var entry in byAgency.Values)
        {
            entry.Check(errors);
            scopes[entry.Agency.Id] = entry.Scope;
            points[entry.Agency.Id] = entry.Points;
        }

        var settings = await db.Set<ParYear>().AsNoTracking().FirstOrDefaultAsync(y => y.Year == year, ct);
        var cards = ResultsCalculator.Compute(
            byAgency.Values.Select(e => (e.Agency.Id, e.Agency.Name, e.Agency.Kind)).ToList(),
            new YearInput(frameworks, points, scopes, settings?.SurveyHeld ?? true), null,
            settings?.BandList ?? ParResults.DefaultBands, settings?.SurveyHeld ?? true);
        foreach (var entry in byAgency.Values)
        {
            var card = cards.First(c => c.AgencyId == entry.Agency.Id);
            if (entry.PublishedTotal is { } published && Math.Abs(published.Value - card.Total) >= 0.005m)
            {
                errors.Add(new FrameworkError(published.Row, "Par.PublishedTotalMismatch", entry.Agency.Name, ParCalculator.Format(published.Value), ParCalculator.Format(card.Total)));
            }

            if (card.Total > card.Max)
            {
                errors.Add(new FrameworkError(entry.FirstRow, "Par.TotalAboveMaximum", entry.Agency.Name, ParCalculator.Format(card.Total), ParCalculator.Format(card.Max)));
            }
        }

        var summary = cards.Select(c => new ImportedAgency(c.Agency, kinds.NameOf(c.Kind), c.Total, c.Max, c.Index, c.Class, c.Scaled, scopes[c.AgencyId].NotApplicable.Count)).ToList();
        var count = byAgency.Values.Sum(e => e.Points.Count);
        if (errors.Count == 0 && count == 0)
        {
            errors.Add(new FrameworkError(0, "Import.NoRows"));
        }

        errors.Sort((a, b) => a.Row.CompareTo(b.Row));
        if (errors.Count > 0 || !apply)
        {
            return new ResultsImportSummary(count, summary, errors, false);
        }

        await SaveAsync(year, byAgency.Values, ct);
        return new ResultsImportSummary(count, summary, [], true);
    }

    private async Task SaveAsync(int year, IEnumerable<AgencyRows> imported, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var list = imported.ToList();
        var ids = list.Select(e => e.Agency.Id).ToList();
        var existing = await db.Set<ParResult>().Where(r => r.Year == year && ids.Contains(r.AgencyId)).ToListAsync(ct);
        var existingScopes = await db.Set<ParAgencyYear>().Where(r => r.Year == year && ids.Contains(r.AgencyId)).ToListAsync(ct);
        foreach (var entry in list)
        {
            // The table replaces the agency's year: points it no longer lists go.
            var mine = existing.Where(r => r.AgencyId == entry.Agency.Id).ToList();
            db.RemoveRange(mine.Where(r => !entry.Points.ContainsKey(r.CriterionCode)));
            foreach (var (code, value) in entry.Points)
            {
                var current = mine.Find(r => string.Equals(r.CriterionCode, code, StringComparison.OrdinalIgnoreCase));
                if (current is null)
                {
                    db.Add(ParResult.Imported(year, entry.Agency.Id, code, value, now));
                }
                else
                {
                    current.Replace(value, now);
                }
            }

            var scope = existingScopes.Find(s => s.AgencyId == entry.Agency.Id);
            if (entry.Scope == AgencyScope.None)
            {
                if (scope is not null)
                {
                    db.Remove(scope);
                }

                continue;
            }

            if (scope is null)
            {
                db.Add(scope = ParAgencyYear.Create(year, entry.Agency.Id));
            }

            scope.Set(entry.Scope.NotApplicable, entry.Scope.Maximum, entry.Scope.SurveyHeld, now);
        }

        await db.SaveChangesAsync(ct);
    }

    internal sealed record ImportRow(int Row, string Agency, string Code, string Points, string Maximum, string Survey);

    /// <summary>One agency's rows: its points, the criteria that do not apply, and the maximum, survey and total it states.</summary>
    private sealed class AgencyRows(AgencyInfo agency, Framework framework)
    {
        private readonly Dictionary<string, int> seen = new(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> notApplicable = new(StringComparer.OrdinalIgnoreCase);
        private (decimal Value, int Row)? maximum;
        private (bool Value, int Row)? survey;

        public AgencyInfo Agency { get; } = agency;

        public Dictionary<string, decimal> Points { get; } = new(StringComparer.OrdinalIgnoreCase);

        public (decimal Value, int Row)? PublishedTotal { get; private set; }

        public int FirstRow { get; private set; }

        public AgencyScope Scope { get; private set; } = AgencyScope.None;

        public void Add(ImportRow r, List<FrameworkError> errors)
        {
            FirstRow = FirstRow == 0 ? r.Row : FirstRow;
            ReadMaximum(r, errors);
            ReadSurvey(r, errors);
            var code = r.Code.Trim().TrimEnd('.');
            if (TotalCodes.Contains(VietnameseText.Fold(code)))
            {
                if (FrameworkReader.Number(r.Points) is { } total)
                {
                    PublishedTotal = (total, r.Row);
                }
                else if (r.Points.Length > 0)
                {
                    errors.Add(new FrameworkError(r.Row, "Par.ResultNotNumber", r.Points));
                }

                return;
            }

            var item = framework.Items.FirstOrDefault(i => string.Equals(i.Code, code, StringComparison.OrdinalIgnoreCase));
            if (item is null)
            {
                errors.Add(new FrameworkError(r.Row, "Par.UnknownCriterion", r.Code, framework.Year));
                return;
            }

            if (seen.TryGetValue(item.Code, out var first))
            {
                errors.Add(new FrameworkError(r.Row, "Par.ResultDuplicate", item.Code, Agency.Name, first));
                return;
            }

            seen[item.Code] = r.Row;
            if (NotApplicableWords.Contains(VietnameseText.Fold(r.Points)))
            {
                if (item.MaxPoints <= 0)
                {
                    errors.Add(new FrameworkError(r.Row, "Par.DeductionAlwaysApplies", item.Code));
                    return;
                }

                notApplicable.Add(item.Code);
                return;
            }

            if (FrameworkReader.Number(r.Points) is not { } points)
            {
                errors.Add(new FrameworkError(r.Row, "Par.ResultNotNumber", r.Points));
                return;
            }

            if ((item.MaxPoints >= 0 && (points < 0 || points > item.MaxPoints)) || (item.MaxPoints < 0 && points > 0))
            {
                errors.Add(new FrameworkError(r.Row, "Par.PointsOutOfRange", ParCalculator.Format(points), item.Code, ParCalculator.Format(item.MaxPoints)));
                return;
            }

            Points[item.Code] = points;
        }

        /// <summary>After every row: the scope, and the stated maximum checked against what does not apply.</summary>
        public void Check(List<FrameworkError> errors)
        {
            foreach (var code in notApplicable.Where(c => Points.Keys.Any(p => p.StartsWith(c + ".", StringComparison.OrdinalIgnoreCase))))
            {
                errors.Add(new FrameworkError(seen[code], "Par.NotApplicableHasPoints", code, Agency.Name));
            }

            if (maximum is { } max)
            {
                if (max.Value <= 0 || max.Value > framework.DeclaredTotal)
                {
                    errors.Add(new FrameworkError(max.Row, "Par.MaximumOutOfRange", ParCalculator.Format(max.Value), ParCalculator.Format(framework.DeclaredTotal)));
                }
                else if (notApplicable.Count > 0)
                {
                    var scope = new AgencyScope(notApplicable, null, null);
                    var computed = ResultsCalculator.MaximumOf(framework, scope);
                    if (computed != max.Value)
                    {
                        errors.Add(new FrameworkError(max.Row, "Par.MaximumMismatch", ParCalculator.Format(max.Value), Agency.Name, ParCalculator.Format(computed), string.Join(", ", notApplicable.Order(StringComparer.Ordinal))));
                    }
                }
            }

            Scope = notApplicable.Count == 0 && maximum is null && survey is null
                ? AgencyScope.None
                : new AgencyScope(notApplicable, notApplicable.Count == 0 ? maximum?.Value : null, survey?.Value);
        }

        private void ReadMaximum(ImportRow r, List<FrameworkError> errors)
        {
            if (r.Maximum.Length == 0)
            {
                return;
            }

            if (FrameworkReader.Number(r.Maximum) is not { } value)
            {
                errors.Add(new FrameworkError(r.Row, "Par.ResultNotNumber", r.Maximum));
            }
            else if (maximum is { } before && before.Value != value)
            {
                errors.Add(new FrameworkError(r.Row, "Par.MaximumConflict", Agency.Name, ParCalculator.Format(value), ParCalculator.Format(before.Value), before.Row));
            }
            else
            {
                maximum ??= (value, r.Row);
            }
        }

        private void ReadSurvey(ImportRow r, List<FrameworkError> errors)
        {
            if (r.Survey.Length == 0)
            {
                return;
            }

            bool? value = VietnameseText.Fold(r.Survey) switch
            {
                "co" or "x" or "1" or "yes" or "true" or "co dieu tra" => true,
                "khong" or "0" or "no" or "false" or "khong dieu tra" => false,
                _ => null,
            };
            if (value is null)
            {
                errors.Add(new FrameworkError(r.Row, "Par.SurveyCellInvalid", r.Survey));
            }
            else if (survey is { } before && before.Value != value)
            {
                errors.Add(new FrameworkError(r.Row, "Par.SurveyConflict", Agency.Name, before.Row));
            }
            else
            {
                survey ??= (value.Value, r.Row);
            }
        }
    }

    internal static List<ImportRow> Read(string fileName, byte[] content)
    {
        var rows = TableFile.Read(fileName, content, "Par.ResultsFileType");
        if (rows.Count == 0)
        {
            throw new DomainValidationException("file", "Import.NoHeader");
        }

        var header = rows[0].Cells.Select(VietnameseText.Fold).ToList();
        int Col(params string[] names) => header.FindIndex(h => names.Contains(h));
        var agency = Col("co quan", "agency", "don vi");
        var code = Col("ma tieu chi", "ma", "code", "criterion");
        var points = Col("diem", "points", "diem tham dinh", "final points");
        var maximum = Col("diem toi da", "toi da", "maximum", "max");
        var survey = Col("dieu tra xhh", "dieu tra xa hoi hoc", "khao sat", "survey");
        if (agency < 0 || code < 0 || points < 0)
        {
            throw new DomainValidationException("file", "Import.MissingColumn", agency < 0 ? "Cơ quan" : code < 0 ? "Mã tiêu chí" : "Điểm");
        }

        static string At(IReadOnlyList<string> cells, int i) => i >= 0 && i < cells.Count ? cells[i].Trim() : "";
        return rows.Skip(1).Where(r => r.Cells.Any(c => c.Trim().Length > 0))
            .Select(r => new ImportRow(r.Row, At(r.Cells, agency), At(r.Cells, code), At(r.Cells, points), At(r.Cells, maximum), At(r.Cells, survey))).ToList();
    }
}
