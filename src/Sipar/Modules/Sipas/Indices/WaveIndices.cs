using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;

namespace Sipar.Modules.Sipas;

/// <summary>A breakdown cell: its label, the indices, and whether it has enough responses to be shown and ranked.</summary>
internal sealed record IndexCell(string Label, SipasIndices Indices);

/// <summary>A breakdown: its title (a resource key or a profile question's text) and its cells.</summary>
internal sealed record Breakdown(string Title, IReadOnlyList<IndexCell> Cells);

/// <summary>One index now and in the previous wave (by the code it had then).</summary>
internal sealed record IndexChange(string Code, string? PreviousCode, decimal? Now, decimal? Before, decimal? Change);

/// <summary>An expectation option and the share of respondents who chose it.</summary>
internal sealed record ExpectationShare(string Option, int Count, decimal Share);

internal sealed record WaveResult(Wave Wave, QuestionnaireDocument Questionnaire, SipasIndices Overall, IReadOnlyList<IndexCell> Strata, IReadOnlyList<IndexCell> Channels, IReadOnlyList<ExpectationShare> Expectations);

/// <summary>The indices of a wave over the responses that count (submitted, valid, not failed at re-check), overall and by stratum and channel.</summary>
internal sealed class WaveIndices(SiparDbContext db, Organisation.IAgencies agencies)
{
    /// <summary>The wave's cells by processing unit, by procedure and by each profile question (cells below the minimum are marked, never ranked).</summary>
    public async Task<IReadOnlyList<Breakdown>> BreakdownsAsync(Guid waveId, CancellationToken ct)
    {
        var (_, doc, rules, structure, rows, matrix) = await LoadAsync(waveId, r => new Counted(r.Answers, r.UnitId, r.ProcedureCode, r.Profile), ct);

        IReadOnlyList<IndexCell> Cells(Func<int, string?> key)
        {
            var keys = Enumerable.Range(0, rows.Count).Select(key).ToList();
            return [.. keys.Where(k => k is not null).Distinct().Order(StringComparer.Ordinal)
                .Select(k => new IndexCell(k!, SipasCalculator.Compute(structure, matrix.Where(i => keys[i] == k), rules)))];
        }

        var units = await agencies.UnitsByIdAsync([.. rows.Where(r => r.UnitId is not null).Select(r => r.UnitId!.Value).Distinct()], ct);
        var profiles = rows.Select(r => Response.Lines(r.Profile)).ToList();
        var result = new List<Breakdown>
        {
            new("Sipas.ByUnit", Cells(i => rows[i].UnitId is { } u && units.TryGetValue(u, out var info) ? info.Name : null)),
            new("Sipas.ByProcedure", Cells(i => rows[i].ProcedureCode.Length > 0 ? rows[i].ProcedureCode : null)),
        };
        result.AddRange(doc.Profile.Select(q => new Breakdown(q.Text, Cells(i => profiles[i].GetValueOrDefault(q.Code)))));
        return [.. result.Where(b => b.Cells.Count > 0)];
    }

    /// <summary>
    /// Year over year: each index of the wave next to the same code in the agency's previous finished wave (a later questionnaire
    /// version maps its item codes to the previous one's); null when there is no previous wave.
    /// </summary>
    public async Task<(string PreviousWave, IReadOnlyList<IndexChange> Changes)?> CompareAsync(WaveResult current, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(current);
        var w = current.Wave;
        var previous = (await db.Set<Wave>().AsNoTracking()
            .Where(x => x.AgencyId == w.AgencyId && x.Id != w.Id && (x.Status == WaveStatus.Closed || x.Status == WaveStatus.Published)).ToListAsync(ct))
            .Where(x => x.PeriodTo < w.PeriodFrom).OrderByDescending(x => x.PeriodTo).FirstOrDefault();
        if (previous is null)
        {
            return null;
        }

        var before = await ComputeAsync(previous.Id, ct);
        var old = Values(before);
        var sameFamily = before.Questionnaire.Code == current.Questionnaire.Code && before.Questionnaire.Version < current.Questionnaire.Version;
        var map = sameFamily ? QuestionnaireLibrary.PreviousCodes(current.Questionnaire, old.Keys.ToHashSet(StringComparer.OrdinalIgnoreCase)) : null;
        var changes = Values(current).Select(x =>
        {
            var code = map is not null && map.TryGetValue(x.Key, out var mapped) ? mapped : x.Key;
            decimal? was = code is not null && old.TryGetValue(code, out var v) ? v : null;
            return new IndexChange(x.Key, code, x.Value, was, x.Value is { } now && was is { } then ? now - then : null);
        }).ToList();
        return (previous.Name, changes);
    }

    /// <summary>A counted response with the columns a computation asked for (the others empty).</summary>
    private sealed record Counted(string Answers, Guid? UnitId, string ProcedureCode, string Profile);

