using Sipar.Infrastructure.Web;

namespace Sipar.Modules.Accounts;

/// <summary>
/// Failed logins per address (<see cref="GuessThrottle"/>): after <c>RateLimits:LoginFreeFailures</c> (default 5)
/// failures the address waits before its next attempt is checked. A stranger guessing from one address therefore
/// reaches an account's lockout only after hours, and a real user at another address is never kept out.
/// </summary>
internal sealed class LoginThrottle(TimeProvider clock, IConfiguration configuration)
    : GuessThrottle(clock, Math.Max(1, configuration.GetValue("RateLimits:LoginFreeFailures", 5)));
