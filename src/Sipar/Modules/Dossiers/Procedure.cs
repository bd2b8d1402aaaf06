using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Localization;

namespace Sipar.Modules.Dossiers;

/// <summary>How a procedure's time limit is counted.</summary>
internal enum TimeLimitUnit
{
    /// <summary>Ngày làm việc (the default).</summary>
    WorkingDays,

    /// <summary>Ngày (calendar days, where a procedure says so).</summary>
    CalendarDays,

    /// <summary>Giờ làm việc: the appointment date is the working day on which the hours run out (8 working hours a day).</summary>
    WorkingHours,
}

/// <summary>Mức độ dịch vụ công trực tuyến (Nghị định 42/2022): old levels 3 and 4 map to một phần and toàn trình.</summary>
internal enum OnlineLevel
{
    None,

    /// <summary>Một phần.</summary>
    Partial,

    /// <summary>Toàn trình.</summary>
    Full,
}

/// <summary>
/// Thủ tục hành chính: one procedure of the agency's catalogue, as published (code as in the national database, time
/// limit, intake cut-off, required documents, fees, online level). A dossier copies what it needs when it is
/// received, so a later change of time limit or fees never rewrites the past.
/// </summary>
internal sealed class Procedure : IAggregateRoot
{
    public const int CodeMaxLength = 30;
    public const int NameMaxLength = 1000;
    public const int FieldMaxLength = 200;
    public const int TextMaxLength = 4000;
    public const int LevelMaxLength = 50;
    public const int DeliveryMaxLength = 200;

    private Procedure()
    {
    }

    public Guid Id { get; private set; }

    public Guid AgencyId { get; private set; }

    /// <summary>Mã thủ tục, e.g. <c>2.000123</c>.</summary>
    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    public string SearchName { get; private set; } = "";

    /// <summary>Lĩnh vực.</summary>
    public string Field { get; private set; } = "";

    public Guid? UnitId { get; private set; }

    public int TimeLimit { get; private set; }

    public TimeLimitUnit TimeLimitUnit { get; private set; }

    /// <summary>Dossiers received after this time (Vietnam) count from the next working day; null: none.</summary>
    public TimeOnly? Cutoff { get; private set; }

    /// <summary>Thành phần hồ sơ, one document a line with its originals and copies (<see cref="RequiredDocument"/>).</summary>
    public string Documents { get; private set; } = "";

    /// <summary>Phí, lệ phí in đồng; 0: không.</summary>
    public long Fee { get; private set; }

    public OnlineLevel OnlineLevel { get; private set; }

    /// <summary>Cấp thực hiện (tỉnh, huyện, xã…), as published.</summary>
    public string? Level { get; private set; }

    /// <summary>Cách thức trả kết quả (tại Bộ phận Một cửa, qua bưu chính…), as published.</summary>
    public string? ResultDelivery { get; private set; }

    /// <summary>Căn cứ pháp lý, as published.</summary>
    public string? LegalBasis { get; private set; }

    /// <summary>Quy trình: one step a line, "name | share of the time limit" (in the procedure's unit).</summary>
    public string Steps { get; private set; } = "";

    public IReadOnlyList<ProcedureStep> StepList => ProcedureStep.Parse(Steps);

    public DateTime UpdatedAt { get; private set; }

    /// <summary>The documents' names, in order.</summary>
    public IReadOnlyList<string> DocumentList => [.. RequiredDocuments.Select(d => d.Name)];

    /// <summary>The documents with how many originals and copies each.</summary>
    public IReadOnlyList<RequiredDocument> RequiredDocuments => RequiredDocument.ParseAll(Documents);

    public static Procedure Create(Guid agencyId, ProcedureInput input, DateTime now)
    {
        var procedure = new Procedure { Id = Guid.CreateVersion7(), AgencyId = agencyId };
        procedure.Change(input, now);
        return procedure;
    }

