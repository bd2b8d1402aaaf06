using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Email;
using Sipar.Infrastructure.Localization;
using Sipar.Infrastructure.Sms;
using Sipar.Infrastructure.Time;
using Sipar.Modules.Accounts;
using Sipar.Modules.Calendar;

namespace Sipar.Modules.Dossiers;

/// <summary>
/// Tells the citizen, by email (the SMTP settings) and SMS (<see cref="ISmsSender"/>), what just happened to their
/// dossier: the receipt with the code, secret and date; documents asked for; refusal; result ready; a new date with
/// the apology; a stop. A failed send is logged and never undoes the desk's action.
/// </summary>
internal sealed partial class DossierNotices(EmailSender email, ISmsSender sms, ILogger<DossierNotices> logger)
{
    public async Task AfterAsync(Dossier d, DossierAction action, string? lookupUrl, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(d);
        var where = lookupUrl is null ? "trang Tra cứu hồ sơ" : lookupUrl;
        var text = action switch
        {
            DossierAction.Accept => $"Hồ sơ {d.Code} ({d.ProcedureName}) đã được tiếp nhận, hẹn trả kết quả ngày {Show.Date(d.AppointmentDate)}. Mã tra cứu: {d.LookupSecret}. Tra cứu tại {where}.",
            DossierAction.RequestSupplement => $"Hồ sơ {d.Code} cần bổ sung: {d.SupplementMissing?.Replace('\n', ';')}. Xin mang đủ một lần.",
            DossierAction.Refuse => $"Hồ sơ {d.Code} không được tiếp nhận. Lý do: {d.RefusalReason}",
            DossierAction.Sign => $"Hồ sơ {d.Code} đã có kết quả. Mời ông/bà nhận kết quả tại Bộ phận Một cửa.",
            DossierAction.ApproveApology => $"Hồ sơ {d.Code} chậm so với hẹn. Cơ quan xin lỗi ông/bà và hẹn trả kết quả ngày {Show.Date(d.AppointmentDate)}. Lý do: {d.ApologyReason}",
            DossierAction.Stop => $"Hồ sơ {d.Code} được dừng giải quyết. Lý do: {d.StopReason}",
            _ => null,
        };
        if (text is null)
        {
            return;
        }

        try
        {
            if (d.ApplicantEmail is { } to && email.Enabled)
            {
                await email.SendAsync([to], $"Hồ sơ {d.Code}", text, ct);
            }

            if (d.ApplicantPhone is { } phone)
            {
                await sms.SendAsync(phone, text, ct);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or HttpRequestException)
        {
            LogFailed(logger, d.Code, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notice for dossier {Code} not sent: {Reason}")]
    private static partial void LogFailed(ILogger logger, string code, string reason);
}

/// <summary>
/// Asks the processing unit for the apology and extension letter (form 04) <see cref="DossierOptions.ApologyWarningDays"/>
/// working days before the appointment date of an open dossier that has none, once per dossier (the background job
/// runs it every <see cref="DossierOptions.PromptEveryMinutes"/> minutes).
/// </summary>
internal sealed partial class ApologyPrompter(SiparDbContext db, ICalendars calendars, IPeople people, EmailSender email, DossierOptions options, TimeProvider clock, ILogger<ApologyPrompter> logger)
{
    /// <summary>Prompts for every dossier now due for it; returns how many were prompted.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var today = VietnamTime.Today(clock);
        var limit = (await calendars.GetAsync(ct)).AddWorkingDays(today, Math.Max(0, options.ApologyWarningDays));
        var due = await db.Set<Dossier>()
            .Where(d => d.ClosedAt == null && d.FinishedOn == null && d.ImportRunId == null && d.AppointmentDate != null && d.AppointmentDate <= limit
                && d.ApologyRequestedAt == null && d.ApologyPromptedOn == null)
            .OrderBy(d => d.AppointmentDate).Take(500).ToListAsync(ct);
        // One lookup of the people of all the units concerned, not one per dossier.
        var units = due.Where(d => d.UnitId is not null).Select(d => d.UnitId!.Value).Distinct().ToList();
        var emails = units.Count == 0 ? new Dictionary<Guid, IReadOnlyList<string>>() : await people.EmailsOfUnitsAsync(units, ct);
        foreach (var d in due)
        {
            var to = d.UnitId is { } unit ? emails.GetValueOrDefault(unit) ?? [] : [];
            if (email.Enabled && to.Count > 0)
            {
                await email.SendAsync(to, $"Hồ sơ {d.Code} sắp đến hạn: cần văn bản xin lỗi, gia hạn",
                    string.Create(CultureInfo.InvariantCulture, $"Hồ sơ {d.Code} ({d.ProcedureName}) hẹn trả ngày {Show.Date(d.AppointmentDate)}. Nếu không kịp, hãy lập văn bản xin lỗi và đề nghị gia hạn (mẫu 04) trước ngày hẹn để lãnh đạo duyệt."), ct);
            }

            d.MarkApologyPrompted(today);
        }

        await db.SaveChangesAsync(ct);
        if (due.Count > 0)
        {
            LogPrompted(logger, due.Count);
        }

        return due.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Asked for {Count} apology letters")]
    private static partial void LogPrompted(ILogger logger, int count);
}

/// <summary>Runs <see cref="ApologyPrompter"/> on the injected clock; a failed run is logged and tried again next time.</summary>
internal sealed partial class ApologyPromptJob(IServiceScopeFactory scopes, DossierOptions options, TimeProvider clock, Infrastructure.Observability.SiparMetrics metrics, ILogger<ApologyPromptJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.PromptEveryMinutes <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.PromptEveryMinutes), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await metrics.RunJobAsync("apology-prompts", () => scope.ServiceProvider.GetRequiredService<ApologyPrompter>().RunAsync(stoppingToken));
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or TimeoutException)
            {
                LogFailed(logger, e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Apology prompts failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}
