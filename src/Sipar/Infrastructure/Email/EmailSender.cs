using System.Net;
using System.Net.Mail;

namespace Sipar.Infrastructure.Email;

/// <summary>The <c>Smtp</c> configuration section. Email is sent only when <see cref="Host"/> is set.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    public bool EnableSsl { get; set; }

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "sipar@localhost";

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}

/// <summary>Sends plain-text email through the configured SMTP server; does nothing when none is configured.</summary>
public sealed partial class EmailSender(SmtpOptions options, ILogger<EmailSender> logger)
{
    public bool Enabled => options.Enabled;

    /// <summary>Sends one message per recipient; returns how many were accepted. Failures are logged, never thrown.</summary>
    public async Task<int> SendAsync(IEnumerable<string> to, string subject, string body, CancellationToken ct)
    {
        if (!options.Enabled)
        {
            return 0;
        }

        var sent = 0;
        using var client = new SmtpClient(options.Host, options.Port) { EnableSsl = options.EnableSsl, DeliveryMethod = SmtpDeliveryMethod.Network };
        if (!string.IsNullOrEmpty(options.UserName))
        {
            client.Credentials = new NetworkCredential(options.UserName, options.Password);
        }

        foreach (var address in to.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            try
            {
                using var message = new MailMessage(options.From, address, subject, body) { BodyEncoding = System.Text.Encoding.UTF8, SubjectEncoding = System.Text.Encoding.UTF8 };
                await client.SendMailAsync(message, ct);
                sent++;
            }
            catch (Exception e) when (e is SmtpException or FormatException or InvalidOperationException)
            {
                LogFailed(logger, address, e.Message);
            }
        }

        return sent;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email to {Address} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string address, string reason);
}
