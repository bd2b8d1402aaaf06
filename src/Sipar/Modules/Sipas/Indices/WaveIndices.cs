using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;

namespace Sipar.Modules.Sipas;

/// <summary>A breakdown cell: its label, the indices, and whether it has enough responses to be shown and ranked.</summary>
internal sealed record IndexCell(string Label, SipasIndices Indices);

/// <summary>An expectation option and the share of respondents who chose it.</summary>
internal sealed record ExpectationShare(string Option, int Count, decimal Share);

internal sealed record WaveResult(Wave Wave, QuestionnaireDocument Questionnaire, SipasIndices Overall, IReadOnlyList<IndexCell> Strata, IReadOnlyList<IndexCell> Channels, IReadOnlyList<ExpectationShare> Expectations);

/// <summary>The indices of a wave over the responses that count (submitted, valid, not failed at re-check), overall and by stratum and channel.</summary>
internal sealed class WaveIndices(SiparDbContext db)
{
    public async Task<WaveResult> ComputeAsync(Guid waveId, CancellationToken ct)
    {
        var wave = await db.Set<Wave>().AsNoTracking().FirstOrDefaultAsync(w => w.Id == waveId, ct) ?? throw new Infrastructure.Errors.NotFoundException();
        var doc = (await db.Set<Questionnaire>().AsNoTracking().FirstAsync(q => q.Id == wave.QuestionnaireId, ct)).Document;
        var rules = doc.Rules(IndexRules.Default with { MinCell = wave.MinCell, Seed = wave.Seed ?? IndexRules.Default.Seed });
        var structure = doc.Structure();
        var rows = await db.Set<Response>().AsNoTracking()
            .Where(r => r.WaveId == waveId && r.SubmittedAt != null && r.Review == ReviewState.Valid && r.Recheck != RecheckState.Differs)
            .Select(r => new { r.Answers, r.Stratum, r.Channel, r.Expectations }).ToListAsync(ct);
        var matrix = new AnswerMatrix(structure.ItemCodes.Count, rows.Count);
        foreach (var r in rows)
        {
            matrix.Add(r.Answers, rules);
        }

        var overall = SipasCalculator.Compute(structure, matrix, rules);
        var strata = rows.Select(r => r.Stratum).Distinct().Order(StringComparer.Ordinal)
            .Select(s => new IndexCell(s, SipasCalculator.Compute(structure, matrix.Where(i => rows[i].Stratum == s), rules))).ToList();
        var channels = rows.Select(r => r.Channel).Distinct().Order()
            .Select(c => new IndexCell(c.ToString(), SipasCalculator.Compute(structure, matrix.Where(i => rows[i].Channel == c), rules))).ToList();
        var expectations = new List<ExpectationShare>();
        if (doc.Expectations is { } e)
        {
            var counts = new int[e.Options.Count + 1];
            foreach (var r in rows)
            {
                foreach (var part in r.Expectations.Split(',', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (int.TryParse(part, System.Globalization.CultureInfo.InvariantCulture, out var x) && x >= 1 && x <= e.Options.Count)
                    {
                        counts[x]++;
                    }
                }
            }

            expectations = [.. e.Options.Select((o, i) => new ExpectationShare(o, counts[i + 1], rows.Count == 0 ? 0 : Math.Round(100m * counts[i + 1] / rows.Count, 2)))
                .OrderByDescending(x => x.Count).ThenBy(x => x.Option, StringComparer.Ordinal)];
        }

        return new WaveResult(wave, doc, overall, strata, channels, expectations);
    }
}
