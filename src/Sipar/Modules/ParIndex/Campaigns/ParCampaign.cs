using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Errors;

namespace Sipar.Modules.ParIndex;

/// <summary>Đợt đánh giá: one year's PAR INDEX cycle for the participating agencies, with its deadlines and classes.</summary>
internal sealed class ParCampaign : IAggregateRoot
{
    public const int NameMaxLength = 300;

    private ParCampaign()
    {
    }

    public Guid Id { get; private set; }

    public int Year { get; private set; }

    public string Name { get; private set; } = "";

    public DateOnly SelfAssessmentDue { get; private set; }

    public DateOnly AppraisalDue { get; private set; }

    /// <summary>The agencies answer explanation requests by this day; one round.</summary>
    public DateOnly ExplanationDue { get; private set; }

    /// <summary>Classes as "90=A;80=B;70=C" or "90=Tốt;80=Khá;65=Trung bình;0=Yếu" (minimum index = label).</summary>
    public string Bands { get; private set; } = DefaultBands;

    /// <summary>False when no survey was run this year: indices are scaled to 100 without the survey part.</summary>
    public bool SurveyHeld { get; private set; } = true;

    /// <summary>Appraisal results are hidden from agencies until published.</summary>
    public DateTime? PublishedAt { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public const string DefaultBands = "90=A;80=B;70=C";

    public const int RecipientsMaxLength = 1000;

    public const int BandsMaxLength = 400;

    /// <summary>"Nơi nhận" of the agencies' self-assessment reports, one a line (the appraising body of this province); null: the defaults.</summary>
    public string? Recipients { get; private set; }

    public static readonly IReadOnlyList<string> DefaultRecipients = ["Sở Nội vụ (thẩm định)", "Lãnh đạo cơ quan", "Lưu: VT"];

    public IReadOnlyList<string> RecipientList =>
        Recipients is { Length: > 0 } r ? r.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : DefaultRecipients;

    public static ParCampaign Create(int year, string? name, DateOnly selfDue, DateOnly appraisalDue, DateOnly explanationDue, DateTime now)
    {
        var campaign = new ParCampaign { Id = Guid.CreateVersion7(), CreatedAt = now };
        campaign.Change(year, name, selfDue, appraisalDue, explanationDue);
        return campaign;
    }

    public void Change(int year, string? name, DateOnly selfDue, DateOnly appraisalDue, DateOnly explanationDue)
    {
        var errors = new ValidationErrors();
        if (year is < 2000 or > 2100)
        {
            errors.Add(nameof(Year), "Plan.YearRange");
        }

        var title = (name ?? "").Trim();
        errors.Required(nameof(Name), title, "Par.CampaignName");
        errors.MaxLength(nameof(Name), title, NameMaxLength);
        if (appraisalDue < selfDue)
        {
            errors.Add(nameof(AppraisalDue), "Par.AppraisalBeforeSelf");
        }

        if (explanationDue < selfDue)
        {
            errors.Add(nameof(ExplanationDue), "Par.ExplanationBeforeSelf");
        }

        errors.ThrowIfAny();
        Year = year;
        Name = title;
        SelfAssessmentDue = selfDue;
        AppraisalDue = appraisalDue;
        ExplanationDue = explanationDue;
    }

    public void Configure(string? bands, bool surveyHeld, string? recipients = null)
    {
        var lines = string.Join('\n', (recipients ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
        if (lines.Length > RecipientsMaxLength)
        {
            throw new DomainValidationException(nameof(Recipients), "Error.MaxLength", RecipientsMaxLength);
        }

        var written = WriteBands(bands);
        Recipients = lines.Length == 0 ? null : lines;
        Bands = written;
        SurveyHeld = surveyHeld;
    }

    public const int SurveyLinksMaxLength = 4000;

    /// <summary>Which survey index gives each survey-scored criterion its points, a line each: "8.1 = DV | 90=10;80=8;0=5" (no rule: max × index / 100).</summary>
    public string? SurveyLinks { get; private set; }

    public IReadOnlyList<SurveyLink> SurveyLinkList => SurveyLink.ParseAll(SurveyLinks).Links;

    public void LinkSurvey(string? text)
    {
        var (_, errors) = SurveyLink.ParseAll(text);
        if (errors.Count > 0)
        {
            throw new DomainValidationException(errors);
        }

        var t = (text ?? "").Trim();
        SurveyLinks = t.Length == 0 ? null : t.Length > SurveyLinksMaxLength ? throw new DomainValidationException("SurveyLinks", "Error.MaxLength", SurveyLinksMaxLength) : t;
    }

    public void Publish(DateTime now) => PublishedAt ??= now;

    public void Unpublish() => PublishedAt = null;

    public IReadOnlyList<(decimal Min, string Label)> BandList => ParseBands(Bands) ?? [];

    /// <summary>Bands as stored ("90=A;80=B", highest first); refused beside the Bands field when unreadable or too long.</summary>
    public static string WriteBands(string? text)
    {
        var parsed = ParseBands(text) ?? throw new DomainValidationException(nameof(Bands), "Par.BandsInvalid");
        var written = string.Join(';', parsed.Select(b => ParCalculator.Format(b.Min) + "=" + b.Label));
        return written.Length > BandsMaxLength ? throw new DomainValidationException(nameof(Bands), "Error.MaxLength", BandsMaxLength) : written;
    }

    /// <summary>"90=A;80=B" → [(90, A), (80, B)], highest first; null when a pair is not "number=label" or a minimum repeats.</summary>
    public static IReadOnlyList<(decimal Min, string Label)>? ParseBands(string? text)
    {
        var list = new List<(decimal, string)>();
        foreach (var pair in (text ?? "").Split([';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var kv = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            if (kv.Length != 2 || FrameworkReader.Number(kv[0]) is not { } min || min is < 0 or > 100 || kv[1].Length is 0 or > 40)
            {
                return null;
            }

            list.Add((min, kv[1]));
        }

        return list.Count == 0 || list.Select(b => b.Item1).Distinct().Count() != list.Count ? null : list.OrderByDescending(b => b.Item1).ToList();
    }
}
