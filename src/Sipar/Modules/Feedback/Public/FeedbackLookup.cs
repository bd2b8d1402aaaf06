using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Localization;
using Sipar.Infrastructure.Time;
using Sipar.Infrastructure.Web;
using Sipar.Modules.Calendar;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.Feedback;

/// <summary>Wrong feedback lookups per address (<see cref="GuessThrottle"/>): after 5 the address waits before its next guess is checked.</summary>
internal sealed class FeedbackLookupThrottle(TimeProvider clock, IConfiguration configuration)
    : GuessThrottle(clock, Math.Max(1, configuration.GetValue("RateLimits:LookupFreeFailures", 5)));

/// <summary>What a sender sees of their own item: the status timeline and the answer once sent; never anyone else's.</summary>
internal sealed record CitizenFeedback(
    string Code, string Category, FeedbackStatus Status, DateTime ReceivedAt, DateOnly? Due, string? ReferredTo, string? Answer, DateOnly? SentOn, bool Published,
    IReadOnlyList<(FeedbackAction Action, DateTime At)> Timeline, bool CanRate, bool CanReopen, bool? Satisfied, AgencyInfo? Agency);

/// <summary>A published answer as everyone may read it: no name, no contact, only the texts the approver made public.</summary>
internal sealed record PublishedAnswer(string Code, string Category, string AgencyName, DateOnly ReceivedOn, DateOnly? SentOn, string Question, string Answer);

/// <summary>The sender's lookup, rating and reopening (no login), and the public list of published answers.</summary>
internal sealed class FeedbackLookup(SiparDbContext db, FeedbackLookupThrottle throttle, IAgencies agencies, ICalendars calendars, TimeProvider clock, FeedbackOptions options)
{
    public async Task<CitizenFeedback?> FindAsync(string? code, string? secret, System.Net.IPAddress? address, CancellationToken ct)
    {
        var item = await LoadAsync(code, secret, address, tracked: false, ct);
        if (item is null)
        {
            return null;
        }

        var calendar = await calendars.GetAsync(ct);
        var today = VietnamTime.Today(clock);
        var category = await db.Set<FeedbackCategory>().AsNoTracking().Where(c => c.Id == item.CategoryId).Select(c => c.Name).FirstAsync(ct);
        return new CitizenFeedback(item.Code, category, item.Status, item.ReceivedAt, item.CurrentDue, item.ReferredTo,
            item.Status == FeedbackStatus.Closed ? item.Answer : null, item.SentOn, item.Published,
            item.Steps.Where(s => FeedbackStep.IsPublic(s.Action)).OrderBy(s => s.Order).Select(s => (s.Action, s.At)).ToList(),
            item.CanRate, item.CanReopen(today, options.ReopenWindowDays, calendar), item.Satisfied, await agencies.FindAsync(item.AgencyId, ct));
    }

    /// <summary>The sender rates the answer; unsatisfied within the window reopens it, later it flags it for the office.</summary>
    public async Task RateAsync(string? code, string? secret, bool? satisfied, string? reason, System.Net.IPAddress? address, CancellationToken ct)
    {
        var item = await LoadAsync(code, secret, address, tracked: true, ct) ?? throw new NotFoundException();
        var calendar = await calendars.GetAsync(ct);
        var today = VietnamTime.Today(clock);
        var days = await db.Set<FeedbackCategory>().Where(c => c.Id == item.CategoryId).Select(c => c.AnswerDays).FirstAsync(ct);
        item.Rate(satisfied, reason, item.CanReopen(today, options.ReopenWindowDays, calendar), today, days, calendar, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The sender reopens within the window, saying why.</summary>
    public async Task ReopenAsync(string? code, string? secret, string? reason, System.Net.IPAddress? address, CancellationToken ct)
    {
        var item = await LoadAsync(code, secret, address, tracked: true, ct) ?? throw new NotFoundException();
        var calendar = await calendars.GetAsync(ct);
        var today = VietnamTime.Today(clock);
        if (!item.CanReopen(today, options.ReopenWindowDays, calendar))
        {
            throw new DomainValidationException("", "Feedback.ReopenClosed", options.ReopenWindowDays);
        }

        var days = await db.Set<FeedbackCategory>().Where(c => c.Id == item.CategoryId).Select(c => c.AnswerDays).FirstAsync(ct);
        item.Reopen(FeedbackItem.Required(reason, "Reason", FeedbackItem.NoteMaxLength), today, days, calendar, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Published answers, newest first, searched without diacritics or case; one page of <paramref name="size"/>.</summary>
    public async Task<(IReadOnlyList<PublishedAnswer> Rows, int Total)> PublishedAsync(Guid? agencyId, string? search, int page, int size, CancellationToken ct)
    {
        var q = db.Set<FeedbackItem>().AsNoTracking().Where(f => f.Published);
        if (agencyId is { } a)
        {
            q = q.Where(f => f.AgencyId == a);
        }

        var key = VietnameseText.Fold(search);
        if (key.Length > 0)
        {
            q = q.Where(f => f.PublicText.Contains(key));
        }

        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(f => f.PublishedAt).Skip(Math.Max(0, page - 1) * size).Take(size)
            .Select(f => new { f.Code, f.CategoryId, f.AgencyId, f.ReceivedOn, f.SentOn, f.PublicQuestion, f.PublicAnswer }).ToListAsync(ct);
        var categories = await db.Set<FeedbackCategory>().AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var names = (await agencies.ListAsync(ct)).ToDictionary(x => x.Id, x => x.Name);
        return (rows.Select(r => new PublishedAnswer(r.Code, categories.GetValueOrDefault(r.CategoryId, ""), names.GetValueOrDefault(r.AgencyId, ""), r.ReceivedOn, r.SentOn,
            r.PublicQuestion ?? "", r.PublicAnswer ?? "")).ToList(), total);
    }

    private async Task<FeedbackItem?> LoadAsync(string? code, string? secret, System.Net.IPAddress? address, bool tracked, CancellationToken ct)
    {
        if (throttle.WaitFor(address) is { TotalSeconds: > 0 } wait)
        {
            throw new DomainValidationException("", "Lookup.Wait", (int)Math.Ceiling(wait.TotalSeconds));
        }

        var c = (code ?? "").Trim().ToUpperInvariant();
        var s = (secret ?? "").Trim().ToUpperInvariant();
        var q = tracked ? db.Set<FeedbackItem>() : db.Set<FeedbackItem>().AsNoTracking();
        var item = c.Length != FeedbackItem.CodeLength || s.Length != FeedbackItem.SecretLength
            ? null
            : await q.Include(f => f.Steps).FirstOrDefaultAsync(f => f.Code == c, ct);
        if (item is null || !System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.ASCII.GetBytes(item.LookupSecret), System.Text.Encoding.ASCII.GetBytes(s)))
        {
            throttle.Failed(address);
            return null;
        }

        throttle.Succeeded(address);
        return item;
    }
}
