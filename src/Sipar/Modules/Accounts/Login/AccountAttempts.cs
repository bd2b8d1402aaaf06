using System.Threading.RateLimiting;
using Sipar.Infrastructure.Localization;

namespace Sipar.Modules.Accounts;

/// <summary>
/// Login attempts per account name across all addresses (ASP.NET Core's rate limiter, a fixed window of
/// <c>RateLimits:LoginPerAccountPerMinute</c>, default 10): a guessing attack spread over many addresses gets that
/// many tries a minute at one account. The key is the email as typed, known or not, so the refusal reveals nothing.
/// </summary>
internal sealed class AccountAttempts(IConfiguration configuration) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(email =>
        RateLimitPartition.GetFixedWindowLimiter(email, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, configuration.GetValue("RateLimits:LoginPerAccountPerMinute", 10)),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    public bool TryAttempt(string? email)
    {
        using var lease = limiter.AttemptAcquire(VietnameseText.Fold(email));
        return lease.IsAcquired;
    }

    public void Dispose() => limiter.Dispose();
}
