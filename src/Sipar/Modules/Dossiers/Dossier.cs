using System.Security.Cryptography;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Localization;
using Sipar.Infrastructure.Time;
using Sipar.Modules.Calendar;

namespace Sipar.Modules.Dossiers;

/// <summary>Where a dossier is in its life at the one-stop desk.</summary>
internal enum DossierStatus
{
    /// <summary>Received, being checked (chưa tiếp nhận chính thức).</summary>
    Checking,

    /// <summary>Waiting for the documents asked for (form 02).</summary>
    AwaitingSupplement,

    /// <summary>Accepted with a receipt (form 01): waiting to be assigned.</summary>
    Accepted,

    /// <summary>Being processed by a unit.</summary>
    Processing,

    /// <summary>Submitted to the signer.</summary>
    AwaitingSignature,

    /// <summary>Signed: the result waits at the desk (or goes by post).</summary>
    ResultReady,

    /// <summary>Result returned to the citizen.</summary>
    Returned,

    /// <summary>Refused at intake (form 03).</summary>
    Refused,

    /// <summary>Processing stopped (form 05).</summary>
    Stopped,
}

internal enum DossierChannel
{
    /// <summary>Trực tiếp tại Bộ phận Một cửa.</summary>
    Desk,

    /// <summary>Trực tuyến.</summary>
    Online,

    /// <summary>Qua bưu chính.</summary>
    Post,
}

/// <summary>How the result is delivered.</summary>
internal enum ResultDelivery
{
    AtDesk,
    ByPost,
}

/// <summary>
/// While documents asked for during processing are awaited, the clock either pauses (the appointment date moves by the
/// working days waited) or restarts (the full time limit counts again from the day the dossier is complete).
/// </summary>
internal enum SupplementClock
{
    Pause,
    Restart,
}

/// <summary>The form set of the regime in force on the dossier's receipt date.</summary>
internal enum FormSet
{
    /// <summary>Nghị định 61/2018, Thông tư 01/2018/TT-VPCP.</summary>
    Tt01Of2018,

    /// <summary>Nghị định 118/2025, Thông tư 03/2025/TT-VPCP.</summary>
    Tt03Of2025,
}

/// <summary>Trước hạn / đúng hạn / quá hạn.</summary>
internal enum Timeliness
{
    Early,
    OnTime,
    Late,
}

/// <summary>A named action in a dossier's life; each leaves a step in the control sheet (form 06).</summary>
internal enum DossierAction
{
    Receive,
    RequestSupplement,
    CompleteSupplement,
    Accept,
    Refuse,
    Assign,
    SubmitForSignature,
    Sign,
    Return,
    RequestApology,
    ApproveApology,
    Stop,
    Rate,
}

/// <summary>
/// Hồ sơ TTHC: one citizen's dossier, from receipt to return, on the legal working-day clock. One explicit state
/// machine: every method is a domain action that checks the state itself and refuses an illegal move with a
/// Vietnamese reason. It keeps a copy of what the procedure said on the receipt date.
/// </summary>
internal sealed class Dossier : IAggregateRoot
{
    public const int CodeMaxLength = 40;
    public const int SecretLength = 6;
    public const int NameMaxLength = 200;
    public const int ContactMaxLength = 256;
    public const int TextMaxLength = 4000;

    private const string SecretAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private readonly List<DossierStep> steps = [];

    private Dossier()
    {
    }

    public Guid Id { get; private set; }

    public Guid AgencyId { get; private set; }

    /// <summary>Mã hồ sơ, printed on the receipt.</summary>
    public string Code { get; private set; } = "";

    /// <summary>The short secret printed on the receipt: with the code, it opens the dossier to the citizen.</summary>
    public string LookupSecret { get; private set; } = "";

    public Guid ProcedureId { get; private set; }

    public string ProcedureCode { get; private set; } = "";

    public string ProcedureName { get; private set; } = "";

    public string Field { get; private set; } = "";

    public int TimeLimit { get; private set; }

    public TimeLimitUnit TimeLimitUnit { get; private set; }

    public TimeOnly? Cutoff { get; private set; }

    public string RequiredDocuments { get; private set; } = "";

