namespace Sipar.Modules.Accounts;

/// <summary>
/// One signed-in browser or client. The login cookie names its session; the session is checked on every request,
/// so logging out, a lock, a password reset or change ends it at once, wherever the cookie was copied to.
/// </summary>
internal sealed class AccountSession
{
    public const int ClientMaxLength = 200;

    private AccountSession()
    {
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public DateTime StartedAt { get; private set; }

    /// <summary>The browser's user agent when it signed in, shortened (shown to nobody yet; kept for investigations).</summary>
    public string? Client { get; private set; }

    public DateTime? EndedAt { get; private set; }

    public SessionEnd? EndReason { get; private set; }

    public static AccountSession Start(Guid userId, string? client, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(),
        UserId = userId,
        StartedAt = now,
        Client = client is null ? null : client[..Math.Min(client.Length, ClientMaxLength)],
    };

    public void End(SessionEnd reason, DateTime now)
    {
        if (EndedAt is null)
        {
            EndedAt = now;
            EndReason = reason;
        }
    }
}

internal enum SessionEnd
{
    LoggedOut,
    Locked,
    PasswordReset,
    PasswordChanged,
}
