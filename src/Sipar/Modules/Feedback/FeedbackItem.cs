using System.Security.Cryptography;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Localization;
using Sipar.Modules.Calendar;

namespace Sipar.Modules.Feedback;

/// <summary>Where a feedback item is in its handling (one explicit state machine, <see cref="FeedbackStates"/>).</summary>
internal enum FeedbackStatus
{
    /// <summary>Tiếp nhận: waiting to be classified.</summary>
    Received,

    /// <summary>Thụ lý: in scope, waiting for a unit.</summary>
    Classified,

    /// <summary>Out of scope: referred to the competent body, the sender told (closed).</summary>
    Referred,

    /// <summary>Giao đơn vị: a unit prepares the answer.</summary>
    Assigned,

    /// <summary>The unit's answer waits for a leader.</summary>
    Answered,

    /// <summary>Approved by a leader: waits to be sent.</summary>
    Approved,

    /// <summary>Answer sent to the sender (published or not).</summary>
    Closed,

    /// <summary>Merged into another item (a duplicate).</summary>
    Merged,
}

/// <summary>How the feedback came in.</summary>
internal enum FeedbackChannel
{
    /// <summary>The public form or API.</summary>
    Web,
    Hotline,
    Letter,
    Email,
    InPerson,
}

/// <summary>What happened to a feedback item (its timeline).</summary>
internal enum FeedbackAction
{
    Receive,
    Classify,
    Refer,
    Assign,
    Answer,
    ReturnToUnit,
    Approve,
    Send,
    Reopen,
    Rate,
    Merge,
    MergedFrom,
    Remind,
    Escalate,
    Flag,
    AddToPlan,
}

/// <summary>The one table of legal moves: from a status, an action leads to a status. Anything else is refused.</summary>
internal static class FeedbackStates
{
    public static readonly IReadOnlyDictionary<(FeedbackStatus From, FeedbackAction Action), FeedbackStatus> Moves =
        new Dictionary<(FeedbackStatus, FeedbackAction), FeedbackStatus>
        {
            [(FeedbackStatus.Received, FeedbackAction.Classify)] = FeedbackStatus.Classified,
            [(FeedbackStatus.Received, FeedbackAction.Refer)] = FeedbackStatus.Referred,
            [(FeedbackStatus.Received, FeedbackAction.Merge)] = FeedbackStatus.Merged,
            [(FeedbackStatus.Classified, FeedbackAction.Assign)] = FeedbackStatus.Assigned,
            [(FeedbackStatus.Classified, FeedbackAction.Merge)] = FeedbackStatus.Merged,
            [(FeedbackStatus.Assigned, FeedbackAction.Assign)] = FeedbackStatus.Assigned,
            [(FeedbackStatus.Assigned, FeedbackAction.Answer)] = FeedbackStatus.Answered,
            [(FeedbackStatus.Assigned, FeedbackAction.Merge)] = FeedbackStatus.Merged,
            [(FeedbackStatus.Answered, FeedbackAction.Approve)] = FeedbackStatus.Approved,
            [(FeedbackStatus.Answered, FeedbackAction.ReturnToUnit)] = FeedbackStatus.Assigned,
            [(FeedbackStatus.Approved, FeedbackAction.Send)] = FeedbackStatus.Closed,
            [(FeedbackStatus.Approved, FeedbackAction.ReturnToUnit)] = FeedbackStatus.Assigned,
            [(FeedbackStatus.Closed, FeedbackAction.Reopen)] = FeedbackStatus.Assigned,
            [(FeedbackStatus.Closed, FeedbackAction.Rate)] = FeedbackStatus.Closed,
        };

    public static bool IsOpen(FeedbackStatus s) => s is not (FeedbackStatus.Closed or FeedbackStatus.Referred or FeedbackStatus.Merged);

    /// <summary>The open statuses, for queries (what <see cref="IsOpen"/> says, in SQL).</summary>
    public static readonly FeedbackStatus[] Open = Enum.GetValues<FeedbackStatus>().Where(IsOpen).ToArray();

    /// <summary>The day the current step is due: classification while received, the answer while open, none once closed.</summary>
    public static DateOnly? DueOf(FeedbackStatus status, DateOnly classifyDue, DateOnly? answerDue) =>
        status == FeedbackStatus.Received ? classifyDue : IsOpen(status) ? answerDue : null;

