using System.Text.Json;
using System.Text.Json.Serialization;
using Sipar.Infrastructure.Errors;

namespace Sipar.Modules.Sipas;

/// <summary>Which part of SIPAS a questionnaire measures.</summary>
internal enum QuestionnaireKind
{
    Service,
    Policy,
}

/// <summary>The answer scale: its levels with their labels, the first level that counts as satisfied, and the "no answer" choice.</summary>
internal sealed record AnswerScale(int Levels, int SatisfiedFrom, IReadOnlyList<string> Labels, string NoAnswer)
{
    public static AnswerScale Default { get; } = new(5, 4, ["Rất không hài lòng", "Không hài lòng", "Bình thường", "Hài lòng", "Rất hài lòng"], "Không trả lời");
}

internal sealed record QuestionItem(string Code, string Text);

internal sealed record QuestionFactor(string Code, string Name, decimal Weight, IReadOnlyList<QuestionItem> Items);

internal sealed record QuestionAspect(string Code, string Name, decimal Weight, IReadOnlyList<QuestionFactor> Factors);

/// <summary>A profile or expectation question: one choice among options (or up to <see cref="Pick"/> for expectations).</summary>
internal sealed record ChoiceQuestion(string Code, string Text, IReadOnlyList<string> Options, int Pick = 1);