    /// <summary>The wave, its questionnaire, the index rules it uses and the questionnaire's structure.</summary>
    private async Task<(Wave Wave, QuestionnaireDocument Doc, IndexRules Rules, IndexStructure Structure)> WaveAsync(Guid waveId, CancellationToken ct)
    {
        var wave = await db.Set<Wave>().AsNoTracking().FirstOrDefaultAsync(w => w.Id == waveId, ct) ?? throw new Infrastructure.Errors.NotFoundException();
        var doc = (await db.Set<Questionnaire>().AsNoTracking().FirstAsync(q => q.Id == wave.QuestionnaireId, ct)).Document;
        return (wave, doc, doc.Rules(IndexRules.Default with { MinCell = wave.MinCell, Seed = wave.Seed ?? IndexRules.Default.Seed }), doc.Structure());
    }

    /// <summary>The wave, its questionnaire and rules, and the responses that count (<see cref="Response.Counts"/>) with their answers in a matrix.</summary>
    private async Task<(Wave Wave, QuestionnaireDocument Doc, IndexRules Rules, IndexStructure Structure, List<Counted> Rows, AnswerMatrix Matrix)> LoadAsync(
        Guid waveId, System.Linq.Expressions.Expression<Func<Response, Counted>> columns, CancellationToken ct)
    {
        var (wave, doc, rules, structure) = await WaveAsync(waveId, ct);
        var rows = await db.Set<Response>().AsNoTracking().Where(r => r.WaveId == waveId).Where(Response.Counts).Select(columns).ToListAsync(ct);
        var matrix = new AnswerMatrix(structure.ItemCodes.Count, rows.Count);
        foreach (var r in rows)
        {
            matrix.Add(r.Answers, rules);
        }

        return (wave, doc, rules, structure, rows, matrix);
    }

    private static Dictionary<string, decimal?> Values(WaveResult r)
    {
        var values = new Dictionary<string, decimal?>(StringComparer.OrdinalIgnoreCase) { ["overall"] = r.Overall.Overall.Value };
        foreach (var a in r.Overall.Aspects)
        {
            values[a.Code] = a.Index.Value;
            foreach (var f in a.Factors)
            {
                values[f.Code] = f.Index.Value;
                foreach (var i in f.Items)
                {
                    values[i.Code] = i.Index.Value;
                }
            }
        }

        return values;
    }

    public async Task<WaveResult> ComputeAsync(Guid waveId, CancellationToken ct)
    {
        var (wave, doc, rules, structure) = await WaveAsync(waveId, ct);
        var options = doc.Expectations?.Options.Count ?? 0;
        var counts = new int[options + 1];

        // A million responses are read on every computation: the query is EF's (the same rule for what counts), but its
        // rows are read straight from the data reader into the matrix, each stratum and channel kept as a small number,
        // without an object per response (bench/sipas.sh: this is most of the time above the SQL scan).
        var matrix = new AnswerMatrix(structure.ItemCodes.Count, 4096);
        var strataNames = new List<string>();
        var strataIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var channelIndex = new Dictionary<string, ResponseChannel>(StringComparer.Ordinal);
        var strataOf = new List<int>();
        var channelOf = new List<ResponseChannel>();
        var query = db.Set<Response>().AsNoTracking().Where(r => r.WaveId == waveId).Where(Response.Counts).Select(r => new { r.Answers, r.Stratum, r.Channel, r.Expectations });
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = query.CreateDbCommand();
            await using var reader = await command.ExecuteReaderAsync(ct);
            int answers = reader.GetOrdinal("Answers"), stratum = reader.GetOrdinal("Stratum"), channel = reader.GetOrdinal("Channel"), expected = reader.GetOrdinal("Expectations");
            while (await reader.ReadAsync(ct))
            {
                matrix.Add(reader.GetString(answers), rules);
                var s = reader.GetString(stratum);
                if (!strataIndex.TryGetValue(s, out var si))
                {
                    si = strataIndex[s] = strataNames.Count;
                    strataNames.Add(s);
                }

                strataOf.Add(si);
                var c = reader.GetString(channel);
                if (!channelIndex.TryGetValue(c, out var ch))
                {
                    ch = channelIndex[c] = Enum.Parse<ResponseChannel>(c);
                }

                channelOf.Add(ch);
                if (options > 0)
                {
                    var chosen = reader.GetString(expected);
                    foreach (var range in chosen.AsSpan().Split(','))
                    {
                        if (int.TryParse(chosen.AsSpan()[range], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var x) && x >= 1 && x <= options)
                        {
                            counts[x]++;
                        }
                    }
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        var overall = SipasCalculator.Compute(structure, matrix, rules);
        var strata = strataNames.Select((name, index) => (name, index)).OrderBy(x => x.name, StringComparer.Ordinal)
            .Select(x => new IndexCell(x.name, SipasCalculator.Compute(structure, matrix.Where(i => strataOf[i] == x.index), rules))).ToList();
        var channels = channelOf.Distinct().Order()
            .Select(c => new IndexCell(c.ToString(), SipasCalculator.Compute(structure, matrix.Where(i => channelOf[i] == c), rules))).ToList();
        var expectations = new List<ExpectationShare>();
        if (doc.Expectations is { } e)
        {
            var n = matrix.Count;
            expectations = [.. e.Options.Select((o, i) => new ExpectationShare(o, counts[i + 1], n == 0 ? 0 : Math.Round(100m * counts[i + 1] / n, 2)))
                .OrderByDescending(x => x.Count).ThenBy(x => x.Option, StringComparer.Ordinal)];
        }

        return new WaveResult(wave, doc, overall, strata, channels, expectations);
    }
}
