using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Email;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Files;
using Sipar.Modules.Accounts;
using Sipar.Modules.Calendar;
using Sipar.Modules.Dossiers;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.Feedback;

/// <summary>The settings of the feedback module (section <c>Feedback</c>).</summary>
internal sealed class FeedbackOptions
{
    /// <summary>Working days after the answer during which the sender may reopen it.</summary>
    public int ReopenWindowDays { get; set; } = 10;

    /// <summary>Remind the handler this many working days before the step's deadline.</summary>
    public int RemindDaysBefore { get; set; } = 1;

    /// <summary>How often the deadline job runs (minutes); 0 turns it off.</summary>
    public int CheckEveryMinutes { get; set; } = 60;

    /// <summary>Accepted public submissions per client address per hour.</summary>
    public int SubmissionsPerHour { get; set; } = 5;

    public int MaxAttachments { get; set; } = 3;

    public int MaxAttachmentBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>How long a challenge stays valid (minutes).</summary>
    public int ChallengeMinutes { get; set; } = 60;

    /// <summary>A category or procedure counts as recurring from this many items in a period.</summary>
    public int RecurringThreshold { get; set; } = 5;
}

/// <summary>
/// The challenge on the public form, with no outside service: a small sum whose numbers travel in a token protected
/// by ASP.NET Core Data Protection (so no server state until it is used), valid for <see cref="FeedbackOptions.ChallengeMinutes"/>
/// and used once (the used tokens are remembered until they expire, per instance).
/// </summary>
internal sealed class FeedbackChallenge(IDataProtectionProvider protection, TimeProvider clock, FeedbackOptions options)
{
    // A plain protector with the expiry inside the payload: the time-limited one reads the wall clock, not the injected one.
    private readonly IDataProtector protector = protection.CreateProtector("Sipar.Feedback.Challenge");
    private readonly ConcurrentDictionary<string, DateTimeOffset> used = new(StringComparer.Ordinal);

    internal sealed record Issued(string Token, int A, int B);

    public Issued Issue()
    {
        var a = RandomNumberGenerator.GetInt32(1, 10);
        var b = RandomNumberGenerator.GetInt32(1, 10);
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        var expires = clock.GetUtcNow().AddMinutes(Math.Max(1, options.ChallengeMinutes)).ToUnixTimeSeconds();
        var payload = string.Create(CultureInfo.InvariantCulture, $"{a}:{b}:{nonce}:{expires}");
        var token = protector.Protect(payload);
        return new Issued(token, a, b);
    }

    /// <summary>The numbers of a token still valid and unused; null otherwise.</summary>
    public (int A, int B)? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1000 || used.ContainsKey(token))
        {
            return null;
        }

        try
        {
            var parts = protector.Unprotect(token).Split(':');
            return parts.Length == 4 && long.Parse(parts[3], CultureInfo.InvariantCulture) > clock.GetUtcNow().ToUnixTimeSeconds()
                ? (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture))
                : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>Checks the answer and spends the token (a wrong answer spends it too: the form shows a new sum).</summary>
    public bool Verify(string? token, string? answer)
    {
        if (Read(token) is not { } q)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        if (used.Count > 100_000)
        {
            foreach (var (key, at) in used)
            {
                if (now - at > TimeSpan.FromMinutes(Math.Max(1, options.ChallengeMinutes)))
                {
                    used.TryRemove(key, out _);
                }
            }
        }

        return used.TryAdd(token!, now) && int.TryParse((answer ?? "").Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n == q.A + q.B;
    }
}

/// <summary>Accepted public submissions per client address in a sliding hour (per instance, on the injected clock).</summary>
internal sealed class FeedbackThrottle(TimeProvider clock, FeedbackOptions options)
{
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> accepted = new(StringComparer.Ordinal);

    /// <summary>How long the address must wait before its next submission is accepted; zero when it may send now.</summary>
    public TimeSpan WaitFor(IPAddress? address)
    {
        if (!accepted.TryGetValue(Key(address), out var times))
        {
            return TimeSpan.Zero;
        }

        var now = clock.GetUtcNow();
        lock (times)
        {
            while (times.Count > 0 && now - times.Peek() >= TimeSpan.FromHours(1))
            {
                times.Dequeue();
            }

            return times.Count < Math.Max(1, options.SubmissionsPerHour) ? TimeSpan.Zero : times.Peek().AddHours(1) - now;
        }
    }

    public void Accepted(IPAddress? address)
    {
        var times = accepted.GetOrAdd(Key(address), _ => new Queue<DateTimeOffset>());
        lock (times)
        {
            times.Enqueue(clock.GetUtcNow());
        }
    }

    private static string Key(IPAddress? address) => address?.ToString() ?? "unknown";
}

