using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Email;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Files;
using Sipar.Infrastructure.Localization;
using Sipar.Infrastructure.Time;
using Sipar.Modules.Accounts;
using Sipar.Modules.Calendar;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.Feedback;

/// <summary>A line of the staff's list (no contact details: those are on the item's own page, for whoever handles it).</summary>
internal sealed record FeedbackRow(
    Guid Id, string Code, string Category, bool IsConduct, FeedbackChannel Channel, FeedbackStatus Status, DateTime ReceivedAt, DateOnly? Due, string? UnitName,
    string Excerpt, bool Late, bool Escalated, bool Flagged);

/// <summary>The list's filter: status, "late" or "escalated", a search without diacritics.</summary>
internal sealed record FeedbackFilter(FeedbackStatus? Status = null, string? Search = null, string? Due = null);

/// <summary>An item as a handler sees it, with what this person may do now.</summary>
internal sealed record FeedbackView(
    FeedbackItem Item, FeedbackCategory Category, string? UnitName, string? NamedUnitName, IReadOnlyDictionary<Guid, string> People,
    bool CanHandle, bool CanAnswer, bool CanApprove, string SuggestedQuestion, string SuggestedAnswer, string? MergedIntoCode, int Version);

/// <summary>Handling on the working-day clock (pages, API and CLI call the same handlers). Every change is audited.</summary>
internal sealed partial class FeedbackDesk(
    SiparDbContext db, Capabilities can, CurrentUser me, ICalendars calendars, IAgencies agencies, TimeProvider clock, EmailSender email,
    IPeople people, FileStore files)
{
    public DateOnly Today => VietnamTime.Today(clock);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Whether the signed-in person may open the item: the office and leaders; the assigned unit unless it is a conduct complaint.</summary>
    public bool CanSee(FeedbackItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return SeesAll(item.AgencyId) || IsAssignedUnit(item);
    }

    private bool SeesAll(Guid agencyId) => can.Has(Capability.HandleFeedback, agencyId) || can.Has(Capability.ApproveForAgency, agencyId);

    private bool IsAssignedUnit(FeedbackItem item) =>
        !item.IsConduct && item.UnitId is { } u && me.UnitId == u && can.Has(Capability.WorkOnUnitTasks, item.AgencyId, u);

    /// <summary>Whether the person sees the agency's feedback at all (the office, leaders, or units that may answer).</summary>
    public bool MaySeeList(Guid agencyId) => SeesAll(agencyId) || (me.UnitId is { } u && can.Has(Capability.WorkOnUnitTasks, agencyId, u));

    public async Task<IReadOnlyList<FeedbackRow>> ListAsync(Guid agencyId, FeedbackFilter filter, CancellationToken ct, int take = 200, int skip = 0)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (!MaySeeList(agencyId))
        {
            throw new ForbiddenException();
        }

        var q = db.Set<FeedbackItem>().AsNoTracking().Where(f => f.AgencyId == agencyId);
        if (!SeesAll(agencyId))
        {
            var unit = me.UnitId;
            q = q.Where(f => f.UnitId == unit && !f.IsConduct);
        }

        if (filter.Status is { } s)
        {
            q = q.Where(f => f.Status == s);
        }

        var key = VietnameseText.Fold(filter.Search);
        if (key.Length > 0)
        {
            q = q.Where(f => f.SearchText.Contains(key));
        }

        var today = Today;
        q = filter.Due switch
        {
            "late" => q.Where(FeedbackStates.DueBefore(today)),
            "escalated" => q.Where(f => f.EscalatedOn != null && FeedbackStates.Open.Contains(f.Status)),
            "flagged" => q.Where(f => f.Flagged),
            _ => q,
        };
        var rows = await q.OrderByDescending(f => f.ReceivedAt).ThenByDescending(f => f.Id).Skip(skip).Take(take)
            .Select(f => new { f.Id, f.Code, f.CategoryId, f.IsConduct, f.Channel, f.Status, f.ReceivedAt, f.ClassifyDue, f.AnswerDue, f.UnitId, f.Description, f.EscalatedOn, f.Flagged })
            .ToListAsync(ct);
        var categories = await db.Set<FeedbackCategory>().AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var units = (await agencies.UnitsAsync(agencyId, ct)).ToDictionary(u => u.Id, u => u.Name);
        return rows.Select(r =>
        {
            var due = FeedbackStates.DueOf(r.Status, r.ClassifyDue, r.AnswerDue);
            return new FeedbackRow(r.Id, r.Code, categories.GetValueOrDefault(r.CategoryId, ""), r.IsConduct, r.Channel, r.Status, r.ReceivedAt, due,
                r.UnitId is { } u ? units.GetValueOrDefault(u) : null, r.Description.Length > 120 ? r.Description[..120] + "…" : r.Description,
                due is { } d && d < today, r.EscalatedOn is not null && FeedbackStates.IsOpen(r.Status), r.Flagged);
        }).ToList();
    }

    /// <summary>The list as .xlsx (no contact details); every text is written as text, never as a formula.</summary>
    public async Task<byte[]> WorkbookAsync(Guid agencyId, FeedbackFilter filter, CancellationToken ct)
    {
        var rows = await ListAsync(agencyId, filter, ct, 100_000);
        return Documents.SpreadsheetWriter.Write("Phan anh kien nghi",
            ["STT", "Mã", "Lĩnh vực", "Kênh", "Trạng thái", "Tiếp nhận", "Hạn", "Đơn vị", "Nội dung"],
            rows.Select((r, i) => (IReadOnlyList<string>)[
                (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), r.Code, r.Category, ChannelName(r.Channel), StatusName(r.Status),
                Show.Instant(r.ReceivedAt), Show.Date(r.Due) ?? "", r.UnitName ?? "", r.Excerpt]));
    }

    public async Task<FeedbackView> GetAsync(Guid id, CancellationToken ct)
    {
        var item = await db.Set<FeedbackItem>().AsNoTracking().Include(f => f.Steps).Include(f => f.Attachments).AsSplitQuery().FirstOrDefaultAsync(f => f.Id == id, ct)
            ?? throw new NotFoundException();
        if (!CanSee(item))
        {
            throw new NotFoundException();
        }

        var category = await db.Set<FeedbackCategory>().AsNoTracking().FirstAsync(c => c.Id == item.CategoryId, ct);
        var units = (await agencies.UnitsAsync(item.AgencyId, ct)).ToDictionary(u => u.Id, u => u.Name);
        var ids = item.Steps.Where(s => s.By is not null).Select(s => s.By!.Value).Distinct().ToList();
        var merged = item.MergedIntoId is { } m ? await db.Set<FeedbackItem>().Where(f => f.Id == m).Select(f => f.Code).FirstOrDefaultAsync(ct) : null;
        return new FeedbackView(item, category, item.UnitId is { } u ? units.GetValueOrDefault(u) : null, item.NamedUnitId is { } n ? units.GetValueOrDefault(n) : null,
            await people.NamesAsync(ids, ct), can.Has(Capability.HandleFeedback, item.AgencyId), CanAnswer(item), can.Has(Capability.ApproveForAgency, item.AgencyId),
            item.PublicQuestion ?? Redact(item.Description, item), item.PublicAnswer ?? Redact(item.Answer ?? "", item), merged,
            await db.StoredVersionAsync<FeedbackItem>(id, ct));
    }

    public async Task<(string Name, Stream Content)> AttachmentAsync(Guid id, Guid attachmentId, CancellationToken ct)
    {
        var item = await db.Set<FeedbackItem>().AsNoTracking().Include(f => f.Attachments).FirstOrDefaultAsync(f => f.Id == id, ct) ?? throw new NotFoundException();
        if (!CanSee(item))
        {
            throw new NotFoundException();
        }

        var file = item.Attachments.FirstOrDefault(a => a.Id == attachmentId) ?? throw new NotFoundException();
        return (file.FileName, files.Open(file.StorageKey));
    }

    public Task ClassifyAsync(Guid id, Guid categoryId, Guid? namedUnitId, int? version, CancellationToken ct) => ChangeAsync(id, version, Capability.HandleFeedback, async (item, calendar) =>
    {
        var category = await db.Set<FeedbackCategory>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == categoryId && c.Active, ct)
            ?? throw new DomainValidationException("CategoryId", "Feedback.ChooseCategory");
        if (namedUnitId is { } n && !(await agencies.UnitsAsync(item.AgencyId, ct)).Any(u => u.Id == n))
        {
            throw new DomainValidationException("NamedUnitId", "Feedback.UnknownUnit");
        }

        item.Classify(category, namedUnitId, Today, category.AnswerDays, calendar, Now, me.Id);
    }, ct);

    /// <summary>Out of scope: referred to the competent body; the sender is told by email when they gave one.</summary>
    public async Task ReferAsync(Guid id, string? referredTo, string? note, int? version, CancellationToken ct)
    {
        var item = await ChangeAsync(id, version, Capability.HandleFeedback, (item, _) =>
        {
            item.Refer(referredTo, note, Today, Now, me.Id);
            return Task.CompletedTask;
        }, ct);
        await NotifySenderAsync(item, $"Phản ánh {item.Code}: chuyển cơ quan có thẩm quyền",
            $"Phản ánh, kiến nghị {item.Code} không thuộc thẩm quyền giải quyết của cơ quan và đã được chuyển đến: {item.ReferredTo}.", ct);
    }

    public Task AssignAsync(Guid id, Guid unitId, int? version, CancellationToken ct) => ChangeAsync(id, version, Capability.HandleFeedback, async (item, _) =>
    {
        if (!(await agencies.UnitsAsync(item.AgencyId, ct)).Any(u => u.Id == unitId))
        {
            throw new DomainValidationException("UnitId", "Feedback.UnknownUnit");
        }

        item.Assign(unitId, Now, me.Id);
    }, ct);

    public Task AnswerAsync(Guid id, string? answer, int? version, CancellationToken ct) => ChangeAsync(id, version, null, (item, _) =>
    {
        if (!CanAnswer(item))
        {
            throw new ForbiddenException();
        }

        item.WriteAnswer(answer, Now, me.Id);
        return Task.CompletedTask;
    }, ct);

    public Task ReturnToUnitAsync(Guid id, string? reason, int? version, CancellationToken ct) => ChangeAsync(id, version, Capability.ApproveForAgency, (item, _) =>
    {
        item.ReturnToUnit(reason, Now, me.Id);
        return Task.CompletedTask;
    }, ct);

    public Task ApproveAsync(Guid id, string? answer, string? publicQuestion, string? publicAnswer, bool personalMatter, int? version, CancellationToken ct) =>
        ChangeAsync(id, version, Capability.ApproveForAgency, (item, _) =>
        {
            item.Approve(answer, publicQuestion, publicAnswer, personalMatter, Now, me.Id);
            return Task.CompletedTask;
        }, ct);

    /// <summary>Sends the approved answer to the sender (email when given) and publishes it when they consented.</summary>
    public async Task SendAsync(Guid id, int? version, CancellationToken ct)
    {
        var item = await db.Set<FeedbackItem>().Include(f => f.Steps).FirstOrDefaultAsync(f => f.Id == id, ct) ?? throw new NotFoundException();
        if (!can.Has(Capability.HandleFeedback, item.AgencyId) && !can.Has(Capability.ApproveForAgency, item.AgencyId))
        {
            throw new ForbiddenException();
        }

        db.ExpectVersion(item, version);
        item.Send(Today, await calendars.GetAsync(ct), Now, me.Id);
        await db.SaveChangesAsync(ct);
        await NotifySenderAsync(item, $"Trả lời phản ánh {item.Code}",
            $"Cơ quan trả lời phản ánh, kiến nghị {item.Code} của Ông/Bà:\n\n{item.Answer}\n\nÔng/Bà có thể đánh giá câu trả lời tại trang /phan-anh/tra-cuu.", ct);
    }

    /// <summary>A duplicate merges into the item with <paramref name="targetCode"/> (same agency); nothing is deleted.</summary>
    public async Task MergeAsync(Guid id, string? targetCode, int? version, CancellationToken ct)
    {
        var item = await db.Set<FeedbackItem>().Include(f => f.Steps).FirstOrDefaultAsync(f => f.Id == id, ct) ?? throw new NotFoundException();
        can.Ensure(Capability.HandleFeedback, item.AgencyId);
        db.ExpectVersion(item, version);
        var code = (targetCode ?? "").Trim().ToUpperInvariant();
        var target = await db.Set<FeedbackItem>().Include(f => f.Steps).FirstOrDefaultAsync(f => f.Code == code && f.AgencyId == item.AgencyId, ct)
            ?? throw new DomainValidationException("Target", "Feedback.BadMergeTarget");
        item.MergeInto(target, Now, me.Id);
        await db.SaveChangesAsync(ct);
    }

    private bool CanAnswer(FeedbackItem item) =>
        can.Has(Capability.HandleFeedback, item.AgencyId) || IsAssignedUnit(item);

    private async Task<FeedbackItem> ChangeAsync(Guid id, int? version, Capability? capability, Func<FeedbackItem, WorkingDayCalendar, Task> change, CancellationToken ct)
    {
        var item = await db.Set<FeedbackItem>().Include(f => f.Steps).FirstOrDefaultAsync(f => f.Id == id, ct) ?? throw new NotFoundException();
        if (!CanSee(item))
        {
            throw new NotFoundException();
        }

        if (capability is { } c)
        {
            can.Ensure(c, item.AgencyId);
        }

        db.ExpectVersion(item, version);
        await change(item, await calendars.GetAsync(ct));
        await db.SaveChangesAsync(ct);
        return item;
    }

    private async Task NotifySenderAsync(FeedbackItem item, string subject, string body, CancellationToken ct)
    {
        if (item.SenderEmail is { } to && email.Enabled)
        {
            await email.SendAsync([to], subject, body, ct);
        }
    }

    /// <summary>
    /// What the approver starts from for the public texts: the sender's name, phone numbers, emails and identity
    /// numbers replaced by "[đã ẩn]". The approver reads the preview and edits it; only their text is published.
    /// </summary>
    public static string Redact(string text, FeedbackItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var result = EmailPattern().Replace(text ?? "", Hidden);
        result = NumberPattern().Replace(result, Hidden);
        if (item.SenderName is { Length: >= 2 } name)
        {
            result = result.Replace(name, Hidden, StringComparison.OrdinalIgnoreCase);
        }

        return result;
    }

    public const string Hidden = "[đã ẩn]";

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(\.[\w-]+)+")]
    private static partial Regex EmailPattern();

    /// <summary>Phone and identity numbers: 9 or more digits, possibly with spaces, dots or dashes between them.</summary>
    [GeneratedRegex(@"\+?\d[\d .-]{7,}\d")]
    private static partial Regex NumberPattern();

    internal static string ChannelName(FeedbackChannel c) => c switch
    {
        FeedbackChannel.Hotline => "Đường dây nóng",
        FeedbackChannel.Letter => "Thư",
        FeedbackChannel.Email => "Thư điện tử",
        FeedbackChannel.InPerson => "Trực tiếp",
        _ => "Cổng trực tuyến",
    };

    internal static string StatusName(FeedbackStatus s) => s switch
    {
        FeedbackStatus.Received => "Đã tiếp nhận",
        FeedbackStatus.Classified => "Đã thụ lý",
        FeedbackStatus.Referred => "Chuyển cơ quan có thẩm quyền",
        FeedbackStatus.Assigned => "Đơn vị đang xử lý",
        FeedbackStatus.Answered => "Chờ lãnh đạo duyệt",
        FeedbackStatus.Approved => "Đã duyệt, chờ gửi",
        FeedbackStatus.Closed => "Đã trả lời",
        _ => "Đã gộp",
    };
}
