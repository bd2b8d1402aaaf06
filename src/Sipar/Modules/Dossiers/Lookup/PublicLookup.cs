using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Email;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Web;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.Dossiers;

/// <summary>Wrong dossier lookups per address (<see cref="GuessThrottle"/>): after 5 the address waits before its next guess is checked.</summary>
internal sealed class LookupThrottle(TimeProvider clock, IConfiguration configuration)
    : GuessThrottle(clock, Math.Max(1, configuration.GetValue("RateLimits:LookupFreeFailures", 5)));

/// <summary>What a citizen sees of their own dossier: no one else's, and nothing without the code and the secret.</summary>
internal sealed record CitizenDossier(
    Guid Id, string Code, string ProcedureName, string ApplicantName, DossierStatus Status, DateTime ReceivedAt, DateOnly? AppointmentDate,
    DateOnly? FinishedOn, string? SupplementMissing, string? RefusalReason, string? ApologyReason, IReadOnlyList<(DossierAction Action, DateTime At)> Timeline,
    bool CanRate, int? RatingOverall, AgencyInfo? Agency);

/// <summary>The citizens' lookup and rating (no login).</summary>
internal sealed partial class PublicLookup(SiparDbContext db, LookupThrottle throttle, IAgencies agencies, TimeProvider clock, EmailSender email, ILogger<PublicLookup> logger)
{
    /// <summary>The lookup page's address printed on the receipt: the <c>Dossiers:PublicUrl</c> setting, or this request's own host.</summary>
    public static string Url(HttpRequest? request, DossierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var root = !string.IsNullOrWhiteSpace(options.PublicUrl) ? options.PublicUrl.TrimEnd('/')
            : request is not null ? $"{request.Scheme}://{request.Host}" : "";
        return root + "/tra-cuu";
    }

    /// <summary>The dossier with this code and secret; null when either is wrong (the caller shows one friendly message for both).</summary>
    public async Task<CitizenDossier?> FindAsync(string? code, string? secret, System.Net.IPAddress? address, CancellationToken ct)
    {
        if (throttle.WaitFor(address) is { TotalSeconds: > 0 } wait)
        {
            throw new DomainValidationException("", "Lookup.Wait", (int)Math.Ceiling(wait.TotalSeconds));
        }

        var c = (code ?? "").Trim().ToUpperInvariant();
        var s = (secret ?? "").Trim().ToUpperInvariant();
        // Only what the citizen is shown, in one round trip (the steps as a nested collection); the agency's contacts after.
        var dossier = c.Length is 0 or > Dossier.CodeMaxLength || s.Length != Dossier.SecretLength
            ? null
            : await db.Set<Dossier>().AsNoTracking().Where(d => d.Code == c).Select(d => new
            {
                d.Id, d.Code, d.LookupSecret, d.AgencyId, d.ProcedureName, d.ApplicantName, d.Status, d.ReceivedAt, d.AppointmentDate, d.FinishedOn, d.SupplementMissing,
                d.RefusalReason, d.ApologyReason, d.ApologyIssuedOn, d.RatedAt, d.RatingOverall,
                Steps = d.Steps.Where(st => st.Action != DossierAction.Rate && st.Action != DossierAction.RequestApology).OrderBy(st => st.Order).Select(st => new { st.Action, st.At }).ToList(),
            }).FirstOrDefaultAsync(ct);
        if (dossier is null || !System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.ASCII.GetBytes(dossier.LookupSecret), System.Text.Encoding.ASCII.GetBytes(s)))
        {
            throttle.Failed(address);
            return null;
        }

        throttle.Succeeded(address);
        return new CitizenDossier(dossier.Id, dossier.Code, dossier.ProcedureName, dossier.ApplicantName, dossier.Status, dossier.ReceivedAt, dossier.AppointmentDate,
            dossier.FinishedOn, dossier.Status == DossierStatus.AwaitingSupplement ? dossier.SupplementMissing : null, dossier.RefusalReason,
            dossier.ApologyIssuedOn is null ? null : dossier.ApologyReason,
            dossier.Steps.Select(st => (st.Action, st.At)).ToList(),
            dossier.Status == DossierStatus.Returned && dossier.RatedAt is null, dossier.RatingOverall, await agencies.FindAsync(dossier.AgencyId, ct));
    }

    /// <summary>The citizen rates once after the return; an unsatisfied rating is sent to the agency's public email.</summary>
    public async Task RateAsync(string? code, string? secret, DossierRatingInput rating, System.Net.IPAddress? address, CancellationToken ct)
    {
        var found = await FindAsync(code, secret, address, ct) ?? throw new NotFoundException();
        var dossier = await db.Set<Dossier>().Include(d => d.Steps).FirstAsync(d => d.Id == found.Id, ct);
        dossier.Rate(rating, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        if (dossier.IsUnsatisfied)
        {
            LogUnsatisfied(logger, dossier.Code, dossier.RatingOverall ?? 0);
            if (found.Agency?.Email is { } to && email.Enabled)
            {
                await email.SendAsync([to], $"Hồ sơ {dossier.Code}: người dân chưa hài lòng",
                    $"Hồ sơ {dossier.Code} ({dossier.ProcedureName}) được đánh giá {dossier.RatingOverall}/5.\n{dossier.RatingComment}", ct);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dossier {Code} rated {Overall}/5: the office is alerted")]
    private static partial void LogUnsatisfied(ILogger logger, string code, int overall);
}
