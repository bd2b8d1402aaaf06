namespace Sipar.Modules.Sipas;

internal enum ResponseChannel
{
    Online,
    Paper,
    Phone,
}

/// <summary>Review: new responses without a flag are valid; flagged ones wait for a reviewer; rejected ones stay, with the reason.</summary>
internal enum ReviewState
{
    Valid,
    HasIssues,
    Rejected,
}

internal enum RecheckState
{
    None,
    Selected,
    Confirmed,
    Differs,
    Unreachable,
}

/// <summary>
/// One questionnaire answered: the answers as one character per item of its version ('1'…'9' the level, '0' "không trả lời",
/// '-' not answered), the profile, the expectations, the free text, the channel, timing, the validity flags, the review and
/// the re-check. A response is never deleted; an answer changed after review keeps the reason in the audit trail.
/// </summary>
internal sealed class Response
{
    public const int MaxItems = QuestionnaireDocument.MaxItems;
    public const int TextMaxLength = 2000;

    private Response()
    {
    }

    public Guid Id { get; private set; }

    public Guid WaveId { get; private set; }

    public Guid? ContactId { get; private set; }

    public Guid QuestionnaireId { get; private set; }

    public ResponseChannel Channel { get; private set; }

    public string Stratum { get; private set; } = "";

    public Guid AgencyId { get; private set; }

    public Guid? UnitId { get; private set; }

    public string ProcedureCode { get; private set; } = "";

    public string Answers { get; private set; } = "";

    /// <summary>Profile answers as "code=option" lines.</summary>
    public string Profile { get; private set; } = "";

    /// <summary>Expectation options chosen, as their 1-based numbers, comma-separated.</summary>
    public string Expectations { get; private set; } = "";

    public string Comments { get; private set; } = "";

    public DateTime StartedAt { get; private set; }

    public DateTime? SubmittedAt { get; private set; }

    public Guid? EnteredBy { get; private set; }

    public ReviewState Review { get; private set; }

    public string? ReviewReason { get; private set; }

    /// <summary>Validity flags raised when submitted, comma-separated (<see cref="ValidityRules"/>).</summary>
    public string Flags { get; private set; } = "";

    public RecheckState Recheck { get; private set; }

    public string? RecheckNote { get; private set; }

    /// <summary>Answers changed after review, one line each: when, who, item, from → to, and the reason.</summary>
    public string Corrections { get; private set; } = "";

    /// <summary>Whether a response counts in the indices and exports: submitted, valid and not failed at re-check (one rule, used by every query).</summary>
    public static readonly System.Linq.Expressions.Expression<Func<Response, bool>> Counts =
        r => r.SubmittedAt != null && r.Review == ReviewState.Valid && r.Recheck != RecheckState.Differs;

    /// <summary>Profile answers stored as "code=option" lines, by code.</summary>
    public static Dictionary<string, string> Lines(string text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);

    public static Response Start(Guid waveId, Guid questionnaireId, Contact? contact, ResponseChannel channel, int items, DateTime at, Guid? by) => new()
    {
        Id = Guid.CreateVersion7(),
        WaveId = waveId,
        QuestionnaireId = questionnaireId,
        ContactId = contact?.Id,
        Stratum = contact?.Stratum ?? "",
        AgencyId = contact?.AgencyId ?? Guid.Empty,
        UnitId = contact?.UnitId,
        ProcedureCode = contact?.ProcedureCode ?? "",
        Channel = channel,
        Answers = new string('-', items),
        StartedAt = at,
        EnteredBy = by,
    };

    public void Place(Guid agencyId, Guid? unitId, string procedureCode, string stratum)
    {
        AgencyId = agencyId;
        UnitId = unitId;
        ProcedureCode = procedureCode;
        Stratum = stratum;
    }

    public void Fill(string answers, string profile, string expectations, string? comments)
    {
        Answers = answers;
        Profile = profile;
        Expectations = expectations;
        Comments = (comments ?? "").Trim() is { } c && c.Length > TextMaxLength ? c[..TextMaxLength] : (comments ?? "").Trim();
    }

    public void Submit(DateTime at, IReadOnlyList<string> flags)
    {
        SubmittedAt = at;
        Flags = string.Join(',', flags);
        Review = flags.Count == 0 ? ReviewState.Valid : ReviewState.HasIssues;
    }

    public void Reviewed(ReviewState state, string? reason)
    {
        Review = state;
        ReviewReason = reason;
    }

    public void SelectForRecheck() => Recheck = RecheckState.Selected;

    /// <summary>Changes one answer after review; the reason is required and kept with the response (and the audit keeps before/after).</summary>
    public void Correct(int index, char value, string reason, string who, DateTime at)
    {
        var old = Answers[index];
        var chars = Answers.ToCharArray();
        chars[index] = value;
        Answers = new string(chars);
        var line = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{at:yyyy-MM-dd HH:mm} {who}: #{index + 1} {old}→{value} ({reason})");
        var all = Corrections.Length == 0 ? line : Corrections + "\n" + line;
        Corrections = all.Length > CorrectionsMaxLength ? all[^CorrectionsMaxLength..] : all;
    }

    public const int CorrectionsMaxLength = 4000;

    public void Rechecked(RecheckState outcome, string? note)
    {
        Recheck = outcome;
        RecheckNote = note;
    }
}
