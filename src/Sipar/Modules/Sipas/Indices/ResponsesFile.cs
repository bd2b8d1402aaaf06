using System.Globalization;
using System.Text.Json;
using CsvHelper;
using Sipar.Infrastructure.Files;

namespace Sipar.Modules.Sipas;

/// <summary>A problem with one cell of a responses file (row 1 is the header).</summary>
internal sealed record CellError(int Row, string Column, string MessageKey, params object[] Args);

/// <summary>What a responses file gave: the indices overall and per stratum, or the errors that stopped it.</summary>
internal sealed record FileIndices(SipasIndices? Overall, IReadOnlyList<(string Stratum, SipasIndices Indices)> Strata, IReadOnlyList<CellError> Errors, int Rows);

/// <summary>
/// <c>sipar sipas compute-file</c>: indices of a survey run elsewhere. The CSV has a header, a row per response, a column per
/// item code holding 1…levels or nothing (not answered), and an optional <c>stratum</c> column. It is streamed: a million rows
/// keep one byte per answer in memory.
/// </summary>
internal static class ResponsesFile
{
    public const int MaxErrors = 200;

    public static FileIndices Compute(TextReader text, IndexStructure structure, IndexRules rules)
    {
        using var csv = new CsvParser(text, TableFile.CsvConfiguration() with { MaxFieldSize = 1000 });
        var errors = new List<CellError>();
        if (!csv.Read())
        {
            return new FileIndices(null, [], [new CellError(1, "", "Sipas.FileEmpty")], 0);
        }

        var header = csv.Record ?? [];
        var codes = structure.ItemCodes;
        var position = new int[codes.Count];
        Array.Fill(position, -1);
        var stratumColumn = -1;
        for (var c = 0; c < header.Length; c++)
        {
            var name = header[c].Trim().TrimStart('\uFEFF');
            if (name.Equals("stratum", StringComparison.OrdinalIgnoreCase))
            {
                stratumColumn = c;
                continue;
            }

            var item = IndexOf(codes, name);
            if (item < 0)
            {
                errors.Add(new CellError(1, name, "Sipas.UnknownItemColumn", name));
            }
            else if (position[item] >= 0)
            {
                errors.Add(new CellError(1, name, "Sipas.ColumnTwice", name));
            }
            else
            {
                position[item] = c;
            }
        }

        for (var i = 0; i < codes.Count; i++)
        {
            if (position[i] < 0)
            {
                errors.Add(new CellError(1, codes[i], "Sipas.ItemColumnMissing", codes[i]));
            }
        }

        if (errors.Count > 0)
        {
            return new FileIndices(null, [], errors, 0);
        }

        var matrix = new AnswerMatrix(codes.Count, 1 << 16);
        var strata = new List<int>();
        var strataNames = new Dictionary<string, int>(StringComparer.Ordinal);
        var levels = new int[codes.Count];
        var rows = 0;
        while (csv.Read())
        {
            rows++;
            var row = csv.Row;
            var ok = true;
            for (var i = 0; i < codes.Count; i++)
            {
                var cell = position[i] < csv.Count ? csv[position[i]].AsSpan().Trim() : [];
                if (cell.IsEmpty)
                {
                    levels[i] = 0;
                }
                else if (cell.Length == 1 && cell[0] >= '1' && cell[0] - '0' <= rules.Levels)
                {
                    levels[i] = cell[0] - '0';
                }
                else
                {
                    ok = false;
                    if (errors.Count < MaxErrors)
                    {
                        errors.Add(new CellError(row, codes[i], "Sipas.AnswerOutOfScale", cell.ToString(), rules.Levels));
                    }
                }
            }

            if (!ok || errors.Count > 0)
            {
                continue;
            }

            matrix.Add(levels, rules);
            if (stratumColumn >= 0)
            {
                var name = stratumColumn < csv.Count ? csv[stratumColumn].Trim() : "";
                if (!strataNames.TryGetValue(name, out var s))
                {
                    strataNames[name] = s = strataNames.Count;
                }

                strata.Add(s);
            }
        }

        if (errors.Count > 0)
        {
            return new FileIndices(null, [], errors, rows);
        }

        var overall = SipasCalculator.Compute(structure, matrix, rules);
        var byStratum = strataNames.OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => (s.Key, SipasCalculator.Compute(structure, matrix.Where(r => strata[r] == s.Value), rules)))
            .ToList();
        return new FileIndices(overall, byStratum, [], rows);
    }

    private static int IndexOf(IReadOnlyList<string> codes, string name)
    {
        for (var i = 0; i < codes.Count; i++)
        {
            if (string.Equals(codes[i], name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The documented output: <c>{"overall":{"value","low","high","n"},"aspects":[…]}</c>, values in percent with two decimals.</summary>
    public static string Json(SipasIndices indices, IReadOnlyList<(string Stratum, SipasIndices Indices)> strata)
    {
        ArgumentNullException.ThrowIfNull(indices);
        static object V(IndexValue v) => new { value = v.Value, low = v.Low, high = v.High, n = v.N };
        object Tree(SipasIndices x) => x.Aspects.Select(a => new
        {
            code = a.Code, value = a.Index.Value, low = a.Index.Low, high = a.Index.High, n = a.Index.N,
            factors = a.Factors.Select(f => new
            {
                code = f.Code, value = f.Index.Value, low = f.Index.Low, high = f.Index.High, n = f.Index.N,
                items = f.Items.Select(i => new { code = i.Code, value = i.Index.Value, low = i.Index.Low, high = i.Index.High, n = i.Index.N }),
            }),
        });
        var output = new Dictionary<string, object?>
        {
            ["overall"] = V(indices.Overall),
            ["aspects"] = Tree(indices),
            ["responses"] = indices.Responses,
        };
        if (strata.Count > 0)
        {
            output["strata"] = strata.Select(s => new { stratum = s.Stratum, enough = s.Indices.Enough, overall = V(s.Indices.Overall), aspects = Tree(s.Indices) });
        }

        return JsonSerializer.Serialize(output, Indented);
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };


    /// <summary>One line per error for the operator, in Vietnamese.</summary>
    public static string Describe(CellError e, Func<string, object[], string> localize) =>
        string.Create(CultureInfo.InvariantCulture, $"Dòng {e.Row}, cột {e.Column}: {localize(e.MessageKey, e.Args)}");
}