    /// <summary>Open items whose current step is due before <paramref name="day"/> (<see cref="DueOf"/>, in SQL).</summary>
    public static System.Linq.Expressions.Expression<Func<FeedbackItem, bool>> DueBefore(DateOnly day) =>
        f => Open.Contains(f.Status) && (f.Status == FeedbackStatus.Received ? (DateOnly?)f.ClassifyDue : f.AnswerDue) < day;
}

/// <summary>
/// Phản ánh, kiến nghị: one citizen's feedback to an agency, from intake to the answer sent, on the working-day
/// clock. Every change is a domain action that checks the move in <see cref="FeedbackStates"/> and records a step.
/// Nothing is ever deleted: an item is closed, referred or merged.
/// </summary>
internal sealed class FeedbackItem : IAggregateRoot
{
    public const int CodeLength = 11;
    public const int SecretLength = 6;
    public const int DescriptionMinLength = 10;
    public const int DescriptionMaxLength = 4000;
    public const int AnswerMaxLength = 8000;
    public const int NameMaxLength = 200;
    public const int PhoneMaxLength = 20;
    public const int EmailMaxLength = 254;
    public const int NoteMaxLength = 2000;
    public const int ReferMaxLength = 300;

    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private readonly List<FeedbackStep> steps = [];
    private readonly List<FeedbackAttachment> attachments = [];

    private FeedbackItem()
    {
    }

    public Guid Id { get; private set; }

    public Guid AgencyId { get; private set; }

    /// <summary>Mã phản ánh: PA + 9 letters and digits (no 0/O, 1/I), e.g. <c>PA7KX3M9QDR</c>.</summary>
    public string Code { get; private set; } = "";

    /// <summary>With the code, it opens the item to its sender (masked in the audit trail).</summary>
    public string LookupSecret { get; private set; } = "";

    public Guid CategoryId { get; private set; }

    /// <summary>A conduct complaint: seen only by leaders and the office, never by the unit it names.</summary>
    public bool IsConduct { get; private set; }

    public FeedbackChannel Channel { get; private set; }

    public string? ProcedureCode { get; private set; }

    public string? ProcedureName { get; private set; }

    public string? DossierCode { get; private set; }

    public string Description { get; private set; } = "";

    public bool Anonymous { get; private set; }

    public string? SenderName { get; private set; }

    public string? SenderPhone { get; private set; }

    public string? SenderEmail { get; private set; }

    public bool ConsentToPublish { get; private set; }

    public FeedbackStatus Status { get; private set; }

    public DateTime ReceivedAt { get; private set; }

    /// <summary>The receipt day (day 0 of the clock; the next working day when it came on a day off).</summary>
    public DateOnly ReceivedOn { get; private set; }

    public DateOnly ClassifyDue { get; private set; }

    public DateOnly? ClassifiedOn { get; private set; }

    /// <summary>Null until classified; false when referred out of scope.</summary>
    public bool? InScope { get; private set; }

    public string? ReferredTo { get; private set; }

    /// <summary>The day the answer is due (set when classified in scope, again when reopened).</summary>
    public DateOnly? AnswerDue { get; private set; }

    public Guid? UnitId { get; private set; }

    /// <summary>For a conduct complaint: the unit whose official it names (the item is never assigned to it nor shown to it).</summary>
    public Guid? NamedUnitId { get; private set; }

    public string? Answer { get; private set; }

    public DateTime? AnsweredAt { get; private set; }

    public string? PublicQuestion { get; private set; }

    public string? PublicAnswer { get; private set; }

    /// <summary>Concerns the sender's personal matters: never published, even with consent.</summary>
    public bool PersonalMatter { get; private set; }

    public DateTime? ApprovedAt { get; private set; }

    public Guid? ApprovedBy { get; private set; }

    public DateOnly? SentOn { get; private set; }

    public bool Published { get; private set; }

    public DateTime? PublishedAt { get; private set; }

    /// <summary>Working days from the receipt day to the day the answer was sent.</summary>
    public int? HandlingDays { get; private set; }

    /// <summary>Sent on or before <see cref="AnswerDue"/> (null while open).</summary>
    public bool? OnTime { get; private set; }

    public bool? Satisfied { get; private set; }

    public string? RatingReason { get; private set; }

    public DateTime? RatedAt { get; private set; }

