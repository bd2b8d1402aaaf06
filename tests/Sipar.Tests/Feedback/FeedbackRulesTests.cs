using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Time.Testing;
using Sipar.Infrastructure.Errors;
using Sipar.Modules.Calendar;
using Sipar.Modules.Feedback;

namespace Sipar.Tests.Feedback;

/// <summary>The feedback state machine, deadlines on the legal calendar, the QĐ 766 formulas, redaction, the challenge and the throttle.</summary>
public sealed class FeedbackRulesTests
{
    private static readonly WorkingDayCalendar Calendar = CalendarService.Shipped();

    private static readonly FeedbackCategory Procedure = FeedbackCategory.Defaults[0];

    private static readonly FeedbackCategory Conduct = FeedbackCategory.Defaults[1];

    private static readonly Guid UnitA = Guid.NewGuid();

    private static DateTime Utc(int y, int m, int d, int hour = 3) => new(y, m, d, hour, 0, 0, DateTimeKind.Utc);

    private static FeedbackItem Received(DateTime at, FeedbackCategory? category = null, bool consent = true) =>
        FeedbackItem.Receive(Guid.NewGuid(), category ?? Procedure,
            new FeedbackIntakeInput((category ?? Procedure).Id, "Thủ tục yêu cầu giấy tờ không có trong danh mục.", null, null, null, "Nguyễn Văn A", "0912345678", null, false, consent),
            FeedbackChannel.Web, at, Calendar, null);

    /// <summary>Drives a fresh item to <paramref name="status"/> through legal moves only.</summary>
    private static FeedbackItem At(FeedbackStatus status)
    {
        var at = Utc(2026, 11, 2);
        var item = Received(at);
        var today = new DateOnly(2026, 11, 2);
        if (status == FeedbackStatus.Received)
        {
            return item;
        }

        if (status == FeedbackStatus.Referred)
        {
            item.Refer("UBND huyện Cao Lộc", null, today, at, null);
            return item;
        }

        if (status == FeedbackStatus.Merged)
        {
            item.MergeInto(FeedbackItem.Receive(item.AgencyId, Procedure, new FeedbackIntakeInput(Procedure.Id, "Phản ánh trùng nội dung.", null, null, null, null, null, null, true, false), FeedbackChannel.Web, at, Calendar, null), at, null);
            return item;
        }

        item.Classify(Procedure, null, today, 10, Calendar, at, null);
        if (status == FeedbackStatus.Classified)
        {
            return item;
        }

        item.Assign(UnitA, at, null);
        if (status == FeedbackStatus.Assigned)
        {
            return item;
        }

        item.WriteAnswer("Cơ quan đã rà soát và bỏ yêu cầu này.", at, null);
        if (status == FeedbackStatus.Answered)
        {
            return item;
        }

        item.Approve(null, "Câu hỏi công khai.", "Trả lời công khai.", false, at, null);
        if (status == FeedbackStatus.Approved)
        {
            return item;
        }

        item.Send(today, Calendar, at, null);
        return item;
    }

    private static void Do(FeedbackItem item, FeedbackAction action)
    {
        var at = Utc(2026, 11, 3);
        var today = new DateOnly(2026, 11, 3);
        switch (action)
        {
            case FeedbackAction.Classify: item.Classify(Procedure, null, today, 10, Calendar, at, null); break;
            case FeedbackAction.Refer: item.Refer("UBND huyện", null, today, at, null); break;
            case FeedbackAction.Assign: item.Assign(UnitA, at, null); break;
            case FeedbackAction.Answer: item.WriteAnswer("Trả lời.", at, null); break;
            case FeedbackAction.ReturnToUnit: item.ReturnToUnit("Chưa đủ ý.", at, null); break;
            case FeedbackAction.Approve: item.Approve("Trả lời.", "Hỏi.", "Đáp.", false, at, null); break;
            case FeedbackAction.Send: item.Send(today, Calendar, at, null); break;
            case FeedbackAction.Reopen: item.Reopen("Chưa giải quyết.", today, 10, Calendar, at); break;
            case FeedbackAction.Merge: item.MergeInto(FeedbackItem.Receive(item.AgencyId, Procedure, new FeedbackIntakeInput(Procedure.Id, "Phản ánh trùng nội dung.", null, null, null, null, null, null, true, false), FeedbackChannel.Web, at, Calendar, null), at, null); break;
            default: throw new ArgumentOutOfRangeException(nameof(action));
        }
    }