/// <summary>What the sender is given once the item is recorded.</summary>
internal sealed record FeedbackReceipt(Guid Id, string Code, string Secret, DateOnly ClassifyDue);

/// <summary>An attachment as it came in (a form file or a JSON API's base64).</summary>
internal sealed record IncomingFile(string FileName, long Length, Func<Stream> Open);

/// <summary>
/// Intake on every channel: the public form and API (challenge, throttle) and staff entering what came by hotline,
/// letter, email or in person. Everything is checked before anything is saved.
/// </summary>
internal sealed class FeedbackIntake(
    SiparDbContext db, IAgencies agencies, ICalendars calendars, IDossierRecords dossiers, FileStore files, TimeProvider clock, FeedbackOptions options,
    FeedbackChallenge challenge, FeedbackThrottle throttle, EmailSender email, Capabilities can, CurrentUser me, Infrastructure.Observability.SiparMetrics metrics)
{
    private static readonly Dictionary<string, string> AttachmentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = "application/pdf",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".png"] = "image/png",
    };

    public async Task<IReadOnlyList<FeedbackCategory>> CategoriesAsync(CancellationToken ct) =>
        await db.Set<FeedbackCategory>().AsNoTracking().Where(c => c.Active).OrderBy(c => c.Order).ToListAsync(ct);

    /// <summary>A citizen's submission (no login): throttle, challenge and honeypot first, then the same checks as staff intake.</summary>
    public async Task<FeedbackReceipt> SubmitPublicAsync(
        Guid agencyId, FeedbackIntakeInput input, IReadOnlyList<IncomingFile> attachments, string? challengeToken, string? challengeAnswer, string? honeypot,
        IPAddress? address, CancellationToken ct)
    {
        if (throttle.WaitFor(address) is { TotalSeconds: > 0 } wait)
        {
            throw new DomainValidationException("", "Feedback.TooMany", (int)Math.Ceiling(wait.TotalMinutes));
        }

        var errors = new List<FieldError>();
        if (!string.IsNullOrEmpty(honeypot) || !challenge.Verify(challengeToken, challengeAnswer))
        {
            errors.Add(new FieldError("ChallengeAnswer", "Feedback.ChallengeWrong"));
        }

        var receipt = await RecordAsync(agencyId, input, attachments, FeedbackChannel.Web, null, errors, ct);
        throttle.Accepted(address);
        return receipt;
    }

    /// <summary>Staff enter feedback that came by hotline, letter, email or in person.</summary>
    public Task<FeedbackReceipt> EnterAsync(Guid agencyId, FeedbackIntakeInput input, IReadOnlyList<IncomingFile> attachments, FeedbackChannel channel, CancellationToken ct)
    {
        can.Ensure(Capability.HandleFeedback, agencyId);
        return RecordAsync(agencyId, input, attachments, channel, me.Id, [], ct);
    }

    private async Task<FeedbackReceipt> RecordAsync(
        Guid agencyId, FeedbackIntakeInput raw, IReadOnlyList<IncomingFile> attachments, FeedbackChannel channel, Guid? by, List<FieldError> errors, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var agency = await agencies.FindAsync(agencyId, ct);
        if (agency is null)
        {
            errors.Add(new FieldError("Agency", "Feedback.ChooseAgency"));
        }

        var category = await db.Set<FeedbackCategory>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == raw.CategoryId && c.Active, ct);
        if (category is null)
        {
            errors.Add(new FieldError("CategoryId", "Feedback.ChooseCategory"));
        }

        var input = Check(raw, errors);
        string? procedureName = null;
        if (input.ProcedureCode is { } pc && agency is not null)
        {
            procedureName = await dossiers.ProcedureNameAsync(agencyId, pc, ct);
            if (procedureName is null)
            {
                errors.Add(new FieldError("ProcedureCode", "Feedback.UnknownProcedure"));
            }
        }

        if (attachments.Count > Math.Max(0, options.MaxAttachments))
        {
            errors.Add(new FieldError("Attachments", "Feedback.TooManyFiles", options.MaxAttachments));
        }

        var checkedFiles = new List<(string Name, string Type, byte[] Content)>();
        foreach (var file in attachments.Take(options.MaxAttachments))
        {
            if (CheckFile(file, errors) is { } ok)
            {
                checkedFiles.Add(ok);
            }
        }

        if (errors.Count > 0)
        {
            throw new DomainValidationException(errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var item = FeedbackItem.Receive(agencyId, category!, input with { ProcedureName = procedureName }, channel, now, await calendars.GetAsync(ct), by);
        foreach (var (name, type, content) in checkedFiles)
        {
            var (key, sha) = await files.SaveAsync(content, now, ct);
            item.Attach(new FeedbackAttachment(item.Id, name, type, content.Length, key, sha));
        }

        db.Add(item);
        if (input.DossierCode is { } dc)
        {
            // The dossiers module saves the mark and this item together (one unit of work), or neither.
            if (!await dossiers.MarkComplainedAboutAsync(agencyId, dc, ct))
            {
                db.Remove(item);
                throw new DomainValidationException("DossierCode", "Feedback.UnknownDossier");
            }
        }
        else
        {
            await db.SaveChangesAsync(ct);
        }

        metrics.FeedbackReceived(item.Channel.ToString());
        if (item.SenderEmail is { } to && email.Enabled)
        {
            await email.SendAsync([to], $"Phản ánh {item.Code} đã được tiếp nhận",
                $"{agency!.Name} đã tiếp nhận phản ánh, kiến nghị của Ông/Bà.\nMã phản ánh: {item.Code}\nMã tra cứu: {item.LookupSecret}\n"
                + $"Hạn phân loại: {Infrastructure.Localization.Show.Date(item.ClassifyDue)}.\nTra cứu tại trang /phan-anh/tra-cuu.", ct);
        }

        return new FeedbackReceipt(item.Id, item.Code, item.LookupSecret, item.ClassifyDue);
    }

    /// <summary>Trims and checks the texts and the contact; the errors name the fields.</summary>
    private static FeedbackIntakeInput Check(FeedbackIntakeInput input, List<FieldError> errors)
    {
        string? Text(string? value, string field, int max)
        {
            var v = value?.Trim();
            if (string.IsNullOrEmpty(v))
            {
                return null;
            }

            if (v.Length > max)
            {
                errors.Add(new FieldError(field, "Error.MaxLength", max));
            }

            return v;
        }

        var description = Text(input.Description, "Description", FeedbackItem.DescriptionMaxLength);
        if (description is null || description.Length < FeedbackItem.DescriptionMinLength)
        {
            errors.Add(new FieldError("Description", "Feedback.DescriptionShort", FeedbackItem.DescriptionMinLength));
        }

        var name = Text(input.Name, "Name", FeedbackItem.NameMaxLength);
        var phone = Text(input.Phone, "Phone", FeedbackItem.PhoneMaxLength);
        var mail = Text(input.Email, "Email", FeedbackItem.EmailMaxLength);
        if (!input.Anonymous)
        {
            if (name is null)
            {
                errors.Add(new FieldError("Name", "Feedback.NameRequired"));
            }

            if (phone is null && mail is null)
            {
                errors.Add(new FieldError("Phone", "Feedback.ContactRequired"));
            }

            if (phone is not null && !IsPhone(phone))
            {
                errors.Add(new FieldError("Phone", "Feedback.BadPhone"));
            }

            if (mail is not null && (!System.Net.Mail.MailAddress.TryCreate(mail, out var parsed) || parsed.Address != mail))
            {
                errors.Add(new FieldError("Email", "Feedback.BadEmail"));
            }
        }

        var procedure = Text(input.ProcedureCode, "ProcedureCode", 50);
        var dossier = Text(input.DossierCode, "DossierCode", 40)?.ToUpperInvariant();
        return input with { Description = description ?? "", ProcedureCode = procedure, DossierCode = dossier, Name = name, Phone = phone, Email = mail };
    }

    private static bool IsPhone(string phone)
    {
        var digits = phone.Count(char.IsAsciiDigit);
        return digits is >= 9 and <= 15 && phone.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '.' or '-' or '(' or ')');
    }

    /// <summary>An attachment: a plain name, an image or PDF by extension and by its first bytes, within the size limit.</summary>
    private (string Name, string Type, byte[] Content)? CheckFile(IncomingFile file, List<FieldError> errors)
    {
        var name = Path.GetFileName(file.FileName ?? "").Trim();
        if (file.Length == 0)
        {
            errors.Add(new FieldError("Attachments", "Feedback.EmptyFile", name));
            return null;
        }

        if (file.Length > options.MaxAttachmentBytes)
        {
            errors.Add(new FieldError("Attachments", "Feedback.FileTooLarge", name, options.MaxAttachmentBytes / (1024 * 1024)));
            return null;
        }

        if (!EvidenceCheck.IsPlainName(name) || !AttachmentTypes.TryGetValue(Path.GetExtension(name), out var type))
        {
            errors.Add(new FieldError("Attachments", "Feedback.FileType", name));
            return null;
        }

        using var stream = file.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var bytes = buffer.ToArray();
        if (bytes.Length > options.MaxAttachmentBytes || !EvidenceCheck.ContentMatches(Path.GetExtension(name).ToLowerInvariant(), bytes))
        {
            errors.Add(new FieldError("Attachments", "Feedback.FileDisguised", name));
            return null;
        }

        return (name, type, bytes);
    }
}
