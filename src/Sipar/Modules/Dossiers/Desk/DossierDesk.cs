using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Localization;
using Sipar.Infrastructure.Time;
using Sipar.Modules.Accounts;
using Sipar.Modules.Calendar;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.Dossiers;

/// <summary>The settings of the one-stop desk (section <c>Dossiers</c>), with the defaults the law suggests.</summary>
internal sealed class DossierOptions
{
    /// <summary>Dossiers received on or after this date use the TT 03/2025 form set (Nghị định 118/2025 in force from 01/7/2025).</summary>
    public DateOnly Regime2025From { get; set; } = new(2025, 7, 1);

    /// <summary>While documents asked for during processing are awaited: Pause (default) or Restart.</summary>
    public SupplementClock SupplementClock { get; set; } = SupplementClock.Pause;

    /// <summary>Days off on which the desk opens anyway (e.g. a Saturday service day).</summary>
    public List<DateOnly> DeskOpenOn { get; set; } = [];

    /// <summary>Ask for the apology letter this many working days before the appointment date.</summary>
    public int ApologyWarningDays { get; set; } = 1;

    /// <summary>How often the background job asks for apology letters (minutes); 0 turns it off.</summary>
    public int PromptEveryMinutes { get; set; } = 60;

    /// <summary>The public address printed on receipts (e.g. <c>https://motcua.example.gov.vn</c>); empty: the request's host.</summary>
    public string? PublicUrl { get; set; }

    public FormSet FormSetOn(DateOnly receiptDate) => receiptDate >= Regime2025From ? FormSet.Tt03Of2025 : FormSet.Tt01Of2018;
}

/// <param name="ReceivedAt">When a dossier that came by post or online arrived (Vietnam time); at the desk the clock decides.</param>
internal sealed record ReceiveInput(Guid ProcedureId, string? ApplicantName, string? Phone, string? Email, string? Address, DossierChannel Channel, DateTime? ReceivedAt = null);

internal sealed record DossierRow(
    Guid Id, string Code, string ProcedureName, string ApplicantName, DossierStatus Status, DateTime ReceivedAt, DateOnly? AppointmentDate, DateOnly? FinishedOn, bool SoonLate,
    DossierChannel Channel);

/// <summary>The register's filter: status, receipt dates (Vietnam, inclusive) and a search without diacritics.</summary>
internal sealed record RegisterFilter(DossierStatus? Status = null, string? Search = null, DateOnly? From = null, DateOnly? To = null, string? Due = null);

/// <summary>A dossier as the desk, the processing unit and leaders see it: the record, what each may do now.</summary>
internal sealed record DossierView(Dossier Dossier, string? UnitName, bool CanDesk, bool CanProcess, bool CanLead, bool ApologyDue, string? OfficerName = null);