/// <summary>
/// A questionnaire version as its JSON file says it (import and export use the same format, README "SIPAS files"):
/// aspects → factors → items, the scale, profile questions, the expectation question, free-text questions, and for a later
/// version the map from its item codes to the previous version's, so that years stay comparable.
/// </summary>
internal sealed record QuestionnaireDocument(
    string Code, int Version, string Name, QuestionnaireKind Kind, AnswerScale Scale, IReadOnlyList<QuestionAspect> Aspects,
    IReadOnlyList<ChoiceQuestion> Profile, ChoiceQuestion? Expectations, IReadOnlyList<QuestionItem> OpenQuestions,
    IReadOnlyDictionary<string, string> PreviousItems)
{
    public const int CodeMaxLength = 50;
    public const int TextMaxLength = 1000;
    public const int MaxItems = 100;

    public IEnumerable<QuestionItem> Items => Aspects.SelectMany(a => a.Factors).SelectMany(f => f.Items);

    public IndexStructure Structure() => new([.. Aspects.Select(a => new IndexAspect(a.Code, a.Weight, [.. a.Factors.Select(f => new IndexFactor(f.Code, f.Weight, [.. f.Items.Select(i => i.Code)]))]))]);

    public IndexRules Rules(IndexRules defaults) => defaults with { Levels = Scale.Levels, SatisfiedFrom = Scale.SatisfiedFrom };

    public static QuestionnaireDocument Parse(string json)
    {
        Dto? dto;
        try
        {
            dto = JsonSerializer.Deserialize<Dto>(json, Options);
        }
        catch (JsonException e)
        {
            throw new DomainValidationException("file", "Sipas.StructureUnreadable", e.LineNumber + 1 ?? 1);
        }

        if (dto is null)
        {
            throw new DomainValidationException("file", "Sipas.StructureEmpty");
        }

        var errors = new List<FieldError>();
        string Text(string? value, string field, int max = TextMaxLength)
        {
            var v = (value ?? "").Trim();
            if (v.Length == 0 || v.Length > max)
            {
                errors.Add(new FieldError("file", "Sipas.FieldRequired", field, max));
            }

            return v;
        }

        var code = Text(dto.Code, "code", CodeMaxLength);
        var name = Text(dto.Name, "name");
        var scale = dto.Scale is null
            ? AnswerScale.Default
            : new AnswerScale(dto.Scale.Levels ?? 5, dto.Scale.SatisfiedFrom ?? 4, dto.Scale.Labels ?? [], dto.Scale.NoAnswer ?? AnswerScale.Default.NoAnswer);
        if (scale.Levels is < 2 or > 9 || scale.SatisfiedFrom < 1 || scale.SatisfiedFrom > scale.Levels || scale.Labels.Count != scale.Levels)
        {
            errors.Add(new FieldError("file", "Sipas.ScaleInvalid"));
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        void Code(string c)
        {
            if (c.Length > 0 && !seen.Add(c))
            {
                errors.Add(new FieldError("file", "Sipas.CodeTwice", c));
            }
        }

        var aspects = new List<QuestionAspect>();
        foreach (var a in dto.Aspects ?? [])
        {
            var ac = Text(a.Code, "aspects.code", CodeMaxLength);
            Code(ac);
            var factors = new List<QuestionFactor>();
            foreach (var f in a.Factors ?? [])
            {
                var fc = Text(f.Code, "factors.code", CodeMaxLength);
                Code(fc);
                var items = new List<QuestionItem>();
                foreach (var i in f.Items ?? [])
                {
                    var ic = Text(i.Code, "items.code", CodeMaxLength);
                    Code(ic);
                    items.Add(new QuestionItem(ic, Text(i.Text, "items.text")));
                }

                if (items.Count == 0)
                {
                    errors.Add(new FieldError("file", "Sipas.FactorWithoutItems", fc));
                }

                factors.Add(new QuestionFactor(fc, Text(f.Name, "factors.name"), f.Weight ?? 1m, items));
            }

            if (factors.Count == 0)
            {
                errors.Add(new FieldError("file", "Sipas.AspectWithoutFactors", ac));
            }

            aspects.Add(new QuestionAspect(ac, Text(a.Name, "aspects.name"), a.Weight ?? 1m, factors));
        }

        if (aspects.Count == 0)
        {
            errors.Add(new FieldError("file", "Sipas.StructureEmpty"));
        }

        if (aspects.SelectMany(a => a.Factors).SelectMany(f => f.Items).Count() > MaxItems)
        {
            errors.Add(new FieldError("file", "Sipas.TooManyItems", MaxItems));
        }

        if (aspects.Any(a => a.Weight < 0 || a.Factors.Any(f => f.Weight < 0)))
        {
            errors.Add(new FieldError("file", "Sipas.NegativeWeight"));
        }

        ChoiceQuestion Choice(ChoiceDto c, string field)
        {
            var options = (c.Options ?? []).Select(o => (o ?? "").Trim()).Where(o => o.Length > 0).ToList();
            if (options.Count == 0)
            {
                errors.Add(new FieldError("file", "Sipas.ChoiceWithoutOptions", c.Code ?? field));
            }

            var qc = Text(c.Code, field + ".code", CodeMaxLength);
            Code(qc);
            return new ChoiceQuestion(qc, Text(c.Text, field + ".text"), options, Math.Clamp(c.Pick ?? 1, 1, Math.Max(1, options.Count)));
        }

        var profile = (dto.Profile ?? []).Select(p => Choice(p, "profile")).ToList();
        var expectations = dto.Expectations is null ? null : Choice(dto.Expectations, "expectations");
        var open = (dto.OpenQuestions ?? []).Select(o =>
        {
            var oc = Text(o.Code, "openQuestions.code", CodeMaxLength);
            Code(oc);
            return new QuestionItem(oc, Text(o.Text, "openQuestions.text"));
        }).ToList();
        if (errors.Count > 0)
        {
            throw new DomainValidationException(errors.DistinctBy(e => (e.MessageKey, string.Join('|', e.Args))).ToList());
        }

        var kind = string.Equals(dto.Kind, "policy", StringComparison.OrdinalIgnoreCase) ? QuestionnaireKind.Policy : QuestionnaireKind.Service;
        return new QuestionnaireDocument(code, Math.Max(1, dto.Version ?? 1), name, kind, scale, aspects, profile, expectations, open,
            (dto.PreviousItems ?? []).ToDictionary(p => p.Key.Trim(), p => (p.Value ?? "").Trim(), StringComparer.OrdinalIgnoreCase));
    }

    public string ToJson() => JsonSerializer.Serialize(
        new Dto(Code, Version, Name, Kind.ToString().ToLowerInvariant(), new ScaleDto(Scale.Levels, Scale.SatisfiedFrom, [.. Scale.Labels], Scale.NoAnswer),
            [.. Aspects.Select(a => new AspectDto(a.Code, a.Name, a.Weight, [.. a.Factors.Select(f => new FactorDto(f.Code, f.Name, f.Weight, [.. f.Items.Select(i => new ItemDto(i.Code, i.Text))]))]))],
            [.. Profile.Select(ChoiceOf)], Expectations is null ? null : ChoiceOf(Expectations), [.. OpenQuestions.Select(o => new ItemDto(o.Code, o.Text))],
            PreviousItems.Count == 0 ? null : new Dictionary<string, string?>(PreviousItems!)),
        Options);

    private static ChoiceDto ChoiceOf(ChoiceQuestion c) => new(c.Code, c.Text, [.. c.Options], c.Pick == 1 ? null : c.Pick);

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private sealed record Dto(
        string? Code, int? Version, string? Name, string? Kind, ScaleDto? Scale, List<AspectDto>? Aspects, List<ChoiceDto>? Profile,
        ChoiceDto? Expectations, List<ItemDto>? OpenQuestions, Dictionary<string, string?>? PreviousItems);

    private sealed record ScaleDto(int? Levels, int? SatisfiedFrom, List<string>? Labels, string? NoAnswer);

    private sealed record AspectDto(string? Code, string? Name, decimal? Weight, List<FactorDto>? Factors);

    private sealed record FactorDto(string? Code, string? Name, decimal? Weight, List<ItemDto>? Items);

    private sealed record ItemDto(string? Code, string? Text);

    private sealed record ChoiceDto(string? Code, string? Text, List<string?>? Options, int? Pick);
}