    /// <summary>An unsatisfied rating after the reopening window: the office looks again.</summary>
    public bool Flagged { get; private set; }

    public int ReopenCount { get; private set; }

    public Guid? MergedIntoId { get; private set; }

    public DateOnly? ReminderSentOn { get; private set; }

    public DateOnly? EscalatedOn { get; private set; }

    public Guid? EnteredBy { get; private set; }

    /// <summary>Code, procedure and description without diacritics, for the staff's search.</summary>
    public string SearchText { get; private set; } = "";

    /// <summary>The published question and answer without diacritics, for the public search.</summary>
    public string PublicText { get; private set; } = "";

    public IReadOnlyList<FeedbackStep> Steps => steps;

    public IReadOnlyList<FeedbackAttachment> Attachments => attachments;

    /// <summary>The day the current step is due: classification while received, the answer after.</summary>
    public DateOnly? CurrentDue => FeedbackStates.DueOf(Status, ClassifyDue, AnswerDue);

    public bool IsOpen => FeedbackStates.IsOpen(Status);

    /// <summary>Records a new item; the code and secret are made here (the caller retries on the rare duplicate code).</summary>
    public static FeedbackItem Receive(Guid agencyId, FeedbackCategory category, FeedbackIntakeInput input, FeedbackChannel channel, DateTime now, WorkingDayCalendar calendar, Guid? enteredBy)
    {
        ArgumentNullException.ThrowIfNull(category);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(calendar);
        var day0 = calendar.ReceiptDay(Infrastructure.Time.VietnamTime.Local(now), null);
        var item = new FeedbackItem
        {
            Id = Guid.CreateVersion7(),
            AgencyId = agencyId,
            Code = "PA" + RandomNumberGenerator.GetString(Alphabet, CodeLength - 2),
            LookupSecret = RandomNumberGenerator.GetString(Alphabet, SecretLength),
            CategoryId = category.Id,
            IsConduct = category.IsConduct,
            Channel = channel,
            ProcedureCode = input.ProcedureCode,
            ProcedureName = input.ProcedureName,
            DossierCode = input.DossierCode,
            Description = input.Description,
            Anonymous = input.Anonymous,
            SenderName = input.Anonymous ? null : input.Name,
            SenderPhone = input.Anonymous ? null : input.Phone,
            SenderEmail = input.Anonymous ? null : input.Email,
            ConsentToPublish = input.ConsentToPublish,
            Status = FeedbackStatus.Received,
            ReceivedAt = now,
            ReceivedOn = day0,
            ClassifyDue = calendar.AddWorkingDays(day0, Math.Max(0, category.ClassifyDays)),
            EnteredBy = enteredBy,
        };
        item.SearchText = VietnameseText.Fold(string.Join(' ', item.Code, item.ProcedureCode, item.ProcedureName, item.DossierCode, item.Description));
        item.Step(FeedbackAction.Receive, now, enteredBy, channel == FeedbackChannel.Web ? null : channel.ToString());
        return item;
    }

    public void Attach(FeedbackAttachment attachment) => attachments.Add(attachment);

    /// <summary>Thụ lý: in scope; the answer is due <paramref name="answerDays"/> working days after today.</summary>
    public void Classify(FeedbackCategory category, Guid? namedUnitId, DateOnly today, int answerDays, WorkingDayCalendar calendar, DateTime now, Guid? by)
    {
        ArgumentNullException.ThrowIfNull(category);
        ArgumentNullException.ThrowIfNull(calendar);
        var next = Next(FeedbackAction.Classify);
        CategoryId = category.Id;
        IsConduct = category.IsConduct;
        NamedUnitId = category.IsConduct ? namedUnitId : null;
        InScope = true;
        ClassifiedOn = today;
        AnswerDue = calendar.AddWorkingDays(today, Math.Max(1, answerDays));
        Status = next;
        Step(FeedbackAction.Classify, now, by, category.Code);
    }

    /// <summary>Out of scope: referred to the competent body with a notice to the sender; the item closes.</summary>
    public void Refer(string? referredTo, string? note, DateOnly today, DateTime now, Guid? by)
    {
        var next = Next(FeedbackAction.Refer);
        var to = Required(referredTo, "ReferredTo", ReferMaxLength);
        var extra = Optional(note, "Note", NoteMaxLength);
        ReferredTo = to;
        InScope = false;
        ClassifiedOn = today;
        Status = next;
        Step(FeedbackAction.Refer, now, by, extra is null ? to : to + " — " + extra);
    }