/// <summary>Handlers for the desk's work on dossiers (pages, API and CLI call the same ones). Every change is audited.</summary>
internal sealed class DossierDesk(
    SiparDbContext db, Capabilities can, CurrentUser me, ICalendars calendars, IAgencies agencies, TimeProvider clock, DossierOptions options, DossierNotices notices,
    IHttpContextAccessor http, IPeople people, Infrastructure.Observability.SiparMetrics metrics)
{
    public DateOnly Today => VietnamTime.Today(clock);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Tiếp nhận: records the dossier and its code; on a day off the desk is closed unless the settings open it.</summary>
    public async Task<Guid> ReceiveAsync(Guid agencyId, ReceiveInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        can.Ensure(Capability.ReceiveDossiers, agencyId);
        var procedure = await db.Set<Procedure>().FirstOrDefaultAsync(p => p.Id == input.ProcedureId && p.AgencyId == agencyId, ct)
            ?? throw new DomainValidationException("ProcedureId", "Dossier.ProcedureNotOffered");
        var calendar = await calendars.GetAsync(ct);
        var now = Now;
        var today = VietnamTime.DateOf(now);
        var open = calendar.IsWorkingDay(today) || options.DeskOpenOn.Contains(today);
        var receivedAt = now;
        if (input.Channel != DossierChannel.Desk && input.ReceivedAt is { } typed)
        {
            // Post and the online portal deliver what arrived earlier: the time it arrived counts, never a time to come.
            receivedAt = VietnamTime.StartOfDayUtc(DateOnly.FromDateTime(typed)).Add(typed.TimeOfDay);
            if (receivedAt > now)
            {
                throw new DomainValidationException("ReceivedAt", "Dossier.ReceivedInFuture");
            }

            if (receivedAt < now.AddDays(-MaxReceiptAgeDays))
            {
                throw new DomainValidationException("ReceivedAt", "Dossier.ReceivedTooLongAgo", MaxReceiptAgeDays);
            }
        }
        var agency = await agencies.FindAsync(agencyId, ct) ?? throw new NotFoundException();
        var prefix = $"{Slug(agency.Symbol)}-{today:yyMMdd}-";
        var applicant = new DossierApplicant(input.ApplicantName, input.Phone, input.Email, input.Address);
        for (var attempt = 1; ; attempt++)
        {
            // The day's next number; two desks taking the same one at once: the unique code refuses one, which takes the next.
            var count = await db.Set<Dossier>().CountAsync(d => d.Code.StartsWith(prefix), ct);
            var code = prefix + (count + 1).ToString("0000", System.Globalization.CultureInfo.InvariantCulture);
            var dossier = Dossier.Receive(agencyId, code, procedure, applicant, input.Channel, receivedAt, open, options.FormSetOn(VietnamTime.DateOf(receivedAt)), me.Id);
            db.Add(dossier);
            try
            {
                await db.SaveChangesAsync(ct);
                metrics.DossierReceived(input.Channel.ToString());
                return dossier.Id;
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    public async Task<DossierView> GetAsync(Guid id, CancellationToken ct)
    {
        var dossier = await db.Set<Dossier>().AsNoTracking().Include(d => d.Steps).FirstOrDefaultAsync(d => d.Id == id, ct) ?? throw new NotFoundException();
        EnsureCanSee(dossier);
        var unit = dossier.UnitId is { } u ? (await agencies.UnitsAsync(dossier.AgencyId, ct)).FirstOrDefault(x => x.Id == u)?.Name : null;
        var calendar = await calendars.GetAsync(ct);
        var apologyDue = dossier is { IsClosed: false, AppointmentDate: { } due, ApologyIssuedOn: null, Status: not DossierStatus.ResultReady }
            && calendar.SubtractWorkingDays(due, Math.Max(0, options.ApologyWarningDays)) <= Today;
        var officer = dossier.OfficerId is { } o ? (await people.NamesAsync([o], ct)).GetValueOrDefault(o) : null;
        return new DossierView(dossier, unit, can.Has(Capability.ReceiveDossiers, dossier.AgencyId), CanProcess(dossier),
            can.Has(Capability.ApproveForAgency, dossier.AgencyId), apologyDue, officer);
    }

    /// <summary>Sổ theo dõi hồ sơ (form 07): the agency's dossiers, newest first, filtered by status, receipt dates and text (code, applicant, procedure).</summary>
    public async Task<IReadOnlyList<DossierRow>> RegisterAsync(Guid agencyId, RegisterFilter filter, CancellationToken ct, int take = 200, int skip = 0)
    {
        ArgumentNullException.ThrowIfNull(filter);
        can.Ensure(Capability.ReadAgency, agencyId);
        var q = db.Set<Dossier>().AsNoTracking().Where(d => d.AgencyId == agencyId);
        if (!can.Has(Capability.ReceiveDossiers, agencyId) && !can.Has(Capability.ApproveForAgency, agencyId) && !can.Has(Capability.RunPlan, agencyId))
        {
            var unit = me.UnitId;
            q = q.Where(d => d.UnitId == unit);
        }

        if (filter.Status is { } s)
        {
            q = q.Where(d => d.Status == s);
        }

        if (filter.From is { } from)
        {
            var start = VietnamTime.StartOfDayUtc(from);
            q = q.Where(d => d.ReceivedAt >= start);
        }

        if (filter.To is { } to)
        {
            var end = VietnamTime.StartOfDayUtc(to.AddDays(1));
            q = q.Where(d => d.ReceivedAt < end);
        }

        var key = VietnameseText.Fold(filter.Search);
        if (key.Length > 0)
        {
            q = q.Where(d => d.SearchText.Contains(key));
        }

        var calendar = await calendars.GetAsync(ct);
        var soon = calendar.AddWorkingDays(Today, Math.Max(0, options.ApologyWarningDays));
        var today = Today;
        // "soon": open and due within the apology warning; "late": open past its date (the leadership dashboard's links).
        q = filter.Due switch
        {
            "soon" => q.Where(d => d.ClosedAt == null && d.FinishedOn == null && d.AppointmentDate >= today && d.AppointmentDate <= soon),
            "late" => q.Where(d => d.ClosedAt == null && d.FinishedOn == null && d.AppointmentDate < today),
            _ => q,
        };
        var rows = await q.OrderByDescending(d => d.ReceivedAt).ThenByDescending(d => d.Id).Skip(skip).Take(take)
            .Select(d => new { d.Id, d.Code, d.ProcedureName, d.ApplicantName, d.Status, d.ReceivedAt, d.AppointmentDate, d.FinishedOn, d.Channel }).ToListAsync(ct);
        return rows.Select(r => new DossierRow(r.Id, r.Code, r.ProcedureName, r.ApplicantName, r.Status, r.ReceivedAt, r.AppointmentDate, r.FinishedOn,
            r.FinishedOn is null && r.AppointmentDate <= soon && r.Status is not (DossierStatus.Refused or DossierStatus.Stopped or DossierStatus.Returned), r.Channel)).ToList();
    }

    /// <summary>The register as .xlsx (form 07), up to <see cref="ExportMaxRows"/> rows with the same filter as the page.</summary>
    public async Task<byte[]> RegisterWorkbookAsync(Guid agencyId, RegisterFilter filter, CancellationToken ct)
    {
        var rows = await RegisterAsync(agencyId, filter, ct, ExportMaxRows);
        string Outcome(DossierRow r) => r.FinishedOn is { } f && r.AppointmentDate is { } due
            ? Dossier.Compare(f, due) switch { Timeliness.Early => "Trước hạn", Timeliness.OnTime => "Đúng hạn", _ => "Quá hạn" }
            : "";
        return Documents.SpreadsheetWriter.Write("So theo doi ho so",
            ["STT", "Mã hồ sơ", "Thủ tục", "Người nộp", "Hình thức nộp", "Nhận lúc", "Ngày hẹn trả", "Ngày có kết quả", "Kết quả", "Trạng thái"],
            rows.Select((r, i) => (IReadOnlyList<string>)[
                (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), r.Code, r.ProcedureName, r.ApplicantName, ChannelName(r.Channel),
                Show.Instant(r.ReceivedAt), Show.Date(r.AppointmentDate) ?? "", Show.Date(r.FinishedOn) ?? "", Outcome(r), StatusName(r.Status)]));
    }

    /// <summary>One of the dossier's forms (.docx) for whoever may see the dossier.</summary>
    public async Task<(string FileName, byte[] Content)> FormAsync(Guid id, DossierForm form, string lookupUrl, CancellationToken ct)
    {
        var dossier = await db.Set<Dossier>().AsNoTracking().Include(d => d.Steps).FirstOrDefaultAsync(d => d.Id == id, ct) ?? throw new NotFoundException();
        EnsureCanSee(dossier);
        var agency = await agencies.FindAsync(dossier.AgencyId, ct) ?? throw new NotFoundException();
        var units = (await agencies.UnitsAsync(dossier.AgencyId, ct)).ToDictionary(u => u.Id, u => u.Name);
        return DossierForms.Write(dossier, form, agency, units, lookupUrl);
    }

    public const int ExportMaxRows = 100_000;

    /// <summary>How far back a dossier that came by post or online may be recorded.</summary>
    public const int MaxReceiptAgeDays = 30;

    internal static string ChannelName(DossierChannel c) => c switch { DossierChannel.Online => "Trực tuyến", DossierChannel.Post => "Bưu chính", _ => "Trực tiếp" };

    internal static string StatusName(DossierStatus s) => s switch
    {
        DossierStatus.Checking => "Đang kiểm tra",
        DossierStatus.AwaitingSupplement => "Chờ bổ sung",
        DossierStatus.Accepted => "Đã tiếp nhận",
        DossierStatus.Processing => "Đang xử lý",
        DossierStatus.AwaitingSignature => "Chờ ký duyệt",
        DossierStatus.ResultReady => "Có kết quả, chờ trả",
        DossierStatus.Returned => "Đã trả kết quả",
        DossierStatus.Refused => "Đã từ chối",
        _ => "Đã dừng giải quyết",
    };

    public Task AcceptAsync(Guid id, IReadOnlyCollection<string> documents, CancellationToken ct) =>
        ChangeAsync(id, Desk, async d => d.Accept(documents, await calendars.GetAsync(ct), Now, me.Id), ct);

    /// <summary>At the desk (checking) or by the processing unit; a second request needs a leader and a reason.</summary>
    public Task RequestSupplementAsync(Guid id, IReadOnlyCollection<string> missing, string? overrideReason, CancellationToken ct) =>
        ChangeAsync(id, d => d.Status == DossierStatus.Checking ? Desk(d) : CanProcess(d) || Desk(d), d =>
        {
            d.RequestSupplement(missing, Now, me.Id, overrideReason, can.Has(Capability.ApproveForAgency, d.AgencyId));
            return Task.CompletedTask;
        }, ct);

    public Task CompleteSupplementAsync(Guid id, CancellationToken ct) =>
        ChangeAsync(id, Desk, async d => d.CompleteSupplement(await calendars.GetAsync(ct), options.SupplementClock, Now, me.Id), ct);

    public Task RefuseAsync(Guid id, string? reason, CancellationToken ct) => ChangeAsync(id, Desk, d => Sync(() => d.Refuse(reason, Now, me.Id)), ct);

    /// <summary>Chuyển xử lý: to a unit of the dossier's agency and, optionally, a named officer of that unit.</summary>
    public Task AssignAsync(Guid id, Guid unitId, Guid? officerId, int? step, DateOnly? stepDue, CancellationToken ct) =>
        // The unit and officer are checked once the caller may assign this dossier at all: a caller from elsewhere
        // learns nothing about it from the messages.
        ChangeAsync(id, d => Desk(d) || CanProcess(d), async d =>
        {
            if (!(await agencies.UnitsAsync(d.AgencyId, ct)).Any(u => u.Id == unitId))
            {
                throw new DomainValidationException("UnitId", "Error.UnitOtherAgency");
            }

            if (officerId is { } officer && !(await people.InUnitsAsync([unitId], ct)).Any(p => p.Id == officer))
            {
                throw new DomainValidationException("OfficerId", "Dossier.OfficerOtherUnit");
            }

            d.Assign(unitId, officerId, step, stepDue, Now, me.Id);
        }, ct);

    public Task SubmitForSignatureAsync(Guid id, CancellationToken ct) => ChangeAsync(id, CanProcess, d => Sync(() => d.SubmitForSignature(Now, me.Id)), ct);

    public Task SignAsync(Guid id, CancellationToken ct) => ChangeAsync(id, Lead, async d => d.Sign(Now, me.Id, await calendars.GetAsync(ct)), ct);

    public async Task ReturnAsync(Guid id, ResultDelivery delivery, CancellationToken ct)
    {
        Dossier? returned = null;
        await ChangeAsync(id, Desk, d => Sync(() => { d.Return(delivery, Now, me.Id); returned = d; }), ct);
        metrics.DossierReturned(returned?.Outcome switch { Timeliness.Early => "early", Timeliness.OnTime => "on_time", Timeliness.Late => "late", _ => "unknown" });
    }

    public Task RequestApologyAsync(Guid id, string? reason, DateOnly? newDate, CancellationToken ct) =>
        ChangeAsync(id, d => CanProcess(d) || Desk(d), d => Sync(() => d.RequestApology(reason, newDate, Now, me.Id)), ct);

    public Task ApproveApologyAsync(Guid id, CancellationToken ct) => ChangeAsync(id, Lead, d => Sync(() => d.ApproveApology(Now, me.Id)), ct);

    public Task StopAsync(Guid id, string? reason, CancellationToken ct) => ChangeAsync(id, Lead, d => Sync(() => d.Stop(reason, Now, me.Id)), ct);

    private bool Desk(Dossier d) => can.Has(Capability.ReceiveDossiers, d.AgencyId);

    private bool Lead(Dossier d) => can.Has(Capability.ApproveForAgency, d.AgencyId);

    private bool CanProcess(Dossier d) => d.UnitId is { } u && can.Has(Capability.ProcessDossiers, d.AgencyId, u);

    private void EnsureCanSee(Dossier d)
    {
        if (!Desk(d) && !Lead(d) && !can.Has(Capability.RunPlan, d.AgencyId) && !CanProcess(d))
        {
            throw new ForbiddenException();
        }
    }

    private async Task ChangeAsync(Guid id, Func<Dossier, bool> allowed, Func<Dossier, Task> change, CancellationToken ct)
    {
        var dossier = await db.Set<Dossier>().Include(d => d.Steps).FirstOrDefaultAsync(d => d.Id == id, ct) ?? throw new NotFoundException();
        // Every capability asked here is scoped to the dossier's agency (or its unit).
        if (!allowed(dossier))
        {
            throw new ForbiddenException();
        }

        if (dossier.ImportRunId is not null)
        {
            throw new DomainValidationException("", "Dossier.ImportedReadOnly");
        }

        var before = dossier.Steps.Count;
        await change(dossier);
        await db.SaveChangesAsync(ct);
        if (dossier.Steps.Count > before)
        {
            var request = http.HttpContext?.Request;
            var url = !string.IsNullOrWhiteSpace(options.PublicUrl) || request is not null ? PublicLookup.Url(request, options) : null;
            await notices.AfterAsync(dossier, dossier.Steps[^1].Action, url, ct);
        }
    }

    private static Task Sync(Action action)
    {
        action();
        return Task.CompletedTask;
    }

    private static string Slug(string symbol) => new(VietnameseText.Fold(symbol).ToUpperInvariant().Where(char.IsAsciiLetterOrDigit).ToArray());
}