    public static TheoryData<int, int> Every()
    {
        var data = new TheoryData<int, int>();
        foreach (var s in Enum.GetValues<FeedbackStatus>())
        {
            foreach (var a in new[] { FeedbackAction.Classify, FeedbackAction.Refer, FeedbackAction.Assign, FeedbackAction.Answer, FeedbackAction.ReturnToUnit, FeedbackAction.Approve, FeedbackAction.Send, FeedbackAction.Reopen, FeedbackAction.Merge })
            {
                data.Add((int)s, (int)a);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Every))]
    public void Every_move_is_allowed_exactly_when_the_table_says_and_leads_where_it_says(int fromStatus, int move)
    {
        var from = (FeedbackStatus)fromStatus;
        var action = (FeedbackAction)move;
        var item = At(from);
        Assert.Equal(from, item.Status);
        var steps = item.Steps.Count;
        if (FeedbackStates.Moves.TryGetValue((from, action), out var next))
        {
            Do(item, action);
            Assert.Equal(next, item.Status);
            Assert.True(item.Steps.Count > steps);
        }
        else
        {
            var e = Assert.Throws<DomainValidationException>(() => Do(item, action));
            Assert.Equal("Feedback.IllegalMove", e.Errors[0].MessageKey);
            Assert.Equal(from, item.Status);
            Assert.Equal(steps, item.Steps.Count);
        }
    }

    [Fact]
    public void Deadlines_count_working_days_across_tet_and_a_make_up_saturday()
    {
        // Thursday 12/02/2026, before Tết Bính Ngọ (16–20/02 off): classify by the 2nd working day = Monday 23/02.
        var tet = Received(Utc(2026, 2, 12));
        Assert.Equal(new DateOnly(2026, 2, 12), tet.ReceivedOn);
        Assert.Equal(new DateOnly(2026, 2, 23), tet.ClassifyDue);
        tet.Classify(Procedure, null, new DateOnly(2026, 2, 13), 10, Calendar, Utc(2026, 2, 13), null);
        // 10 working days after Friday 13/02: 23, 24, 25, 26, 27/02, 2, 3, 4, 5, 6/03.
        Assert.Equal(new DateOnly(2026, 3, 6), tet.AnswerDue);

        // Friday 09/01/2026: Saturday 10/01 is a make-up working day, so the 2nd working day is Monday 12/01.
        var makeUp = Received(Utc(2026, 1, 9));
        Assert.Equal(new DateOnly(2026, 1, 12), makeUp.ClassifyDue);

        // Received on Sunday evening (Vietnam time): day 0 is Monday.
        var sunday = Received(new DateTime(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc));
        Assert.Equal(new DateOnly(2026, 3, 2), sunday.ReceivedOn);
        Assert.Equal(new DateOnly(2026, 3, 4), sunday.ClassifyDue);
    }

    [Fact]
    public void Sent_on_the_due_day_is_on_time_and_the_day_after_is_late()
    {
        var onTime = At(FeedbackStatus.Approved);
        onTime.Send(onTime.AnswerDue!.Value, Calendar, Utc(2026, 11, 16), null);
        Assert.True(onTime.OnTime);
        var late = At(FeedbackStatus.Approved);
        late.Send(Calendar.NextWorkingDay(late.AnswerDue!.Value), Calendar, Utc(2026, 11, 17), null);
        Assert.False(late.OnTime);
        Assert.Equal(Calendar.CountWorkingDays(late.ReceivedOn, Calendar.NextWorkingDay(late.AnswerDue.Value)), late.HandlingDays);
    }

    [Fact]
    public void The_766_formulas_on_hand_computed_cases()
    {
        // 10 in scope: 7 on time, 2 late, 1 still open past its deadline; 1 of the on-time ones rated unsatisfied.
        // On time = 7 / 10 = 70%; satisfaction = (10 − (1 unsatisfied + 2 late + 1 open late)) / 10 = 60%.
        var f = new FeedbackFigures(12, 10, 2, 7, 2, 1, 1, 5, 1, 4, 6, 9);
        Assert.Equal(70m, f.OnTimeRate);
        Assert.Equal(60m, f.SatisfactionRate);
        // 3 in scope, 1 on time: 33.33%; nothing in scope: no rate at all (not 0, not 100).
        Assert.Equal(33.33m, new FeedbackFigures(3, 3, 0, 1, 0, 2, 0, 0, 0, 0, null, null).OnTimeRate);
        Assert.Null(FeedbackFigures.Empty.OnTimeRate);
        Assert.Null(FeedbackFigures.Empty.SatisfactionRate);
    }

    [Fact]
    public void Median_and_p90_come_from_the_histogram_by_nearest_rank()
    {
        // Days 2,2,3,5,5,5,8,9,10,14: median = 5th value = 5, p90 = 9th = 10.
        IReadOnlyList<(int, int)> h = [(2, 2), (3, 1), (5, 3), (8, 1), (9, 1), (10, 1), (14, 1)];
        Assert.Equal(5m, FeedbackIndicators.Percentile(h, 0.5));
        Assert.Equal(10m, FeedbackIndicators.Percentile(h, 0.9));
        Assert.Null(FeedbackIndicators.Percentile([], 0.5));
    }