    /// <summary>
    /// The procedure's steps as received ("name | share", one a line); from acceptance each line also holds the step's
    /// due date, counted on the calendar like the appointment date ("name | share | yyyy-MM-dd").
    /// </summary>
    public string StepPlan { get; private set; } = "";

    public long Fee { get; private set; }

    public OnlineLevel OnlineLevel { get; private set; }

    public string ApplicantName { get; private set; } = "";

    /// <summary>Code, applicant and procedure code without diacritics or case, for the register's search.</summary>
    public string SearchText { get; private set; } = "";

    public string? ApplicantPhone { get; private set; }

    public string? ApplicantEmail { get; private set; }

    public string? ApplicantAddress { get; private set; }

    public DossierChannel Channel { get; private set; }

    public DossierStatus Status { get; private set; }

    public FormSet FormSet { get; private set; }

    public DateTime ReceivedAt { get; private set; }

    public Guid? ReceivedBy { get; private set; }

    /// <summary>Documents received, one a line.</summary>
    public string DocumentsReceived { get; private set; } = "";

    public DateTime? AcceptedAt { get; private set; }

    /// <summary>Ngày hẹn trả: computed from the calendar and the procedure, never typed.</summary>
    public DateOnly? AppointmentDate { get; private set; }

    /// <summary>The appointment date before an apology moved it (for "apology issued before the due date").</summary>
    public DateOnly? OriginalAppointmentDate { get; private set; }

    public int SupplementCount { get; private set; }

    /// <summary>What the last request (form 02) listed as missing, one a line.</summary>
    public string? SupplementMissing { get; private set; }

    public DateTime? SupplementRequestedAt { get; private set; }

    /// <summary>Why a leader allowed a second request.</summary>
    public string? SupplementOverrideReason { get; private set; }

    /// <summary>The day the clock stopped while documents are awaited after acceptance.</summary>
    public DateOnly? PausedOn { get; private set; }

    public string? RefusalReason { get; private set; }

    public string? StopReason { get; private set; }

    public Guid? UnitId { get; private set; }

    public Guid? OfficerId { get; private set; }

    /// <summary>The current step's deadline.</summary>
    public DateOnly? StepDue { get; private set; }

    public string? ApologyReason { get; private set; }

    public DateOnly? ApologyNewDate { get; private set; }

    public DateTime? ApologyRequestedAt { get; private set; }

    public DateOnly? ApologyIssuedOn { get; private set; }

    /// <summary>The day the processing unit was asked for the apology letter (once).</summary>
    public DateOnly? ApologyPromptedOn { get; private set; }

    /// <summary>Whether the apology was issued on or before the (original) appointment date.</summary>
    public bool? ApologyOnTime { get; private set; }

    /// <summary>The day the result was ready (signed); it decides early / on time / late.</summary>
    public DateOnly? FinishedOn { get; private set; }

    /// <summary>Working days from acceptance to the result (for the median and p90 figures), set when it finishes.</summary>
    public int? ProcessingDays { get; private set; }

    public DateTime? ReturnedAt { get; private set; }

    /// <summary>When it was returned, refused or stopped.</summary>
    public DateTime? ClosedAt { get; private set; }

    public ResultDelivery? Delivery { get; private set; }

    /// <summary>Set by the feedback module when a complaint names this dossier (QĐ 766 satisfaction).</summary>
    public bool ComplainedAbout { get; private set; }

    /// <summary>The import that last wrote this dossier (from the province's one-stop system); null: received at Sipar's desk.</summary>
    public Guid? ImportRunId { get; private set; }

    /// <summary>A hash of the imported row's values: re-importing the same row changes nothing.</summary>
    public string? ImportHash { get; private set; }

    public int? RatingOverall { get; private set; }

    public bool? RatingOnTime { get; private set; }

    public int? RatingTrips { get; private set; }

    public int? RatingAttitude { get; private set; }

    public int? RatingClarity { get; private set; }

    public string? RatingComment { get; private set; }

    public DateTime? RatedAt { get; private set; }

    public IReadOnlyList<DossierStep> Steps => steps;

    public bool IsClosed => Status is DossierStatus.Returned or DossierStatus.Refused or DossierStatus.Stopped;

