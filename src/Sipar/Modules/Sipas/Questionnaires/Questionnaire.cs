namespace Sipar.Modules.Sipas;

/// <summary>
/// A questionnaire version, stored as the JSON it was imported from. It cannot change once a response uses it: a change is a
/// new version (same code, higher number) whose item codes map to the previous version's.
/// </summary>
internal sealed class Questionnaire
{
    public const int NameMaxLength = 300;

    private QuestionnaireDocument? document;

    private Questionnaire()
    {
    }

    public Guid Id { get; private set; }

    public string Code { get; private set; } = "";

    public int Version { get; private set; }

    public string Name { get; private set; } = "";

    public QuestionnaireKind Kind { get; private set; }

    /// <summary>The questionnaire file (the same JSON the export gives back).</summary>
    public string Content { get; private set; } = "";

    /// <summary>The item codes in order, comma-separated: the order of a response's <see cref="Response.Answers"/>.</summary>
    public string ItemCodes { get; private set; } = "";

    public Guid? PreviousId { get; private set; }

    public DateTime ImportedAt { get; private set; }

    public QuestionnaireDocument Document => document ??= QuestionnaireDocument.Parse(Content);

    public static Questionnaire Create(QuestionnaireDocument doc, Guid? previousId, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(doc);
        var q = new Questionnaire { Id = Guid.CreateVersion7(), PreviousId = previousId, ImportedAt = at };
        q.Fill(doc);
        return q;
    }

    /// <summary>Only for a version no response uses yet (the caller checks).</summary>
    public void Replace(QuestionnaireDocument doc, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(doc);
        Fill(doc);
        ImportedAt = at;
    }

    private void Fill(QuestionnaireDocument doc)
    {
        Code = doc.Code;
        Version = doc.Version;
        Name = doc.Name.Length > NameMaxLength ? doc.Name[..NameMaxLength] : doc.Name;
        Kind = doc.Kind;
        Content = doc.ToJson();
        ItemCodes = string.Join(',', doc.Items.Select(i => i.Code));
        document = doc;
    }
}