    public void Assign(Guid unitId, DateTime now, Guid? by)
    {
        var next = Next(FeedbackAction.Assign);
        if (IsConduct && NamedUnitId == unitId)
        {
            throw new DomainValidationException("UnitId", "Feedback.NotToNamedUnit");
        }

        UnitId = unitId;
        Status = next;
        Step(FeedbackAction.Assign, now, by, null);
    }

    public void WriteAnswer(string? answer, DateTime now, Guid? by)
    {
        var next = Next(FeedbackAction.Answer);
        Answer = Required(answer, "Answer", AnswerMaxLength);
        AnsweredAt = now;
        Status = next;
        Step(FeedbackAction.Answer, now, by, null);
    }

    /// <summary>A leader sends the answer back to the unit with a reason (from answered or approved).</summary>
    public void ReturnToUnit(string? reason, DateTime now, Guid? by)
    {
        var next = Next(FeedbackAction.ReturnToUnit);
        var why = Required(reason, "Reason", NoteMaxLength);
        ApprovedAt = null;
        ApprovedBy = null;
        Status = next;
        Step(FeedbackAction.ReturnToUnit, now, by, why);
    }

    /// <summary>A leader approves the answer and the texts that will be public (personal data removed by them).</summary>
    public void Approve(string? answer, string? publicQuestion, string? publicAnswer, bool personalMatter, DateTime now, Guid? by)
    {
        var next = Next(FeedbackAction.Approve);
        Answer = Required(answer ?? Answer, "Answer", AnswerMaxLength);
        PersonalMatter = personalMatter;
        if (WillPublish)
        {
            PublicQuestion = Required(publicQuestion, "PublicQuestion", DescriptionMaxLength);
            PublicAnswer = Required(publicAnswer, "PublicAnswer", AnswerMaxLength);
        }
        else
        {
            PublicQuestion = null;
            PublicAnswer = null;
        }

        ApprovedAt = now;
        ApprovedBy = by;
        Status = next;
        Step(FeedbackAction.Approve, now, by, null);
    }

    /// <summary>Published once sent: the sender consented and it is not a personal matter.</summary>
    public bool WillPublish => ConsentToPublish && !PersonalMatter;

    /// <summary>The answer goes to the sender; published when <see cref="WillPublish"/>, closed without publication otherwise.</summary>
    public void Send(DateOnly today, WorkingDayCalendar calendar, DateTime now, Guid? by)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var next = Next(FeedbackAction.Send);
        SentOn = today;
        HandlingDays = Math.Max(0, calendar.CountWorkingDays(ReceivedOn, today));
        OnTime = AnswerDue is { } due && today <= due;
        if (WillPublish)
        {
            Published = true;
            PublishedAt ??= now;
            PublicText = VietnameseText.Fold(PublicQuestion + " " + PublicAnswer);
        }

