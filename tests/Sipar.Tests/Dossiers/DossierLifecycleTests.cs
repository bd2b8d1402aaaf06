using Sipar.Infrastructure.Errors;
using Sipar.Modules.Calendar;
using Sipar.Modules.Dossiers;
using Sipar.Tests.Calendar;

namespace Sipar.Tests.Dossiers;

public sealed class DossierLifecycleTests
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendarTests.Calendar;
    private static readonly Guid Agency = Guid.NewGuid();

    /// <summary>Vietnam local time → UTC.</summary>
    private static DateTime Vn(int month, int day, int hour, int minute = 0) => new DateTime(2026, month, day, hour, minute, 0, DateTimeKind.Utc).AddHours(-7);

    private static Procedure Procedure(int days = 5, TimeOnly? cutoff = null) => Sipar.Modules.Dossiers.Procedure.Create(Agency,
        new ProcedureInput("1.004227", "Cấp giấy phép lao động", "Việc làm", null, days, TimeLimitUnit.WorkingDays, cutoff, "Đơn đề nghị\nBản sao hộ chiếu", 0, OnlineLevel.Partial, null), DateTime.UtcNow);

    private static Dossier Received(DateTime at, Procedure? procedure = null) =>
        Dossier.Receive(Agency, "SLDTBXH-261201-0001", procedure ?? Procedure(cutoff: new TimeOnly(15, 0)), new DossierApplicant("Nguyễn Văn A", null, null, null), DossierChannel.Desk, at, deskOpen: true, FormSet.Tt03Of2025, null);

    private static Dossier Accepted(DateTime at)
    {
        var d = Received(at);
        d.Accept(["Đơn đề nghị", "Bản sao hộ chiếu"], Calendar, at, null);
        return d;
    }

    [Fact]
    public void The_appointment_date_is_the_nth_working_day_after_the_receipt_day_and_after_the_cutoff_it_counts_from_the_next()
    {
        Assert.Equal(new DateOnly(2026, 12, 8), Accepted(Vn(12, 1, 10)).AppointmentDate);    // Tue 01/12 + 5 working days
        Assert.Equal(new DateOnly(2026, 12, 9), Accepted(Vn(12, 1, 16)).AppointmentDate);    // after 15:00: day 0 is 02/12
        Assert.Equal(new DateOnly(2026, 12, 11), Accepted(Vn(12, 4, 10)).AppointmentDate);   // Fri 04/12: the weekend does not count
    }

    [Fact]
    public void A_time_limit_in_calendar_days_ending_on_a_day_off_moves_to_the_next_working_day()
    {
        var procedure = Sipar.Modules.Dossiers.Procedure.Create(Agency, new ProcedureInput("2.1", "Cấp bản sao", "Chứng thực", null, 4, TimeLimitUnit.CalendarDays, null, "Đơn", 0, OnlineLevel.None, null), DateTime.UtcNow);
        var d = Received(Vn(12, 1, 10), procedure);
        d.Accept(["Đơn"], Calendar, Vn(12, 1, 10), null);
        Assert.Equal(new DateOnly(2026, 12, 7), d.AppointmentDate);   // Tue 01/12 + 4 days = Sat 05/12 → Mon 07/12
    }

    [Fact]
    public void Acceptance_is_refused_while_a_required_document_is_missing_and_names_it()
    {
        var d = Received(Vn(12, 1, 9));
        var e = Assert.Throws<DomainValidationException>(() => d.Accept(["Đơn đề nghị"], Calendar, Vn(12, 1, 9), null));
        Assert.Equal(("Documents", "Dossier.DocumentsMissing"), (e.Errors[0].Field, e.Errors[0].MessageKey));
        Assert.Equal("Bản sao hộ chiếu", e.Errors[0].Args[0]);
        Assert.Equal(DossierStatus.Checking, d.Status);
        Assert.Null(d.AppointmentDate);
    }

    [Fact]
    public void A_desk_receipt_on_a_day_the_desk_is_closed_is_refused()
    {
        var e = Assert.Throws<DomainValidationException>(() => Dossier.Receive(Agency, "X-1", Procedure(), new DossierApplicant("B", null, null, null), DossierChannel.Desk, Vn(12, 5, 9), deskOpen: false, FormSet.Tt03Of2025, null));
        Assert.Equal("Dossier.DeskClosed", e.Errors[0].MessageKey);
        var online = Dossier.Receive(Agency, "X-2", Procedure(), new DossierApplicant("B", null, null, null), DossierChannel.Online, Vn(12, 5, 9), deskOpen: false, FormSet.Tt03Of2025, null);
        online.Accept(["Đơn đề nghị", "Bản sao hộ chiếu"], Calendar, Vn(12, 5, 9), null);
        Assert.Equal(new DateOnly(2026, 12, 14), online.AppointmentDate);   // Sat 05/12: day 0 is Mon 07/12
    }

    [Fact]
    public void Supplement_request_is_refused_when_one_was_already_issued_unless_a_leader_overrides_with_a_reason()
    {
        var d = Received(Vn(12, 1, 9));
        d.RequestSupplement(["Bản sao hộ chiếu"], Vn(12, 1, 9), null, null, mayOverride: false);
        d.CompleteSupplement(Calendar, SupplementClock.Pause, Vn(12, 2, 9), null);
        Assert.Equal(DossierStatus.Checking, d.Status);
        Assert.Equal("Dossier.OneSupplementOnly", Assert.Throws<DomainValidationException>(() => d.RequestSupplement(["Ảnh"], Vn(12, 2, 9), null, null, mayOverride: false)).Errors[0].MessageKey);
        Assert.Equal("Dossier.OverrideNeedsReason", Assert.Throws<DomainValidationException>(() => d.RequestSupplement(["Ảnh"], Vn(12, 2, 9), null, " ", mayOverride: true)).Errors[0].MessageKey);
        d.RequestSupplement(["Ảnh"], Vn(12, 2, 9), null, "Giấy tờ cũ hết hạn", mayOverride: true);
        Assert.Equal((2, "Giấy tờ cũ hết hạn"), (d.SupplementCount, d.SupplementOverrideReason));
        d.CompleteSupplement(Calendar, SupplementClock.Pause, Vn(12, 3, 10), null);
        d.Accept(["Đơn đề nghị", "Bản sao hộ chiếu"], Calendar, Vn(12, 3, 10), null);
        Assert.Equal(new DateOnly(2026, 12, 10), d.AppointmentDate);   // counted from the day it was complete (03/12)
    }

    [Theory]
    [InlineData(false, 2026, 12, 10)]   // pause: stopped Thu 03/12, complete Mon 07/12: 2 working days waited
    [InlineData(true, 2026, 12, 14)]    // restart: the full 5 days again from Mon 07/12
    public void The_clock_pauses_or_restarts_while_documents_asked_during_processing_are_awaited(bool restart, int y, int m, int dd)
    {
        var clock = restart ? SupplementClock.Restart : SupplementClock.Pause;
        var d = Accepted(Vn(12, 1, 10));
        d.Assign(Guid.NewGuid(), null, null, null, Vn(12, 1, 11), null);
        d.RequestSupplement(["Bản dịch công chứng"], Vn(12, 3, 9), null, null, mayOverride: false);
        Assert.Equal(DossierStatus.AwaitingSupplement, d.Status);
        d.CompleteSupplement(Calendar, clock, Vn(12, 7, 10), null);
        Assert.Equal((DossierStatus.Processing, new DateOnly(y, m, dd)), (d.Status, d.AppointmentDate!.Value));
    }

    [Fact]
    public void Returned_on_the_appointment_date_is_on_time_and_a_day_later_is_late()
    {
        var onTime = Accepted(Vn(12, 1, 10));
        Finish(onTime, Vn(12, 8, 16));
        Assert.Equal(Timeliness.OnTime, onTime.Outcome);
        var early = Accepted(Vn(12, 1, 10));
        Finish(early, Vn(12, 7, 16));
        Assert.Equal(Timeliness.Early, early.Outcome);
        var late = Accepted(Vn(12, 1, 10));
        Finish(late, Vn(12, 9, 8));
        Assert.Equal(Timeliness.Late, late.Outcome);
        Assert.Equal(DossierStatus.Returned, late.Status);
    }

    [Fact]
    public void Illegal_moves_are_refused_with_the_state_they_were_tried_in()
    {
        var d = Accepted(Vn(12, 1, 10));
        Assert.Equal("Dossier.CannotSign", Assert.Throws<DomainValidationException>(() => d.Sign(Vn(12, 2, 9), null, Calendar)).Errors[0].MessageKey);
        Assert.Equal("Dossier.CannotReturn", Assert.Throws<DomainValidationException>(() => d.Return(ResultDelivery.AtDesk, Vn(12, 2, 9), null)).Errors[0].MessageKey);
        Assert.Equal("Dossier.CannotRefuse", Assert.Throws<DomainValidationException>(() => d.Refuse("Sai", Vn(12, 2, 9), null)).Errors[0].MessageKey);
        Assert.Equal("Dossier.CannotSubmit", Assert.Throws<DomainValidationException>(() => d.SubmitForSignature(Vn(12, 2, 9), null)).Errors[0].MessageKey);
        Assert.Equal("Dossier.RateAfterReturn", Assert.Throws<DomainValidationException>(() => d.Rate(new(5, true, 1, 5, 5, null), Vn(12, 2, 9))).Errors[0].MessageKey);
        var refused = Received(Vn(12, 1, 9));
        Assert.Equal("Dossier.ReasonRequired", Assert.Throws<DomainValidationException>(() => refused.Refuse(" ", Vn(12, 1, 9), null)).Errors[0].MessageKey);
        refused.Refuse("Không thuộc thẩm quyền", Vn(12, 1, 9), null);
        Assert.Equal("Dossier.CannotAccept", Assert.Throws<DomainValidationException>(() => refused.Accept([], Calendar, Vn(12, 1, 9), null)).Errors[0].MessageKey);
        Assert.Equal("Dossier.CannotStop", Assert.Throws<DomainValidationException>(() => refused.Stop("x", Vn(12, 1, 9), null)).Errors[0].MessageKey);
    }

    [Fact]
    public void An_apology_issued_by_the_appointment_date_counts_as_on_time_and_one_issued_after_it_as_late()
    {
        var inTime = Accepted(Vn(12, 1, 10));
        Assert.Equal("Dossier.NewDateAfterAppointment", Assert.Throws<DomainValidationException>(() => inTime.RequestApology("Chờ xác minh", new DateOnly(2026, 12, 8), Vn(12, 7, 9), null)).Errors[0].MessageKey);
        inTime.RequestApology("Chờ xác minh", new DateOnly(2026, 12, 15), Vn(12, 7, 9), null);
        inTime.ApproveApology(Vn(12, 8, 9), null);
        Assert.Equal((true, new DateOnly(2026, 12, 15), new DateOnly(2026, 12, 8)), (inTime.ApologyOnTime!.Value, inTime.AppointmentDate!.Value, inTime.OriginalAppointmentDate!.Value));
        var afterDue = Accepted(Vn(12, 1, 10));
        afterDue.RequestApology("Chờ xác minh", new DateOnly(2026, 12, 15), Vn(12, 9, 9), null);
        afterDue.ApproveApology(Vn(12, 9, 10), null);
        Assert.False(afterDue.ApologyOnTime);
        Assert.Equal("Dossier.NoApologyToApprove", Assert.Throws<DomainValidationException>(() => afterDue.ApproveApology(Vn(12, 9, 11), null)).Errors[0].MessageKey);
    }

    [Fact]
    public void The_on_time_rate_and_the_766_satisfaction_rate_follow_the_published_formulas()
    {
        DossierFact Fact(DateOnly accepted, DateOnly due, DateOnly? finished, int? rating = null, bool complained = false) =>
            new(Vn(accepted.Month, accepted.Day, 9), due, finished, finished is null ? DossierStatus.Processing : DossierStatus.Returned, finished is { } f ? Vn(f.Month, f.Day, 17) : null,
                null, null, null, DossierChannel.Desk, OnlineLevel.None, rating, complained);
        var facts = new List<DossierFact>
        {
            Fact(new(2026, 11, 25), new(2026, 12, 2), new(2026, 12, 2)),             // carried over, on time
            Fact(new(2026, 12, 1), new(2026, 12, 8), new(2026, 12, 7)),              // early
            Fact(new(2026, 12, 1), new(2026, 12, 8), new(2026, 12, 9)),              // late
            Fact(new(2026, 12, 2), new(2026, 12, 9), new(2026, 12, 9), rating: 2),   // on time but unsatisfied
            Fact(new(2026, 12, 3), new(2026, 12, 10), null),                         // late, still in progress
            Fact(new(2026, 12, 14), new(2026, 12, 21), null),                        // in progress, not late
        };
        var f = DossierIndicators.Compute(facts, new(2026, 12, 1), new(2026, 12, 15), new(2026, 12, 15), Calendar);
        Assert.Equal((5, 1, 6), (f.Received, f.CarriedOver, f.ToHandle));
        Assert.Equal((1, 2, 1), (f.FinishedEarly, f.FinishedOnTime, f.FinishedLate));
        Assert.Equal((2, 1), (f.InProgress, f.LateInProgress));
        Assert.Equal(66.67m, f.OnTimeRate);            // 100 − (1 late in progress + 1 late finished) / 6
        Assert.Equal(50m, f.SatisfactionRate);         // (4 finished − 1 late − 1 unsatisfied) / 4
    }

    [Fact]
    public void Each_step_of_the_procedure_is_due_when_its_shares_run_out_on_the_calendar_across_tet()
    {
        var procedure = Sipar.Modules.Dossiers.Procedure.Create(Agency, new ProcedureInput("1.004227", "Cấp giấy phép lao động", "Việc làm", null, 5, TimeLimitUnit.WorkingDays, null,
            "Đơn đề nghị", 0, OnlineLevel.Partial, null, Steps: "Tiếp nhận, chuyển hồ sơ | 0,5\nThẩm định hồ sơ | 3\nTrình ký, trả kết quả | 1,5"), DateTime.UtcNow);
        var d = Received(Vn(2, 12, 10), procedure);   // Thu 12/02/2026; Tết: Mon 16/02 – Fri 20/02 off
        Assert.All(d.PlannedSteps, p => Assert.Null(p.Due));
        d.Accept(["Đơn đề nghị"], Calendar, Vn(2, 12, 10), null);
        Assert.Equal(new DateOnly(2026, 2, 26), d.AppointmentDate);
        Assert.Equal([new DateOnly(2026, 2, 13), new DateOnly(2026, 2, 25), new DateOnly(2026, 2, 26)], d.PlannedSteps.Select(p => p.Due!.Value));
        Assert.Equal(0, d.NextPlannedStep);

        d.Assign(Guid.NewGuid(), null, 0, null, Vn(2, 12, 11), null);
        Assert.Equal((new DateOnly(2026, 2, 13), "Tiếp nhận, chuyển hồ sơ"), (d.StepDue!.Value, d.Steps[^1].Note));
        Assert.Equal(1, d.NextPlannedStep);
        d.Assign(Guid.NewGuid(), null, 1, null, Vn(2, 13, 9), null);
        Assert.Equal((new DateOnly(2026, 2, 25), "Thẩm định hồ sơ"), (d.StepDue!.Value, d.Steps[^1].Note));
        d.Assign(Guid.NewGuid(), null, 1, new DateOnly(2026, 2, 24), Vn(2, 13, 10), null);   // a nearer date may be given
        Assert.Equal(new DateOnly(2026, 2, 24), d.StepDue);
        Assert.Equal("Dossier.StepUnknown", Assert.Throws<DomainValidationException>(() => d.Assign(Guid.NewGuid(), null, 3, null, Vn(2, 13, 11), null)).Errors[0].MessageKey);
        Assert.Equal("Dossier.StepAfterAppointment", Assert.Throws<DomainValidationException>(() => d.Assign(Guid.NewGuid(), null, 2, new DateOnly(2026, 2, 27), Vn(2, 13, 11), null)).Errors[0].MessageKey);
        Assert.Equal(new DateOnly(2026, 2, 24), d.StepDue);   // nothing changed by the refusals
    }

    [Fact]
    public void A_later_change_of_the_procedures_steps_does_not_rewrite_a_received_dossiers_plan()
    {
        var procedure = Sipar.Modules.Dossiers.Procedure.Create(Agency, new ProcedureInput("1.1", "Thủ tục", "Việc làm", null, 5, TimeLimitUnit.WorkingDays, null,
            "Đơn", 0, OnlineLevel.None, null, Steps: "Thẩm định | 4\nTrả kết quả | 1"), DateTime.UtcNow);
        var d = Received(Vn(12, 1, 9), procedure);
        procedure.Change(new ProcedureInput("1.1", "Thủ tục", "Việc làm", null, 5, TimeLimitUnit.WorkingDays, null, "Đơn", 0, OnlineLevel.None, null, Steps: "Thẩm định | 2"), DateTime.UtcNow);
        d.Accept(["Đơn"], Calendar, Vn(12, 1, 9), null);
        Assert.Equal(["Thẩm định", "Trả kết quả"], d.PlannedSteps.Select(p => p.Name));
        Assert.Equal([new DateOnly(2026, 12, 7), new DateOnly(2026, 12, 8)], d.PlannedSteps.Select(p => p.Due!.Value));
    }

    private static void Finish(Dossier d, DateTime signedAt)
    {
        d.Assign(Guid.NewGuid(), null, null, null, signedAt.AddHours(-2), null);
        d.SubmitForSignature(signedAt.AddHours(-1), null);
        d.Sign(signedAt, null, Calendar);
        d.Return(ResultDelivery.AtDesk, signedAt.AddMinutes(10), null);
    }
}