    public void Change(ProcedureInput input, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new ValidationErrors();
        var code = (input.Code ?? "").Trim();
        var name = (input.Name ?? "").Trim();
        var field = (input.Field ?? "").Trim();
        var documents = RequiredDocument.Normalise(input.Documents);
        var legal = input.LegalBasis?.Trim();
        var level = input.Level?.Trim();
        var delivery = input.ResultDelivery?.Trim();
        errors.MaxLength(nameof(Level), level, LevelMaxLength);
        var steps = ProcedureStep.Normalise(input.Steps, input.TimeLimit, errors);
        errors.MaxLength(nameof(ResultDelivery), delivery, DeliveryMaxLength);
        errors.Required(nameof(Code), code, "Procedure.Code");
        errors.MaxLength(nameof(Code), code, CodeMaxLength);
        if (code.Any(char.IsWhiteSpace))
        {
            errors.Add(nameof(Code), "Procedure.CodeFormat");
        }

        errors.Required(nameof(Name), name, "Procedure.Name");
        errors.MaxLength(nameof(Name), name, NameMaxLength);
        errors.Required(nameof(Field), field, "Procedure.Field");
        errors.MaxLength(nameof(Field), field, FieldMaxLength);
        if (input.TimeLimit is not (>= 0 and <= 365))
        {
            errors.Add(nameof(TimeLimit), "Procedure.TimeLimitRange");
        }

        if (!Enum.IsDefined(input.TimeLimitUnit))
        {
            errors.Add(nameof(TimeLimitUnit), "Error.Invalid");
        }

        if (!Enum.IsDefined(input.OnlineLevel))
        {
            errors.Add(nameof(OnlineLevel), "Error.Invalid");
        }

        if (input.Fee is < 0 or > 1_000_000_000_000)
        {
            errors.Add(nameof(Fee), "Procedure.FeeRange");
        }

        errors.MaxLength(nameof(Documents), documents, TextMaxLength);
        errors.MaxLength(nameof(LegalBasis), legal, TextMaxLength);
        errors.ThrowIfAny();
        Code = code;
        Name = name;
        SearchName = VietnameseText.Fold(code + " " + name + " " + field);
        Field = field;
        UnitId = input.UnitId;
        TimeLimit = input.TimeLimit;
        TimeLimitUnit = input.TimeLimitUnit;
        Cutoff = input.Cutoff;
        Documents = documents;
        Fee = input.Fee;
        OnlineLevel = input.OnlineLevel;
        LegalBasis = string.IsNullOrEmpty(legal) ? null : legal;
        Level = string.IsNullOrEmpty(level) ? null : level;
        Steps = steps;
        ResultDelivery = string.IsNullOrEmpty(delivery) ? null : delivery;
        UpdatedAt = now;
    }
}