        Status = next;
        Step(FeedbackAction.Send, now, by, WillPublish ? "published" : null);
    }

    /// <summary>Whether the sender may still reopen: within <paramref name="windowDays"/> working days of the answer.</summary>
    public bool CanReopen(DateOnly today, int windowDays, WorkingDayCalendar calendar) =>
        Status == FeedbackStatus.Closed && SentOn is { } sent && InScope == true && calendar.CountWorkingDays(sent, today) <= windowDays;

    public bool CanRate => Status == FeedbackStatus.Closed && InScope == true && (RatedAt is null || RatedAt < ApprovedAt);

    /// <summary>The sender rates the answer; unsatisfied within the window reopens it, after the window flags it for the office.</summary>
    public void Rate(bool? satisfied, string? reason, bool mayReopen, DateOnly today, int answerDays, WorkingDayCalendar calendar, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (!CanRate)
        {
            throw new DomainValidationException("", "Feedback.CannotRate");
        }

        if (satisfied is not { } s)
        {
            throw new DomainValidationException("Satisfied", "Feedback.ChooseRating");
        }

        var why = Optional(reason, "Reason", NoteMaxLength);
        if (!s && why is null)
        {
            throw new DomainValidationException("Reason", "Feedback.ReasonRequired");
        }

        Satisfied = s;
        RatingReason = why;
        RatedAt = now;
        Step(FeedbackAction.Rate, now, null, s ? "satisfied" : "unsatisfied");
        if (!s)
        {
            if (mayReopen)
            {
                Reopen(why, today, answerDays, calendar, now);
            }
            else
            {
                Flagged = true;
                Step(FeedbackAction.Flag, now, null, why);
            }
        }
    }

    /// <summary>Mở lại: back to the unit that answered, with a new answer deadline.</summary>
    public void Reopen(string? reason, DateOnly today, int answerDays, WorkingDayCalendar calendar, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var next = Next(FeedbackAction.Reopen);
        ReopenCount++;
        AnswerDue = calendar.AddWorkingDays(today, Math.Max(1, answerDays));
        SentOn = null;
        OnTime = null;
        HandlingDays = null;
        ReminderSentOn = null;
        EscalatedOn = null;
        Status = next;
        Step(FeedbackAction.Reopen, now, null, reason);
    }

    /// <summary>A duplicate: merged into <paramref name="target"/>, which keeps a step naming this one.</summary>
    public void MergeInto(FeedbackItem target, DateTime now, Guid? by)
    {
        ArgumentNullException.ThrowIfNull(target);
        var next = Next(FeedbackAction.Merge);
        if (target.Id == Id || target.AgencyId != AgencyId || target.Status == FeedbackStatus.Merged)
        {
            throw new DomainValidationException("Target", "Feedback.BadMergeTarget");
        }

        Status = next;
        MergedIntoId = target.Id;
        Step(FeedbackAction.Merge, now, by, target.Code);
        target.Step(FeedbackAction.MergedFrom, now, by, Code);
    }

    public void Remind(DateOnly today, DateTime now)
    {
        ReminderSentOn = today;
        Step(FeedbackAction.Remind, now, null, null);
    }

    public void Escalate(DateOnly today, DateTime now)
    {
        EscalatedOn = today;
        Step(FeedbackAction.Escalate, now, null, null);
    }

    public void NoteAddedToPlan(string text, DateTime now, Guid? by) => Step(FeedbackAction.AddToPlan, now, by, text);

    /// <summary>Checks the move against the table; an illegal one is a Vietnamese message naming the status.</summary>
    private void Move(FeedbackAction action) => Status = Next(action);

    private FeedbackStatus Next(FeedbackAction action) =>
        FeedbackStates.Moves.TryGetValue((Status, action), out var next)
            ? next
            : throw new DomainValidationException("", "Feedback.IllegalMove", new LabelArg("FeedbackAction." + action), new LabelArg("FeedbackStatus." + Status));

    private void Step(FeedbackAction action, DateTime at, Guid? by, string? note) =>
        steps.Add(new FeedbackStep(Id, steps.Count + 1, action, at, by, note));

    internal static string Required(string? value, string field, int max) =>
        Optional(value, field, max) ?? throw new DomainValidationException(field, "Feedback.Required");

    internal static string? Optional(string? value, string field, int max)
    {
        var v = value?.Trim();
        if (string.IsNullOrEmpty(v))
        {
            return null;
        }

        return v.Length <= max ? v : throw new DomainValidationException(field, "Error.MaxLength", max);
    }
}

/// <summary>One line of an item's timeline.</summary>
internal sealed class FeedbackStep
{
    private FeedbackStep()
    {
    }

    public FeedbackStep(Guid feedbackId, int order, FeedbackAction action, DateTime at, Guid? by, string? note)
    {
        Id = Guid.CreateVersion7();
        FeedbackId = feedbackId;
        Order = order;
        Action = action;
        At = at;
        By = by;
        Note = note is { Length: > FeedbackItem.NoteMaxLength + FeedbackItem.ReferMaxLength + 3 } ? note[..(FeedbackItem.NoteMaxLength + FeedbackItem.ReferMaxLength + 3)] : note;
    }

    public Guid Id { get; private set; }

    public Guid FeedbackId { get; private set; }

    public int Order { get; private set; }

    public FeedbackAction Action { get; private set; }

    public DateTime At { get; private set; }

    public Guid? By { get; private set; }

    public string? Note { get; private set; }

