using System.Text.Json;
using System.Text.Json.Serialization;
using Sipar.Infrastructure.Errors;

namespace Sipar.Modules.Sipas;

/// <summary>What the indices are computed over: aspects → factors → item codes, with optional weights (equal when omitted).</summary>
internal sealed record IndexStructure(IReadOnlyList<IndexAspect> Aspects)
{
    /// <summary>Every item code in order: the order answers are stored in.</summary>
    public IReadOnlyList<string> ItemCodes { get; } = [.. Aspects.SelectMany(a => a.Factors).SelectMany(f => f.Items)];

    /// <summary>Reads <c>{"aspects":[{"code","weight"?,"factors":[{"code","weight"?,"items":["A1",…]}]}]}</c>; codes must be unique and every factor needs items.</summary>
    public static IndexStructure Parse(string json)
    {
        Dto? dto;
        try
        {
            dto = JsonSerializer.Deserialize<Dto>(json, Options);
        }
        catch (JsonException e)
        {
            throw new DomainValidationException("structure", "Sipas.StructureUnreadable", e.LineNumber + 1 ?? 1);
        }

        var aspects = new List<IndexAspect>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var a in dto?.Aspects ?? [])
        {
            var factors = new List<IndexFactor>();
            foreach (var f in a.Factors ?? [])
            {
                var items = (f.Items ?? []).Select(ItemCode).ToList();
                if (items.Count == 0 || items.Any(i => i.Length == 0))
                {
                    throw new DomainValidationException("structure", "Sipas.FactorWithoutItems", f.Code ?? "");
                }

                foreach (var code in items.Append(f.Code ?? ""))
                {
                    if (!seen.Add(code))
                    {
                        throw new DomainValidationException("structure", "Sipas.CodeTwice", code);
                    }
                }

                factors.Add(new IndexFactor(f.Code!.Trim(), f.Weight ?? 1m, items));
            }

            if (factors.Count == 0 || string.IsNullOrWhiteSpace(a.Code) || !seen.Add(a.Code.Trim()))
            {
                throw new DomainValidationException("structure", "Sipas.AspectWithoutFactors", a.Code ?? "");
            }

            aspects.Add(new IndexAspect(a.Code.Trim(), a.Weight ?? 1m, factors));
        }

        if (aspects.Count == 0)
        {
            throw new DomainValidationException("structure", "Sipas.StructureEmpty");
        }

        if (aspects.SelectMany(a => a.Factors).Select(f => f.Weight).Concat(aspects.Select(a => a.Weight)).Any(w => w < 0))
        {
            throw new DomainValidationException("structure", "Sipas.NegativeWeight");
        }

        return new IndexStructure(aspects);
    }

    // An item is its code, or an object with a "code" (a whole questionnaire file is a structure too).
    private static string ItemCode(JsonElement item) => item.ValueKind switch
    {
        JsonValueKind.String => item.GetString()!.Trim(),
        JsonValueKind.Object when item.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String => code.GetString()!.Trim(),
        _ => "",
    };

    public string ToJson() => JsonSerializer.Serialize(
        new Dto([.. Aspects.Select(a => new AspectDto(a.Code, a.Weight, [.. a.Factors.Select(f => new FactorDto(f.Code, f.Weight, [.. f.Items.Select(i => JsonSerializer.SerializeToElement(i))]))]))]), Options);

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private sealed record Dto(List<AspectDto>? Aspects);

    private sealed record AspectDto(string? Code, decimal? Weight, List<FactorDto>? Factors);

    private sealed record FactorDto(string? Code, decimal? Weight, List<JsonElement>? Items);
}

internal sealed record IndexAspect(string Code, decimal Weight, IReadOnlyList<IndexFactor> Factors);

internal sealed record IndexFactor(string Code, decimal Weight, IReadOnlyList<string> Items);

/// <summary>
/// The rules the method may change (QĐ 1001/QĐ-BNV, kept as data): the scale, from which level an answer counts as satisfied,
/// whether "không trả lời" counts as a valid answer, the confidence level, the bootstrap and the minimum cell size.
/// </summary>
internal sealed record IndexRules(
    int Levels = 5, int SatisfiedFrom = 4, bool NoAnswerIsValid = false, double Confidence = 0.95,
    int BootstrapReplicates = 1000, int BootstrapCap = 20_000, long Seed = 2023, int MinCell = 30)
{
    public static IndexRules Default { get; } = new();
}