    /// <summary>Unsatisfied: rated 1 or 2 on the 5-level scale.</summary>
    public bool IsUnsatisfied => RatingOverall is <= 2;

    /// <summary>Early / on time / late, once finished (returned on the appointment date is on time).</summary>
    public Timeliness? Outcome => FinishedOn is { } f && AppointmentDate is { } due ? Compare(f, due) : null;

    public static Timeliness Compare(DateOnly done, DateOnly due) => done < due ? Timeliness.Early : done == due ? Timeliness.OnTime : Timeliness.Late;

    /// <summary>Tiếp nhận: the dossier is recorded and checked. A desk receipt on a day the desk is closed is refused.</summary>
    public static Dossier Receive(
        Guid agencyId, string code, Procedure procedure, DossierApplicant applicant, DossierChannel channel, DateTime receivedAt,
        bool deskOpen, FormSet formSet, Guid? by)
    {
        ArgumentNullException.ThrowIfNull(procedure);
        ArgumentNullException.ThrowIfNull(applicant);
        var errors = new ValidationErrors();
        var name = (applicant.Name ?? "").Trim();
        errors.Required("ApplicantName", name, "Dossier.ApplicantName");
        errors.MaxLength("ApplicantName", name, NameMaxLength);
        errors.MaxLength("ApplicantPhone", applicant.Phone?.Trim(), ContactMaxLength);
        errors.MaxLength("ApplicantEmail", applicant.Email?.Trim(), ContactMaxLength);
        errors.MaxLength("ApplicantAddress", applicant.Address?.Trim(), ContactMaxLength);
        if (applicant.Email?.Trim() is { Length: > 0 } email && !email.Contains('@', StringComparison.Ordinal))
        {
            errors.Add("ApplicantEmail", "Error.Email");
        }

        if (!Enum.IsDefined(channel))
        {
            errors.Add("Channel", "Error.Invalid");
        }

        if (procedure.AgencyId != agencyId)
        {
            errors.Add("ProcedureId", "Dossier.ProcedureNotOffered");
        }

        if (channel == DossierChannel.Desk && !deskOpen)
        {
            errors.Add("", "Dossier.DeskClosed", Show.Date(VietnamTime.DateOf(receivedAt)));
        }

        errors.ThrowIfAny();
        var dossier = new Dossier
        {
            Id = Guid.CreateVersion7(),
            AgencyId = agencyId,
            Code = code,
            LookupSecret = NewSecret(),
            ProcedureId = procedure.Id,
            ProcedureCode = procedure.Code,
            ProcedureName = procedure.Name,
            Field = procedure.Field,
            TimeLimit = procedure.TimeLimit,
            TimeLimitUnit = procedure.TimeLimitUnit,
            Cutoff = procedure.Cutoff,
            RequiredDocuments = procedure.Documents,
            StepPlan = procedure.Steps,
            Fee = procedure.Fee,
            OnlineLevel = procedure.OnlineLevel,
            ApplicantName = name,
            ApplicantPhone = Clean(applicant.Phone),
            ApplicantEmail = Clean(applicant.Email),
            ApplicantAddress = Clean(applicant.Address),
            Channel = channel,
            Status = DossierStatus.Checking,
            FormSet = formSet,
            ReceivedAt = receivedAt,
            ReceivedBy = by,
            UnitId = procedure.UnitId,
            SearchText = VietnameseText.Fold(code + " " + name + " " + procedure.Code),
        };
        dossier.Step(DossierAction.Receive, receivedAt, by, null, null, null);
        return dossier;
    }

    public IReadOnlyList<string> RequiredList => [.. RequiredDocumentList.Select(d => d.Name)];

    /// <summary>The required documents with their originals and copies, as the procedure said on the receipt date.</summary>
    public IReadOnlyList<RequiredDocument> RequiredDocumentList => RequiredDocument.ParseAll(RequiredDocuments);

    /// <summary>The procedure's steps with their share of the time limit and, once accepted, their due dates.</summary>
    public IReadOnlyList<PlannedStep> PlannedSteps => PlannedStep.Parse(StepPlan);