    /// <summary>The steps a sender sees on the lookup (no reminders, escalations or internal returns).</summary>
    public static bool IsPublic(FeedbackAction a) => a is FeedbackAction.Receive or FeedbackAction.Classify or FeedbackAction.Refer or FeedbackAction.Assign
        or FeedbackAction.Send or FeedbackAction.Reopen or FeedbackAction.Rate or FeedbackAction.Merge;
}

/// <summary>A file the sender attached (image or PDF, checked by name, size and content).</summary>
internal sealed class FeedbackAttachment
{
    private FeedbackAttachment()
    {
    }

    public FeedbackAttachment(Guid feedbackId, string fileName, string contentType, long size, string storageKey, string sha256)
    {
        Id = Guid.CreateVersion7();
        FeedbackId = feedbackId;
        FileName = fileName;
        ContentType = contentType;
        Size = size;
        StorageKey = storageKey;
        Sha256 = sha256;
    }

    public Guid Id { get; private set; }

    public Guid FeedbackId { get; private set; }

    public string FileName { get; private set; } = "";

    public string ContentType { get; private set; } = "";

    public long Size { get; private set; }

    public string StorageKey { get; private set; } = "";

    public string Sha256 { get; private set; } = "";
}

/// <summary>A category of feedback (data): its deadlines in working days and whether it is about an official's conduct.</summary>
internal sealed class FeedbackCategory
{
    public const int CodeMaxLength = 40;
    public const int NameMaxLength = 200;

    private FeedbackCategory()
    {
    }

    public FeedbackCategory(Guid id, string code, string name, string nameEn, int order, bool isConduct, int classifyDays = 2, int answerDays = 10)
    {
        Id = id;
        Code = code;
        Name = name;
        NameEn = nameEn;
        Order = order;
        IsConduct = isConduct;
        ClassifyDays = classifyDays;
        AnswerDays = answerDays;
        Active = true;
    }

    public Guid Id { get; private set; }

    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    public string NameEn { get; private set; } = "";

    public int Order { get; private set; }

    public bool IsConduct { get; private set; }

    /// <summary>Working days to classify (default 2).</summary>
    public int ClassifyDays { get; private set; }

    /// <summary>Working days to answer after classification (default 10).</summary>
    public int AnswerDays { get; private set; }

    public bool Active { get; private set; }

    public void Change(string? name, int classifyDays, int answerDays, bool active, string? nameEn = null)
    {
        Name = FeedbackItem.Required(name, "Name", NameMaxLength);
        if (nameEn is not null)
        {
            NameEn = FeedbackItem.Required(nameEn, "NameEn", NameMaxLength);
        }

        if (classifyDays is < 1 or > 30)
        {
            throw new DomainValidationException("ClassifyDays", "Feedback.DaysRange", 1, 30);
        }

        if (answerDays is < 1 or > 90)
        {
            throw new DomainValidationException("AnswerDays", "Feedback.DaysRange", 1, 90);
        }

        ClassifyDays = classifyDays;
        AnswerDays = answerDays;
        Active = active;
    }

    /// <summary>The five categories the issue names, seeded by the migration (fixed ids).</summary>
    public static readonly IReadOnlyList<FeedbackCategory> Defaults =
    [
        new(new Guid("0195a000-0000-7000-8000-000000000001"), "thu-tuc", "Quy định, thủ tục hành chính và giấy tờ", "Procedure rules and paperwork", 1, false),
        new(new Guid("0195a000-0000-7000-8000-000000000002"), "cong-vu", "Hành vi, thái độ của cán bộ (kể cả đòi tiền ngoài phí, lệ phí)", "Conduct of officials (including money beyond the fees)", 2, true),
        new(new Guid("0195a000-0000-7000-8000-000000000003"), "chat-luong", "Chất lượng phục vụ, cơ sở vật chất", "Service quality and facilities", 3, false),
        new(new Guid("0195a000-0000-7000-8000-000000000004"), "truc-tuyen", "Dịch vụ công trực tuyến", "Online services", 4, false),
        new(new Guid("0195a000-0000-7000-8000-000000000005"), "khac", "Khác", "Other", 5, false),
    ];
}

/// <summary>What a sender (or the staff member entering it) gives; checked by the intake before anything is saved.</summary>
internal sealed record FeedbackIntakeInput(
    Guid CategoryId, string Description, string? ProcedureCode, string? ProcedureName, string? DossierCode, string? Name, string? Phone, string? Email,
    bool Anonymous, bool ConsentToPublish);
