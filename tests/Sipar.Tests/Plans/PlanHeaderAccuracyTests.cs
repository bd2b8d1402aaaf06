using System.Globalization;
using System.Text.Json;
using Sipar.Modules.Plans;
using Xunit;

namespace Sipar.Tests.Plans;

/// <summary>
/// The plan parser on headers as public plans of several provinces, levels and years lay them out (tests/fixtures/plan-headers):
/// two-column tables with "|" cells, cells one after another, the motto and the place-and-date split over lines, an
/// issuer under its governing body, titles over several capitalised lines. Reports the accuracy per field.
/// </summary>
public sealed class PlanHeaderAccuracyTests(ITestOutputHelper output)
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "fixtures", "plan-headers");

    private static readonly string[] Fields = ["issuer", "number", "symbol", "place", "date", "title"];

    [Fact]
    public void Every_header_field_is_read_from_every_layout()
    {
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "expected.json")));
        var cases = expected.RootElement.EnumerateArray().ToList();
        Assert.True(cases.Count >= 8, "the fixture set has at least eight plans");
        var right = Fields.ToDictionary(f => f, _ => 0);
        var misses = new List<string>();
        foreach (var c in cases)
        {
            var file = c.GetProperty("file").GetString()!;
            var draft = PlanTextParser.Parse(File.ReadAllText(Path.Combine(Folder, file)));
            var got = new Dictionary<string, string?>
            {
                ["issuer"] = draft.Issuer,
                ["number"] = draft.Number,
                ["symbol"] = draft.Symbol,
                ["place"] = draft.Place,
                ["date"] = draft.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["title"] = draft.Title,
            };
            foreach (var f in Fields)
            {
                var want = c.GetProperty(f).ValueKind == JsonValueKind.Null ? null : c.GetProperty(f).GetString();
                if (want == got[f])
                {
                    right[f]++;
                }
                else
                {
                    misses.Add($"{file} {f}: expected \"{want}\", read \"{got[f]}\"");
                }
            }
        }

        foreach (var f in Fields)
        {
            output.WriteLine($"{f,-7} {right[f]}/{cases.Count} ({100.0 * right[f] / cases.Count:0}%)");
        }

        misses.ForEach(output.WriteLine);
        Assert.Empty(misses);
    }
}
