namespace Sipar.Modules.Plans;

/// <summary>
/// What the parser read from a plan document, before a person reviews it. Anything it could not find is null
/// (or empty) and explained in <see cref="Warnings"/>; nothing is invented.
/// </summary>
internal sealed record PlanDraft(
    string? Number,
    string? Symbol,
    string? Issuer,
    string? Place,
    DateOnly? Date,
    int? Year,
    string? Title,
    IReadOnlyList<LegalBasisDraft> LegalBases,
    IReadOnlyList<string> Purposes,
    IReadOnlyList<string> Requirements,
    IReadOnlyList<SectionDraft> Sections,
    IReadOnlyList<DutyDraft> Duties,
    IReadOnlyList<string> Recipients,
    SignerDraft Signer,
    IReadOnlyList<ParseWarning> Warnings)
{
    /// <summary>The plan's own targets, read from its purposes ("Mục tiêu" / "Chỉ tiêu" lines).</summary>
    public IReadOnlyList<TargetDraft> Targets => PlanTextParser.PlanTargets(Purposes);
}

/// <summary>Căn cứ: a document the plan implements or cites.</summary>
internal sealed record LegalBasisDraft(string Type, string Number, DateOnly? Date, string? Issuer, string Text);

/// <summary>Nội dung (mục II.x): one lead unit (chủ trì), coordinating units (phối hợp) and tasks.</summary>
internal sealed record SectionDraft(string Code, string Heading, string? LeadUnit, IReadOnlyList<string> CoordinatingUnits, IReadOnlyList<TaskDraft> Tasks);

/// <summary>Nhiệm vụ: the text of a bullet, the measurable targets it states, and the documents it refers to (the task's, not the plan's legal bases).</summary>
internal sealed record TaskDraft(string Text, IReadOnlyList<TargetDraft> Targets, IReadOnlyList<string>? References = null);

/// <summary>Chỉ tiêu: a value such as <c>100%</c> and what it measures.</summary>
internal sealed record TargetDraft(string Value, string Measure);

/// <summary>Part III (Tổ chức thực hiện): who must do what to carry the plan out.</summary>
internal sealed record DutyDraft(string Code, string Heading, string Text);

/// <summary>The signer block: title (GIÁM ĐỐC, KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC…) and name.</summary>
internal sealed record SignerDraft(string? Title, string? Name);

/// <summary>Something missing or doubtful, in Vietnamese, with a stable code.</summary>
internal sealed record ParseWarning(string Code, string Message);
