using System.Collections.Concurrent;

namespace Sipar.Infrastructure.Sms;

/// <summary>Sends a short text message to a phone. A province plugs in its operator's gateway behind this interface.</summary>
public interface ISmsSender
{
    Task SendAsync(string phone, string text, CancellationToken ct);
}

/// <summary>
/// The default sender: writes each message to the log (phone partly masked) and keeps the last ones for the
/// operations page and tests; no message leaves the machine until a gateway is configured.
/// </summary>
public sealed partial class LoggingSmsSender(ILogger<LoggingSmsSender> logger) : ISmsSender
{
    private const int Kept = 200;

    private readonly ConcurrentQueue<(string Phone, string Text)> sent = new();

    /// <summary>The most recent messages, oldest first.</summary>
    public IReadOnlyList<(string Phone, string Text)> Recent => [.. sent];

    public Task SendAsync(string phone, string text, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(phone);
        sent.Enqueue((phone, text));
        while (sent.Count > Kept && sent.TryDequeue(out _))
        {
        }

        if (logger.IsEnabled(LogLevel.Information))
        {
            var masked = Mask(phone);
            LogSms(logger, masked, text);
        }

        return Task.CompletedTask;
    }

    /// <summary>0912345678 → 091****678.</summary>
    public static string Mask(string phone) => phone.Length <= 6 ? new string('*', phone.Length) : phone[..3] + new string('*', phone.Length - 6) + phone[^3..];

    [LoggerMessage(Level = LogLevel.Information, Message = "SMS to {Phone}: {Text}")]
    private static partial void LogSms(ILogger logger, string phone, string text);
}
