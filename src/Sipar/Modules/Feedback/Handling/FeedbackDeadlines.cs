using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Email;
using Sipar.Infrastructure.Localization;
using Sipar.Infrastructure.Time;
using Sipar.Modules.Accounts;
using Sipar.Modules.Calendar;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.Feedback;

/// <summary>What one run of the deadline check did.</summary>
internal sealed record DeadlineRun(int Reminded, int Escalated);

/// <summary>
/// Reminders before a step's deadline and escalation to the agency's leadership after it, on the working-day
/// calendar: a reminder once a step is within <see cref="FeedbackOptions.RemindDaysBefore"/> working days of its due
/// day (to the assigned unit, or to the office while it is not assigned or is a conduct complaint); the day after
/// the due day the item is escalated once (marked, and the leaders are emailed). Reopening starts both again.
/// </summary>
internal sealed class FeedbackDeadlines(SiparDbContext db, ICalendars calendars, TimeProvider clock, FeedbackOptions options, EmailSender email, IPeople people, IAgencies agencies)
{
    public async Task<DeadlineRun> RunAsync(CancellationToken ct)
    {
        var today = VietnamTime.Today(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        var calendar = await calendars.GetAsync(ct);
        var remindFrom = calendar.AddWorkingDays(today, Math.Max(0, options.RemindDaysBefore));
        var items = await db.Set<FeedbackItem>().Include(f => f.Steps)
            .Where(f => f.ReminderSentOn == null || f.EscalatedOn == null)
            .Where(FeedbackStates.DueBefore(remindFrom.AddDays(1)))
            .ToListAsync(ct);
        var reminded = new List<FeedbackItem>();
        var escalated = new List<FeedbackItem>();
        foreach (var item in items)
        {
            if (item.CurrentDue is not { } due)
            {
                continue;
            }

            if (due < today && item.EscalatedOn is null)
            {
                item.Escalate(today, now);
                escalated.Add(item);
            }
            else if (due >= today && item.ReminderSentOn is null)
            {
                item.Remind(today, now);
                reminded.Add(item);
            }
        }

        await db.SaveChangesAsync(ct);
        if (email.Enabled)
        {
            foreach (var item in reminded)
            {
                var to = item.UnitId is { } u && !item.IsConduct && item.Status != FeedbackStatus.Received
                    ? await people.EmailsOfUnitAsync(u, ct)
                    : await people.EmailsWithAsync(item.AgencyId, Capability.HandleFeedback, ct);
                if (to.Count > 0)
                {
                    await email.SendAsync(to, $"Phản ánh {item.Code} sắp đến hạn", $"Phản ánh, kiến nghị {item.Code} đến hạn ngày {Show.Date(item.CurrentDue)}.", ct);
                }
            }

            foreach (var item in escalated)
            {
                var to = await people.EmailsWithAsync(item.AgencyId, Capability.ApproveForAgency, ct);
                var agency = await agencies.FindAsync(item.AgencyId, ct);
                if (to.Count > 0)
                {
                    await email.SendAsync(to, $"Phản ánh {item.Code} quá hạn", $"{agency?.Name}: phản ánh, kiến nghị {item.Code} đã quá hạn ngày {Show.Date(item.CurrentDue)} và được chuyển lãnh đạo theo dõi.", ct);
                }
            }
        }

        return new DeadlineRun(reminded.Count, escalated.Count);
    }
}

/// <summary>The contract's answer: counts over the agency's open items (merged, referred and closed ones left out, flagged ones kept).</summary>
internal sealed class FeedbackRecords(SiparDbContext db, TimeProvider clock) : IFeedbackRecords
{
    public async Task<FeedbackWatch> WatchAsync(Guid agencyId, CancellationToken ct)
    {
        var today = VietnamTime.Today(clock);
        var items = db.Set<FeedbackItem>().AsNoTracking().Where(f => f.AgencyId == agencyId);
        var counts = await items.Where(f => FeedbackStates.Open.Contains(f.Status)).GroupBy(f => 1)
            .Select(g => new { Open = g.Count(), Escalated = g.Count(f => f.EscalatedOn != null) }).FirstOrDefaultAsync(ct);
        var late = await items.CountAsync(FeedbackStates.DueBefore(today), ct);
        var flagged = await items.CountAsync(f => f.Flagged && f.Status == FeedbackStatus.Closed, ct);
        return new FeedbackWatch(counts?.Open ?? 0, late, counts?.Escalated ?? 0, flagged);
    }
}

/// <summary>Runs <see cref="FeedbackDeadlines"/> every <see cref="FeedbackOptions.CheckEveryMinutes"/> minutes.</summary>
internal sealed partial class FeedbackDeadlineJob(IServiceScopeFactory scopes, FeedbackOptions options, TimeProvider clock, Infrastructure.Observability.SiparMetrics metrics, ILogger<FeedbackDeadlineJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.CheckEveryMinutes <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.CheckEveryMinutes), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await metrics.RunJobAsync("feedback-deadlines", () => scope.ServiceProvider.GetRequiredService<FeedbackDeadlines>().RunAsync(stoppingToken));
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or TimeoutException)
            {
                LogFailed(logger, e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feedback deadline check failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}
