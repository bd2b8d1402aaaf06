namespace Sipar.Modules.Sipas;

/// <summary>
/// One keying of a paper questionnaire. Each form is keyed twice by two different survey staff; when the two agree the
/// form becomes a response, when they differ a third keying (after looking at the paper) settles it.
/// </summary>
internal sealed class PaperEntry
{
    public const int FormNumberMaxLength = 30;

    private PaperEntry()
    {
    }

    public Guid Id { get; private set; }

    public Guid WaveId { get; private set; }

    /// <summary>The number on the paper: the invitation's code when the form was handed to a drawn person.</summary>
    public string FormNumber { get; private set; } = "";

    /// <summary>1 and 2 are the two keyings; 3 is the one that settles a mismatch.</summary>
    public int EntryNo { get; private set; }

    public Guid? EnteredBy { get; private set; }

    public DateTime At { get; private set; }

    public string Answers { get; private set; } = "";

    public string Profile { get; private set; } = "";

    public string Expectations { get; private set; } = "";

    public string Comments { get; private set; } = "";

    public Guid? ResponseId { get; private set; }

    public static PaperEntry Of(Guid waveId, string formNumber, int entryNo, Guid? by, DateTime at, Response keyed) => new()
    {
        Id = Guid.CreateVersion7(),
        WaveId = waveId,
        FormNumber = formNumber,
        EntryNo = entryNo,
        EnteredBy = by,
        At = at,
        Answers = keyed.Answers,
        Profile = keyed.Profile,
        Expectations = keyed.Expectations,
        Comments = keyed.Comments,
    };

    public bool SameAs(PaperEntry other) => Answers == other.Answers && Profile == other.Profile && Expectations == other.Expectations;

    /// <summary>The item positions where two keyings differ.</summary>
    public IReadOnlyList<int> Differences(PaperEntry other) => [.. Enumerable.Range(0, Math.Max(Answers.Length, other.Answers.Length))
        .Where(i => i >= Answers.Length || i >= other.Answers.Length || Answers[i] != other.Answers[i])];

    public void Became(Guid responseId) => ResponseId = responseId;
}