    /// <summary>The planned step the next hand-over is for (the one after the last step handed over), or null when the procedure lists none.</summary>
    public int? NextPlannedStep
    {
        get
        {
            var plan = PlannedSteps;
            if (plan.Count == 0)
            {
                return null;
            }

            var last = steps.LastOrDefault(s => s.Action == DossierAction.Assign && s.Note is not null)?.Note;
            var index = last is null ? -1 : plan.Select(p => p.Name).ToList().IndexOf(last);
            return Math.Min(index + 1, plan.Count - 1);
        }
    }

    public IReadOnlyList<string> ReceivedList => Lines(DocumentsReceived);

    /// <summary>
    /// Tiếp nhận hồ sơ (form 01): every required document is there; the appointment date is the time limit counted on
    /// the calendar from the receipt day (after the procedure's cut-off, from the next working day).
    /// </summary>
    public void Accept(IReadOnlyCollection<string> documents, WorkingDayCalendar calendar, DateTime now, Guid? by)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(calendar);
        Require(DossierStatus.Checking, "Dossier.CannotAccept");
        var received = documents.Select(d => d.Trim()).Where(d => d.Length > 0).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missing = RequiredList.Where(d => !received.Contains(d)).ToList();
        if (missing.Count > 0)
        {
            throw new DomainValidationException("Documents", "Dossier.DocumentsMissing", string.Join("; ", missing));
        }