    [Fact]
    public void Unsatisfied_within_the_window_reopens_and_after_it_flags()
    {
        var item = At(FeedbackStatus.Closed);
        Assert.True(item.CanRate);
        Assert.Throws<DomainValidationException>(() => item.Rate(false, null, true, new DateOnly(2026, 11, 4), 10, Calendar, Utc(2026, 11, 4)));
        item.Rate(false, "Chưa được giải quyết", true, new DateOnly(2026, 11, 4), 10, Calendar, Utc(2026, 11, 4));
        Assert.Equal(FeedbackStatus.Assigned, item.Status);
        Assert.Equal(1, item.ReopenCount);
        Assert.Null(item.OnTime);
        Assert.Equal(Calendar.AddWorkingDays(new DateOnly(2026, 11, 4), 10), item.AnswerDue);

        var later = At(FeedbackStatus.Closed);
        later.Rate(false, "Không đồng ý", false, new DateOnly(2026, 12, 30), 10, Calendar, Utc(2026, 12, 30));
        Assert.Equal(FeedbackStatus.Closed, later.Status);
        Assert.True(later.Flagged);
        Assert.False(later.CanRate);
    }

    [Fact]
    public void A_conduct_complaint_never_goes_to_the_unit_it_names_and_unpublished_items_keep_no_public_text()
    {
        var item = Received(Utc(2026, 11, 2), Conduct, consent: false);
        Assert.True(item.IsConduct);
        item.Classify(Conduct, UnitA, new DateOnly(2026, 11, 2), 10, Calendar, Utc(2026, 11, 2), null);
        var e = Assert.Throws<DomainValidationException>(() => item.Assign(UnitA, Utc(2026, 11, 2), null));
        Assert.Equal("Feedback.NotToNamedUnit", e.Errors[0].MessageKey);
        item.Assign(Guid.NewGuid(), Utc(2026, 11, 2), null);
        item.WriteAnswer("Đã xử lý kỷ luật.", Utc(2026, 11, 3), null);
        item.Approve(null, "Không được dùng", "Không được dùng", false, Utc(2026, 11, 3), null);
        item.Send(new DateOnly(2026, 11, 3), Calendar, Utc(2026, 11, 3), null);
        Assert.False(item.Published);
        Assert.Null(item.PublicQuestion);
        Assert.Equal("", item.PublicText);
    }

    [Fact]
    public void The_suggested_public_text_hides_the_senders_name_phones_emails_and_id_numbers()
    {
        var item = Received(Utc(2026, 11, 2));
        var text = FeedbackDesk.Redact("Tôi là Nguyễn Văn A, số 0912 345 678, thư a.b@mail.vn, CCCD 020123456789, hồ sơ 15 ngày.", item);
        Assert.DoesNotContain("Nguyễn Văn A", text, StringComparison.Ordinal);
        Assert.DoesNotContain("0912", text, StringComparison.Ordinal);
        Assert.DoesNotContain("a.b@mail.vn", text, StringComparison.Ordinal);
        Assert.DoesNotContain("020123456789", text, StringComparison.Ordinal);
        Assert.Contains("hồ sơ 15 ngày", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_challenge_is_used_once_expires_and_refuses_a_wrong_sum()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));
        var challenge = new FeedbackChallenge(new EphemeralDataProtectionProvider(), clock, new FeedbackOptions { ChallengeMinutes = 30 });
        var c = challenge.Issue();
        var answer = (c.A + c.B).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(challenge.Verify(c.Token, answer));
        Assert.False(challenge.Verify(c.Token, answer));
        var wrong = challenge.Issue();
        Assert.False(challenge.Verify(wrong.Token, (wrong.A + wrong.B + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.False(challenge.Verify(wrong.Token, (wrong.A + wrong.B).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var old = challenge.Issue();
        clock.Advance(TimeSpan.FromMinutes(31));
        Assert.False(challenge.Verify(old.Token, (old.A + old.B).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.False(challenge.Verify("forged", "3"));
    }

    [Fact]
    public void The_throttle_lets_a_client_send_its_hourly_share_and_then_waits()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));
        var throttle = new FeedbackThrottle(clock, new FeedbackOptions { SubmissionsPerHour = 3 });
        var me = System.Net.IPAddress.Parse("203.0.113.7");
        var other = System.Net.IPAddress.Parse("203.0.113.8");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(TimeSpan.Zero, throttle.WaitFor(me));
            throttle.Accepted(me);
            clock.Advance(TimeSpan.FromMinutes(10));
        }

        Assert.Equal(TimeSpan.FromMinutes(30), throttle.WaitFor(me));
        Assert.Equal(TimeSpan.Zero, throttle.WaitFor(other));
        clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(TimeSpan.Zero, throttle.WaitFor(me));
    }
}
