using Sipar.Infrastructure.Errors;

namespace Sipar.Modules.Plans;

/// <summary>Part III.2 of the plan: the office reports units that are late, not implementing, or formal/ineffective.</summary>
internal enum UnitFlagKind
{
    /// <summary>Triển khai chậm.</summary>
    Late,

    /// <summary>Không triển khai thực hiện.</summary>
    NotImplementing,

    /// <summary>Hình thức, không hiệu quả.</summary>
    Ineffective,
}

/// <summary>Đôn đốc: the office reminds a unit of its tasks (in Sipar, and by email when SMTP is configured).</summary>
internal sealed class Reminder
{
    public const int MessageMaxLength = 2000;

    private Reminder()
    {
    }

    public Guid Id { get; private set; }

    public Guid PlanId { get; private set; }

    public Guid UnitId { get; private set; }

    public Guid? TaskId { get; private set; }

    public string Message { get; private set; } = "";

    public DateTime SentAt { get; private set; }

    public Guid SentBy { get; private set; }

    public DateTime? ReadAt { get; private set; }

    public int EmailsSent { get; private set; }

    public static Reminder Send(Guid planId, Guid unitId, Guid? taskId, string message, Guid sentBy, DateTime at)
    {
        var text = (message ?? "").Trim();
        var errors = new ValidationErrors();
        errors.Required(nameof(Message), text, "FollowUp.MessageLabel");
        errors.MaxLength(nameof(Message), text, MessageMaxLength);
        errors.ThrowIfAny();
        return new Reminder { Id = Guid.CreateVersion7(), PlanId = planId, UnitId = unitId, TaskId = taskId, Message = text, SentBy = sentBy, SentAt = at };
    }

    public void MarkRead(DateTime at) => ReadAt ??= at;

    public void RecordEmails(int count) => EmailsSent = count;
}

/// <summary>A unit flagged by the office with a reason; leadership sees the flags on the plan.</summary>
internal sealed class UnitFlag
{
    public const int ReasonMaxLength = 2000;

    private UnitFlag()
    {
    }

    public Guid Id { get; private set; }

    public Guid PlanId { get; private set; }

    public Guid UnitId { get; private set; }

    public UnitFlagKind Kind { get; private set; }

    public string Reason { get; private set; } = "";

    public DateTime At { get; private set; }

    public Guid By { get; private set; }

    public static UnitFlag Raise(Guid planId, Guid unitId, UnitFlagKind kind, string reason, Guid by, DateTime at)
    {
        var text = (reason ?? "").Trim();
        var errors = new ValidationErrors();
        if (!Enum.IsDefined(kind))
        {
            errors.Add(nameof(Kind), "Error.Invalid");
        }

        errors.Required(nameof(Reason), text, "FollowUp.ReasonLabel");
        errors.MaxLength(nameof(Reason), text, ReasonMaxLength);
        errors.ThrowIfAny();
        return new UnitFlag { Id = Guid.CreateVersion7(), PlanId = planId, UnitId = unitId, Kind = kind, Reason = text, By = by, At = at };
    }
}
