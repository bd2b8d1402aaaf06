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

    /// <summary>Thành phần hồ sơ, one document a line.</summary>
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

    public DateTime UpdatedAt { get; private set; }

    public IReadOnlyList<string> DocumentList => Documents.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

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
        var documents = string.Join('\n', (input.Documents ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
        var legal = input.LegalBasis?.Trim();
        var level = input.Level?.Trim();
        var delivery = input.ResultDelivery?.Trim();
        errors.MaxLength(nameof(Level), level, LevelMaxLength);
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
        ResultDelivery = string.IsNullOrEmpty(delivery) ? null : delivery;
        UpdatedAt = now;
    }
}

/// <summary>What a person types for a procedure (page, API, import).</summary>
internal sealed record ProcedureInput(
    string? Code, string? Name, string? Field, Guid? UnitId, int TimeLimit, TimeLimitUnit TimeLimitUnit, TimeOnly? Cutoff,
    string? Documents, long Fee, OnlineLevel OnlineLevel, string? LegalBasis, string? Level = null, string? ResultDelivery = null)
{
    /// <summary>Whether saving this would change what the procedure says (the import's "unchanged" rows).</summary>
    public bool SameAs(Procedure p) =>
        p is not null && p.Code == (Code ?? "").Trim() && p.Name == (Name ?? "").Trim() && p.Field == (Field ?? "").Trim() && p.UnitId == UnitId && p.TimeLimit == TimeLimit
        && p.TimeLimitUnit == TimeLimitUnit && p.Cutoff == Cutoff && p.Documents == string.Join('\n', (Documents ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0))
        && p.Fee == Fee && p.OnlineLevel == OnlineLevel && p.LegalBasis == NullIfEmpty(LegalBasis) && p.Level == NullIfEmpty(Level) && p.ResultDelivery == NullIfEmpty(ResultDelivery);

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