/// <summary>What a person types for a procedure (page, API, import).</summary>
internal sealed record ProcedureInput(
    string? Code, string? Name, string? Field, Guid? UnitId, int TimeLimit, TimeLimitUnit TimeLimitUnit, TimeOnly? Cutoff,
    string? Documents, long Fee, OnlineLevel OnlineLevel, string? LegalBasis, string? Level = null, string? ResultDelivery = null, string? Steps = null)
{
    /// <summary>Whether saving this would change what the procedure says (the import's "unchanged" rows).</summary>
    public bool SameAs(Procedure p) =>
        p is not null && p.Code == (Code ?? "").Trim() && p.Name == (Name ?? "").Trim() && p.Field == (Field ?? "").Trim() && p.UnitId == UnitId && p.TimeLimit == TimeLimit
        && p.TimeLimitUnit == TimeLimitUnit && p.Cutoff == Cutoff && p.Documents == RequiredDocument.Normalise(Documents)
        && p.Fee == Fee && p.OnlineLevel == OnlineLevel && p.LegalBasis == NullIfEmpty(LegalBasis) && p.Level == NullIfEmpty(Level) && p.ResultDelivery == NullIfEmpty(ResultDelivery)
        && p.Steps == ProcedureStep.Normalise(Steps, TimeLimit, new ValidationErrors());

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>One step of a procedure's process and its share of the time limit (e.g. "Thẩm định hồ sơ | 3").</summary>
internal sealed partial record ProcedureStep(string Name, decimal Share)
{
    /// <summary>The steps as stored (one a line, "name | share").</summary>
    public static IReadOnlyList<ProcedureStep> Parse(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split('|', 2))
            .Select(p => new ProcedureStep(p[0].Trim(), p.Length > 1 && decimal.TryParse(p[1].Trim(), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : 0))
            .ToList();

    /// <summary>
    /// Reads steps as people write them — "name | 3", "name: 0,5 ngày", one a line or separated by ";" — and stores them
    /// as "name | share"; a line without a share, or shares adding up to more than the time limit, is refused.
    /// </summary>
    public static string Normalise(string? text, int timeLimit, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var lines = (text ?? "").Split(['\n', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var steps = new List<ProcedureStep>();
        for (var i = 0; i < lines.Length; i++)
        {
            var m = Line().Match(lines[i]);
            if (!m.Success || !decimal.TryParse(m.Groups["n"].Value.Replace(',', '.'), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var share))
            {
                errors.Add(nameof(Procedure.Steps), "Procedure.StepFormat", i + 1, lines[i]);
                continue;
            }

            steps.Add(new ProcedureStep(m.Groups["name"].Value.Trim(), share));
        }

        var total = steps.Sum(s => s.Share);
        if (total > timeLimit)
        {
            errors.Add(nameof(Procedure.Steps), "Procedure.StepsOverLimit", total.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture), timeLimit);
        }

        var stored = string.Join('\n', steps.Select(s => s.Name + " | " + s.Share.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)));
        errors.MaxLength(nameof(Procedure.Steps), stored, Procedure.TextMaxLength);
        return stored;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?<name>.+?)\s*[|:]\s*(?<n>\d+(?:[.,]\d+)?)\s*(?:ngày làm việc|ngày|giờ làm việc|giờ)?\s*$")]
    private static partial System.Text.RegularExpressions.Regex Line();
}

/// <summary>
/// One document of a procedure's dossier (thành phần hồ sơ) and how many originals and copies the citizen brings
/// (0 and 0: the list does not say). Stored one a line as "name | N bản chính | M bản sao".
/// </summary>
internal sealed partial record RequiredDocument(string Name, int Originals, int Copies)
{
    /// <summary>What the lines say, in order.</summary>
    public static IReadOnlyList<RequiredDocument> ParseAll(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Parse).Where(d => d.Name.Length > 0).ToList();

    /// <summary>
    /// Reads a document as published lists write it: "Tờ khai | 1 bản chính | 1 bản sao", "Tờ khai (01 bản chính, 01
    /// bản sao)", "Giấy khai sinh: bản sao có chứng thực", or a name alone. "bản chính" / "bản sao" without a number is one.
    /// </summary>
    public static RequiredDocument Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var text = line.Trim();
        string name;
        string counts;
        var bar = text.IndexOf('|', StringComparison.Ordinal);
        if (bar >= 0)
        {
            (name, counts) = (text[..bar].Trim(), text[(bar + 1)..]);
        }
        else if (Tail().Match(text) is { Success: true } tail && Mentions(tail.Groups["c"].Value))
        {
            (name, counts) = (text[..tail.Index].Trim(), tail.Groups["c"].Value);
        }
        else
        {
            return new RequiredDocument(text, 0, 0);
        }

        var folded = VietnameseText.Fold(counts);
        return new RequiredDocument(name.Length > 0 ? name : text, Count(OriginalsText().Match(folded)), Count(CopiesText().Match(folded)));
    }

    /// <summary>The lines as stored: each document parsed and written back in one shape.</summary>
    public static string Normalise(string? text) => string.Join('\n', ParseAll(text).Select(d => d.ToString()));

    /// <summary>"1 bản chính, 1 bản sao", or empty when the list does not say.</summary>
    public string Quantities => string.Join(", ", new[] { Originals > 0 ? $"{Originals} bản chính" : null, Copies > 0 ? $"{Copies} bản sao" : null }.OfType<string>());

    public override string ToString() =>
        Originals == 0 && Copies == 0 ? Name : Name + (Originals > 0 ? $" | {Originals} bản chính" : "") + (Copies > 0 ? $" | {Copies} bản sao" : "");

    private static bool Mentions(string s)
    {
        var f = VietnameseText.Fold(s);
        return f.Contains("ban chinh", StringComparison.Ordinal) || f.Contains("ban sao", StringComparison.Ordinal);
    }

    /// <summary>How many a match of <see cref="Originals"/> or <see cref="Copies"/> says: the number before or after, or one.</summary>
    private static int Count(System.Text.RegularExpressions.Match m)
    {
        if (!m.Success)
        {
            return 0;
        }

        var digits = m.Groups["n"].Success ? m.Groups["n"].Value : m.Groups["m"].Success ? m.Groups["m"].Value : "1";
        return int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? Math.Min(n, 99) : 1;
    }

    // "01 ban chinh", "ban chinh: 2" or "ban chinh" in folded text; the same for copies.
    [System.Text.RegularExpressions.GeneratedRegex(@"(?:(?<n>\d+)\s*)?ban\s+chinh(?:\s*:\s*(?<m>\d+))?")]
    private static partial System.Text.RegularExpressions.Regex OriginalsText();

    [System.Text.RegularExpressions.GeneratedRegex(@"(?:(?<n>\d+)\s*)?ban\s+sao(?:\s*:\s*(?<m>\d+))?")]
    private static partial System.Text.RegularExpressions.Regex CopiesText();

    // A trailing "(…)" or ": …" / " - …" that says how many originals or copies.
    [System.Text.RegularExpressions.GeneratedRegex(@"(?:\s*\((?<c>[^()]*)\)|\s*[:–-]\s*(?<c>[^:()–-]*))\s*$")]
    private static partial System.Text.RegularExpressions.Regex Tail();
}