        DocumentsReceived = string.Join('\n', RequiredList.Concat(received.Where(r => !RequiredList.Contains(r, StringComparer.OrdinalIgnoreCase))));
        // The dossier counts from when it became complete: its receipt, or the day the documents asked for arrived.
        var from = SupplementCount > 0 ? steps.Last(s => s.Action == DossierAction.CompleteSupplement).At : ReceivedAt;
        AppointmentDate = Due(calendar, from, TimeLimit);
        // Each step is due when the shares so far run out, counted like the appointment date and never after it.
        var cumulative = 0m;
        var planned = string.Join('\n', PlannedSteps.Select(p =>
        {
            cumulative += p.Share;
            var due = Due(calendar, from, (int)Math.Ceiling(cumulative));
            return (p with { Due = due > AppointmentDate ? AppointmentDate : due }).ToString();
        }));
        StepPlan = planned.Length <= TextMaxLength ? planned : StepPlan;   // a plan too long to hold its dates keeps its steps, each due on the appointment date
        AcceptedAt = now;
        Status = DossierStatus.Accepted;
        Step(DossierAction.Accept, now, by, UnitId, AppointmentDate, null);
    }

    /// <summary>
    /// Yêu cầu bổ sung (form 02): everything missing at once. A second request on the same dossier is refused unless a
    /// leader allows it with a reason. Asked after acceptance, the clock stops until the dossier is complete.
    /// </summary>
    public void RequestSupplement(IReadOnlyCollection<string> missing, DateTime now, Guid? by, string? overrideReason, bool mayOverride)
    {
        ArgumentNullException.ThrowIfNull(missing);
        if (Status is not (DossierStatus.Checking or DossierStatus.Processing))
        {
            throw new DomainValidationException("", "Dossier.CannotRequestSupplement", Label(Status));
        }

        var list = missing.Select(m => m.Trim()).Where(m => m.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (list.Count == 0)
        {
            throw new DomainValidationException("Missing", "Dossier.MissingRequired");
        }

        var text = string.Join('\n', list);
        if (text.Length > TextMaxLength)
        {
            throw new DomainValidationException("Missing", "Error.MaxLength", TextMaxLength);
        }

        var reason = overrideReason?.Trim();
        if (SupplementCount > 0)
        {
            if (!mayOverride)
            {
                throw new DomainValidationException("Missing", "Dossier.OneSupplementOnly");
            }

            if (string.IsNullOrEmpty(reason))
            {
                throw new DomainValidationException("OverrideReason", "Dossier.OverrideNeedsReason");
            }

            if (reason.Length > TextMaxLength)
            {
                throw new DomainValidationException("OverrideReason", "Error.MaxLength", TextMaxLength);
            }

            SupplementOverrideReason = reason;
        }

        SupplementCount++;
        SupplementMissing = text;
        SupplementRequestedAt = now;
        if (AppointmentDate is not null)
        {
            PausedOn = VietnamTime.DateOf(now);
        }

        Status = DossierStatus.AwaitingSupplement;
        Step(DossierAction.RequestSupplement, now, by, UnitId, null, text);
    }

    /// <summary>The citizen brought what was asked for: checking resumes, or processing with the clock moved on.</summary>
    public void CompleteSupplement(WorkingDayCalendar calendar, SupplementClock clock, DateTime now, Guid? by)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        Require(DossierStatus.AwaitingSupplement, "Dossier.NotAwaitingSupplement");
        if (AppointmentDate is { } due && PausedOn is { } paused)
        {
            var today = VietnamTime.DateOf(now);
            AppointmentDate = clock == SupplementClock.Restart
                ? Due(calendar, now, TimeLimit)
                : TimeLimitUnit == TimeLimitUnit.CalendarDays
                    ? due.AddDays(Math.Max(0, today.DayNumber - paused.DayNumber))
                    : calendar.AddWorkingDays(due, Math.Max(0, calendar.CountWorkingDays(paused, today)));
            PausedOn = null;
            Status = DossierStatus.Processing;
        }
        else
        {
            Status = DossierStatus.Checking;
        }

        Step(DossierAction.CompleteSupplement, now, by, UnitId, AppointmentDate, null);
    }

    /// <summary>Từ chối (form 03): only before acceptance, with the reason in writing.</summary>
    public void Refuse(string? reason, DateTime now, Guid? by)
    {
        if (Status is not (DossierStatus.Checking or DossierStatus.AwaitingSupplement) || AppointmentDate is not null)
        {
            throw new DomainValidationException("", "Dossier.CannotRefuse", Label(Status));
        }

        RefusalReason = Reason(reason, "Reason");
        Status = DossierStatus.Refused;
        ClosedAt = now;
        Step(DossierAction.Refuse, now, by, null, null, RefusalReason);
    }

    /// <summary>
    /// Chuyển xử lý: to a processing unit (and officer) for one of the procedure's steps, due on that step's date (or
    /// on a date given, never after the appointment); without a step, due on the appointment date.
    /// </summary>
    public void Assign(Guid unitId, Guid? officerId, int? step, DateOnly? stepDue, DateTime now, Guid? by)
    {
        if (Status is not (DossierStatus.Accepted or DossierStatus.Processing))
        {
            throw new DomainValidationException("", "Dossier.CannotAssign", Label(Status));
        }

        var plan = PlannedSteps;
        if (step is { } k && (k < 0 || k >= plan.Count))
        {
            throw new DomainValidationException("Step", "Dossier.StepUnknown");
        }

        var planned = step is { } i ? plan[i] : null;
        var due = stepDue ?? planned?.Due ?? AppointmentDate;
        if (due is { } d && AppointmentDate is { } appointment && d > appointment)
        {
            throw new DomainValidationException("StepDue", "Dossier.StepAfterAppointment", Show.Date(appointment));
        }

        UnitId = unitId;
        OfficerId = officerId;
        StepDue = due;
        Status = DossierStatus.Processing;
        Step(DossierAction.Assign, now, by, unitId, due, planned?.Name);
    }

    public void SubmitForSignature(DateTime now, Guid? by)
    {
        Require(DossierStatus.Processing, "Dossier.CannotSubmit");
        Status = DossierStatus.AwaitingSignature;
        Step(DossierAction.SubmitForSignature, now, by, UnitId, AppointmentDate, null);
    }

    public void Sign(DateTime now, Guid? by, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        Require(DossierStatus.AwaitingSignature, "Dossier.CannotSign");
        FinishedOn = VietnamTime.DateOf(now);
        ProcessingDays = Days(calendar, AcceptedAt, FinishedOn);
        Status = DossierStatus.ResultReady;
        Step(DossierAction.Sign, now, by, UnitId, AppointmentDate, null);
    }

    /// <summary>Trả kết quả, at the desk or by post.</summary>
    public void Return(ResultDelivery delivery, DateTime now, Guid? by)
    {
        Require(DossierStatus.ResultReady, "Dossier.CannotReturn");
        if (!Enum.IsDefined(delivery))
        {
            throw new DomainValidationException("Delivery", "Error.Invalid");
        }

        Delivery = delivery;
        ReturnedAt = now;
        ClosedAt = now;
        Status = DossierStatus.Returned;
        Step(DossierAction.Return, now, by, null, null, null);
    }

    /// <summary>Văn bản xin lỗi và đề nghị gia hạn (form 04): the reason and the new date; a leader approves it.</summary>
    public void RequestApology(string? reason, DateOnly? newDate, DateTime now, Guid? by)
    {
        if (AppointmentDate is not { } due || IsClosed || Status == DossierStatus.ResultReady)
        {
            throw new DomainValidationException("", "Dossier.CannotApologise", Label(Status));
        }

        var text = Reason(reason, "ApologyReason");
        if (newDate is not { } date)
        {
            throw new DomainValidationException("ApologyNewDate", "Dossier.NewDateRequired");
        }

        if (date <= due)
        {
            throw new DomainValidationException("ApologyNewDate", "Dossier.NewDateAfterAppointment", Show.Date(due));
        }

        ApologyReason = text;
        ApologyNewDate = date;
        ApologyRequestedAt = now;
        ApologyIssuedOn = null;
        ApologyOnTime = null;
        Step(DossierAction.RequestApology, now, by, UnitId, null, text);
    }

    /// <summary>The leader approves: the letter is issued today and the appointment moves to the new date. Issued after the due date, it counts as late.</summary>
    public void ApproveApology(DateTime now, Guid? by)
    {
        if (ApologyNewDate is not { } date || ApologyIssuedOn is not null || IsClosed)
        {
            throw new DomainValidationException("", "Dossier.NoApologyToApprove");
        }

        var today = VietnamTime.DateOf(now);
        OriginalAppointmentDate ??= AppointmentDate;
        ApologyIssuedOn = today;
        ApologyOnTime = today <= OriginalAppointmentDate;
        AppointmentDate = date;
        Step(DossierAction.ApproveApology, now, by, UnitId, date, null);
    }

    /// <summary>Dừng giải quyết (form 05), with the reason; a leader decides it.</summary>
    public void Stop(string? reason, DateTime now, Guid? by)
    {
        if (IsClosed || AppointmentDate is null)
        {
            throw new DomainValidationException("", "Dossier.CannotStop", Label(Status));
        }

        StopReason = Reason(reason, "Reason");
        Status = DossierStatus.Stopped;
        ClosedAt = now;
        Step(DossierAction.Stop, now, by, null, null, StopReason);
    }

    /// <summary>The citizen rates the service once, after the result was returned.</summary>
    public void Rate(DossierRatingInput rating, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(rating);
        Require(DossierStatus.Returned, "Dossier.RateAfterReturn");
        if (RatedAt is not null)
        {
            throw new DomainValidationException("", "Dossier.AlreadyRated");
        }

        var errors = new ValidationErrors();
        if (rating.Overall is not (>= 1 and <= 5))
        {
            errors.Add("Overall", "Dossier.RatingRequired");
        }

        if (rating.Attitude is not (null or (>= 1 and <= 5)))
        {
            errors.Add("Attitude", "Error.Invalid");
        }

        if (rating.Clarity is not (null or (>= 1 and <= 5)))
        {
            errors.Add("Clarity", "Error.Invalid");
        }

        if (rating.Trips is not (null or (>= 1 and <= 20)))
        {
            errors.Add("Trips", "Dossier.TripsRange");
        }

        errors.MaxLength("Comment", rating.Comment?.Trim(), TextMaxLength);
        errors.ThrowIfAny();
        RatingOverall = rating.Overall;
        RatingOnTime = rating.OnTime;
        RatingTrips = rating.Trips;
        RatingAttitude = rating.Attitude;
        RatingClarity = rating.Clarity;
        RatingComment = Clean(rating.Comment);
        RatedAt = now;
        Step(DossierAction.Rate, now, null, null, null, null);
    }

    /// <summary>
    /// A dossier as the province's one-stop system exported it: read-only here (no desk action applies), counted by the
    /// same indicators. Its appointment date is the one the other system set; the procedure's copy is taken now.
    /// </summary>
    public static Dossier Imported(Guid agencyId, Procedure procedure, ImportedDossier row, FormSet formSet, Guid runId, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(procedure);
        ArgumentNullException.ThrowIfNull(row);
        var dossier = new Dossier
        {
            Id = Guid.CreateVersion7(),
            AgencyId = agencyId,
            Code = row.Code,
            LookupSecret = NewSecret(),
            FormSet = formSet,
            DocumentsReceived = "",
        };
        dossier.ApplyImport(procedure, row, runId, calendar);
        return dossier;
    }

    /// <summary>Overwrites what the import carries (the row is the other system's truth); the rating and complaints stay.</summary>
    public void ApplyImport(Procedure procedure, ImportedDossier row, Guid runId, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(procedure);
        ArgumentNullException.ThrowIfNull(row);
        ProcedureId = procedure.Id;
        ProcedureCode = procedure.Code;
        ProcedureName = procedure.Name;
        Field = procedure.Field;
        TimeLimit = procedure.TimeLimit;
        TimeLimitUnit = procedure.TimeLimitUnit;
        Cutoff = procedure.Cutoff;
        RequiredDocuments = procedure.Documents;
        StepPlan = procedure.Steps;
        Fee = procedure.Fee;
        OnlineLevel = procedure.OnlineLevel;
        UnitId = procedure.UnitId;
        ApplicantName = row.ApplicantName ?? "";
        ApplicantPhone = row.Phone;
        ApplicantEmail = row.Email;
        Channel = row.Channel;
        Status = row.Status;
        ReceivedAt = row.ReceivedAt;
        AcceptedAt = row.Status == DossierStatus.Refused ? null : row.ReceivedAt;
        AppointmentDate = row.AppointmentDate;
        OriginalAppointmentDate = row.Apology ? row.AppointmentDate : null;
        FinishedOn = row.FinishedOn ?? (row.Status == DossierStatus.Returned && row.ReturnedAt is { } back ? VietnamTime.DateOf(back) : null);
        ProcessingDays = Days(calendar, AcceptedAt, FinishedOn);
        ReturnedAt = row.ReturnedAt;
        ClosedAt = row.Status switch
        {
            DossierStatus.Returned => row.ReturnedAt ?? (row.FinishedOn is { } f ? VietnamTime.StartOfDayUtc(f) : row.ReceivedAt),
            DossierStatus.Refused or DossierStatus.Stopped => row.FinishedOn is { } g ? VietnamTime.StartOfDayUtc(g) : row.ReceivedAt,
            _ => null,
        };
        SupplementCount = row.Supplement ? 1 : 0;
        SupplementRequestedAt = row.Supplement ? row.ReceivedAt : null;
        // The export says only that an apology was sent: counted on the appointment date, its timeliness unknown.
        ApologyIssuedOn = row.Apology ? row.AppointmentDate : null;
        ApologyOnTime = null;
        SearchText = VietnameseText.Fold(Code + " " + ApplicantName + " " + procedure.Code);
        ImportRunId = runId;
        ImportHash = row.Hash;
    }

    public void MarkApologyPrompted(DateOnly on) => ApologyPromptedOn ??= on;

    /// <summary>A complaint names this dossier (the feedback module, through the contract).</summary>
    public void MarkComplainedAbout() => ComplainedAbout = true;

    /// <summary>The due date of a time limit counted from an instant (Vietnam time, after the cut-off from the next working day).</summary>
    public DateOnly Due(WorkingDayCalendar calendar, DateTime fromUtc, int limit)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var local = VietnamTime.Local(fromUtc);
        if (TimeLimitUnit == TimeLimitUnit.WorkingDays)
        {
            return calendar.AppointmentDate(local, limit, Cutoff);
        }

        if (TimeLimitUnit == TimeLimitUnit.WorkingHours)
        {
            // 8 working hours make a working day: 4 hours end the next working day, 12 hours the one after.
            return calendar.AppointmentDate(local, (limit + 7) / 8, Cutoff);
        }

        // Calendar days: a last day that falls on a day off moves to the next working day (Bộ luật Dân sự, Điều 148).
        var last = calendar.ReceiptDay(local, Cutoff).AddDays(limit);
        return calendar.IsWorkingDay(last) ? last : calendar.NextWorkingDay(last);
    }

    private static int? Days(WorkingDayCalendar calendar, DateTime? acceptedAt, DateOnly? finishedOn) =>
        acceptedAt is { } a && finishedOn is { } f ? Math.Max(0, calendar.CountWorkingDays(VietnamTime.DateOf(a), f)) : null;

    private void Require(DossierStatus status, string messageKey)
    {
        if (Status != status)
        {
            throw new DomainValidationException("", messageKey, Label(Status));
        }
    }

    private static Infrastructure.Errors.LabelArg Label(DossierStatus status) => new("DossierStatus." + status);

    private static string Reason(string? reason, string field)
    {
        var text = reason?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            throw new DomainValidationException(field, "Dossier.ReasonRequired");
        }

        return text.Length <= TextMaxLength ? text : throw new DomainValidationException(field, "Error.MaxLength", TextMaxLength);
    }

    private void Step(DossierAction action, DateTime at, Guid? by, Guid? unitId, DateOnly? due, string? note) =>
        steps.Add(new DossierStep(Id, steps.Count + 1, action, at, by, unitId, due, note));

    private static string? Clean(string? value)
    {
        var v = value?.Trim();
        return string.IsNullOrEmpty(v) ? null : v;
    }

    private static List<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static string NewSecret() => RandomNumberGenerator.GetString(SecretAlphabet, SecretLength);
}

/// <summary>One row of the province's export, read and checked (dates in UTC for instants, Vietnam dates otherwise).</summary>
internal sealed record ImportedDossier(
    string Code, DateTime ReceivedAt, DateOnly? AppointmentDate, DateOnly? FinishedOn, DateTime? ReturnedAt, DossierStatus Status, DossierChannel Channel,
    bool Supplement, bool Apology, string? ApplicantName, string? Phone, string? Email, string Hash);

/// <summary>One step of the procedure as a dossier copied it: its share of the time limit and, once accepted, its due date.</summary>
internal sealed record PlannedStep(string Name, decimal Share, DateOnly? Due)
{
    public static IReadOnlyList<PlannedStep> Parse(string? text) =>
        [.. (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(line =>
        {
            var p = line.Split('|', StringSplitOptions.TrimEntries);
            var share = p.Length > 1 && decimal.TryParse(p[1], System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : 0;
            DateOnly? due = p.Length > 2 && DateOnly.TryParseExact(p[2], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date) ? date : null;
            return new PlannedStep(p[0], share, due);
        })];

    public override string ToString() =>
        Name + " | " + Share.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + (Due is { } d ? " | " + d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "");
}

/// <summary>Who the dossier is for.</summary>
internal sealed record DossierApplicant(string? Name, string? Phone, string? Email, string? Address);

/// <summary>The citizen's rating after the return.</summary>
internal sealed record DossierRatingInput(int? Overall, bool? OnTime, int? Trips, int? Attitude, int? Clarity, string? Comment);

/// <summary>One hand-over in the dossier's life: the control sheet (form 06) is written from these.</summary>
internal sealed class DossierStep
{
    private DossierStep()
    {
    }

    internal DossierStep(Guid dossierId, int order, DossierAction action, DateTime at, Guid? by, Guid? unitId, DateOnly? due, string? note)
    {
        Id = Guid.CreateVersion7();
        DossierId = dossierId;
        Order = order;
        Action = action;
        At = at;
        By = by;
        UnitId = unitId;
        Due = due;
        Note = note;
    }

    public Guid Id { get; private set; }

    public Guid DossierId { get; private set; }

    public int Order { get; private set; }

    public DossierAction Action { get; private set; }

    public DateTime At { get; private set; }

    public Guid? By { get; private set; }

    public Guid? UnitId { get; private set; }

    /// <summary>The deadline this step had to meet (the step's or the appointment date).</summary>
    public DateOnly? Due { get; private set; }

    public string? Note { get; private set; }
}
