using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Time;

namespace Sipar.Modules.Sipas;

/// <summary>What a citizen's answers say, as the form posts them: item code → level ("0" no answer), profile code → option, expectations, free text.</summary>
internal sealed record SurveyAnswers(
    IReadOnlyDictionary<string, string> Items, IReadOnlyDictionary<string, string> Profile, IReadOnlyList<int> Expectations, IReadOnlyDictionary<string, string> Open);

/// <summary>Where an invitation's token stands.</summary>
internal enum TokenState
{
    Unknown,
    Used,
    Expired,
    Open,
}

internal sealed record SurveySession(TokenState State, Wave? Wave, QuestionnaireDocument? Questionnaire, Response? Saved);

/// <summary>The thresholds of the validity rules (data, like the index rules).</summary>
internal sealed record ValidityOptions(decimal MinAnsweredShare = 0.5m, int SameAnswerMinItems = 8, int MinSeconds = 60)
{
    public static ValidityOptions Default { get; } = new();
}

/// <summary>The validity rules run when a response is submitted: each raises a flag, and a flagged response waits for review.</summary>
internal static class ValidityRules
{
    public const string Incomplete = "incomplete";
    public const string SameAnswer = "same-answer";
    public const string TooFast = "too-fast";

    public static IReadOnlyList<string> Check(string answers, TimeSpan took, ResponseChannel channel, ValidityOptions options)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(options);
        var flags = new List<string>();
        var answered = answers.Count(c => c is >= '0' and <= '9');
        if (answers.Length > 0 && answered < options.MinAnsweredShare * answers.Length)
        {
            flags.Add(Incomplete);
        }

        var levels = answers.Where(c => c is >= '1' and <= '9').ToList();
        if (levels.Count >= options.SameAnswerMinItems && levels.Distinct().Count() == 1)
        {
            flags.Add(SameAnswer);
        }

        if (channel == ResponseChannel.Online && took < TimeSpan.FromSeconds(options.MinSeconds))
        {
            flags.Add(TooFast);
        }

        return flags;
    }
}

/// <summary>
/// Collection: the public survey page on a single-use token (progress saved, a second submission refused), and phone
/// interviews keyed in by staff with the channel recorded.
/// </summary>
internal sealed class SurveyCollection(SiparDbContext db, TimeProvider clock, ValidityOptions validity, Infrastructure.Observability.SiparMetrics metrics)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<SurveySession> OpenAsync(string? token, CancellationToken ct)
    {
        var code = Contact.NormaliseToken(token);
        if (code.Length != Contact.TokenLength)
        {
            return new SurveySession(TokenState.Unknown, null, null, null);
        }

        var (state, contact, wave, doc) = await LoadAsync(code, tracked: false, ct);
        if (state != TokenState.Open)
        {
            return new SurveySession(state, wave, doc, null);
        }

        var saved = await OpenResponse.For(db)(db, contact!.Id, ct);
        return new SurveySession(TokenState.Open, wave, doc, saved);
    }

    /// <summary>Saves the answers on the token; with <paramref name="submit"/> the response is final and the token used. Sent is true only for the submission that used it.</summary>
    public async Task<(TokenState State, bool Sent)> SaveAsync(string? token, SurveyAnswers answers, bool submit, CancellationToken ct)
    {
        var code = Contact.NormaliseToken(token);
        if (code.Length != Contact.TokenLength)
        {
            return (TokenState.Unknown, false);
        }

        var (state, contact, wave, doc) = await LoadAsync(code, tracked: true, ct);
        if (state != TokenState.Open)
        {
            return (state, false);
        }

        var response = await OpenResponseTracked.For(db)(db, contact!.Id, ct);
        if (response is null)
        {
            response = Response.Start(contact!.WaveId, wave!.QuestionnaireId, contact, ResponseChannel.Online, doc!.Items.Count(), Now, null);
            db.Add(response);
        }

        Fill(response, doc!, answers);
        if (submit)
        {
            response.Submit(Now, ValidityRules.Check(response.Answers, Now - response.StartedAt, ResponseChannel.Online, validity));
            contact!.Answered();
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return (TokenState.Used, false); // the same token posted twice at once: the unique index keeps one
        }

        if (submit)
        {
            metrics.SurveySubmitted("online");
        }

        return submit ? (TokenState.Used, true) : (TokenState.Open, false);
    }

    /// <summary>The citizen declines on the invitation's code: never asked again by the agency's waves; the staff draw a replacement.</summary>
    public async Task<bool> OptOutAsync(string? token, CancellationToken ct)
    {
        var code = Contact.NormaliseToken(token);
        if (code.Length != Contact.TokenLength)
        {
            return false;
        }

        var (state, contact, wave, _) = await LoadAsync(code, tracked: true, ct);
        if (state != TokenState.Open)
        {
            return false;
        }

        await SurveyWaves.RecordOptOutAsync(db, wave!.AgencyId, contact!, Now, ct);

        await db.SaveChangesAsync(ct);
        return true;
    }

    private sealed record TokenHead(Contact Contact, Wave Wave, DateTime ImportedAt);

    // The public survey page's queries, compiled once: on the submit path building and caching the LINQ expression
    // each time cost more than the queries themselves (bench/sipas.sh); one compiled query per EF model (PerModel).
    private static readonly PerModel<Func<SiparDbContext, string, CancellationToken, Task<TokenHead?>>> HeadTracked = new(() => EF.CompileAsyncQuery(
        (SiparDbContext db, string code, CancellationToken ct) => db.Set<Contact>().Where(c => c.Token == code)
            .Join(db.Set<Wave>(), c => c.WaveId, w => w.Id, (c, w) => new { Contact = c, Wave = w })
            .Join(db.Set<Questionnaire>(), x => x.Wave.QuestionnaireId, q => q.Id, (x, q) => new TokenHead(x.Contact, x.Wave, q.ImportedAt))
            .FirstOrDefault()));

    private static readonly PerModel<Func<SiparDbContext, string, CancellationToken, Task<TokenHead?>>> Head = new(() => EF.CompileAsyncQuery(
        (SiparDbContext db, string code, CancellationToken ct) => db.Set<Contact>().AsNoTracking().Where(c => c.Token == code)
            .Join(db.Set<Wave>().AsNoTracking(), c => c.WaveId, w => w.Id, (c, w) => new { Contact = c, Wave = w })
            .Join(db.Set<Questionnaire>(), x => x.Wave.QuestionnaireId, q => q.Id, (x, q) => new TokenHead(x.Contact, x.Wave, q.ImportedAt))
            .FirstOrDefault()));

    private static readonly PerModel<Func<SiparDbContext, Guid, CancellationToken, Task<Response?>>> OpenResponseTracked = new(() => EF.CompileAsyncQuery(
        (SiparDbContext db, Guid contact, CancellationToken ct) => db.Set<Response>().FirstOrDefault(r => r.ContactId == contact && r.SubmittedAt == null)));

    private static readonly PerModel<Func<SiparDbContext, Guid, CancellationToken, Task<Response?>>> OpenResponse = new(() => EF.CompileAsyncQuery(
        (SiparDbContext db, Guid contact, CancellationToken ct) => db.Set<Response>().AsNoTracking().FirstOrDefault(r => r.ContactId == contact && r.SubmittedAt == null)));

    // Parsed questionnaires by id and import time: a version's file changes only before its first response, and then its time changes too.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(Guid, DateTime), QuestionnaireDocument> Documents = new();

    /// <summary>The token's contact, wave and questionnaire in one query (the parsed questionnaire is cached), and where the token stands.</summary>
    private async Task<(TokenState State, Contact? Contact, Wave? Wave, QuestionnaireDocument? Questionnaire)> LoadAsync(string code, bool tracked, CancellationToken ct)
    {
        var head = await (tracked ? HeadTracked.For(db)(db, code, ct) : Head.For(db)(db, code, ct));
        if (head is null)
        {
            return (TokenState.Unknown, null, null, null);
        }

        var contact = head.Contact;
        var key = (head.Wave.QuestionnaireId, head.ImportedAt);
        if (!Documents.TryGetValue(key, out var doc))
        {
            var content = await db.Set<Questionnaire>().AsNoTracking().Where(q => q.Id == head.Wave.QuestionnaireId).Select(q => q.Content).FirstAsync(ct);
            doc = Documents.GetOrAdd(key, QuestionnaireDocument.Parse(content));
        }

        var state = contact.State == ContactState.Answered ? TokenState.Used
            : contact.State != ContactState.Sampled || !head.Wave.IsOpen(VietnamTime.Today(clock)) ? TokenState.Expired
            : TokenState.Open;
        return (state, contact, head.Wave, doc);
    }

    /// <summary>A phone interview keyed in by survey staff for a drawn contact.</summary>
    public async Task<Guid> EnterByPhoneAsync(Guid waveId, Guid contactId, SurveyAnswers answers, Guid? by, CancellationToken ct)
    {
        var contact = await db.Set<Contact>().FirstOrDefaultAsync(c => c.Id == contactId && c.WaveId == waveId, ct) ?? throw new NotFoundException();
        if (contact.State != ContactState.Sampled)
        {
            throw new DomainValidationException("", "Sipas.ContactNotWaiting");
        }

        var wave = await db.Set<Wave>().AsNoTracking().FirstAsync(w => w.Id == contact.WaveId, ct);
        if (!wave.Channels.HasFlag(SurveyChannels.Phone) || wave.Status != WaveStatus.Sampled)
        {
            throw new DomainValidationException("", "Sipas.ChannelNotInWave");
        }

        var doc = (await db.Set<Questionnaire>().AsNoTracking().FirstAsync(q => q.Id == wave.QuestionnaireId, ct)).Document;
        var response = Response.Start(wave.Id, wave.QuestionnaireId, contact, ResponseChannel.Phone, doc.Items.Count(), Now, by);
        Fill(response, doc, answers);
        response.Submit(Now, ValidityRules.Check(response.Answers, TimeSpan.MaxValue, ResponseChannel.Phone, validity));
        contact.Answered();
        db.Add(response);
        await db.SaveChangesAsync(ct);
        metrics.SurveySubmitted("phone");
        return response.Id;
    }

    /// <summary>Answers checked against the questionnaire: a level outside the scale, an unknown option or too many expectations are refused.</summary>
    public static void Fill(Response response, QuestionnaireDocument doc, SurveyAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(doc);
        ArgumentNullException.ThrowIfNull(answers);
        var errors = new List<FieldError>();
        var chars = doc.Items.Select(i =>
        {
            if (!answers.Items.TryGetValue(i.Code, out var v) || string.IsNullOrWhiteSpace(v))
            {
                return '-';
            }

            v = v.Trim();
            if (v.Length == 1 && v[0] >= '0' && v[0] - '0' <= doc.Scale.Levels)
            {
                return v[0];
            }

            errors.Add(new FieldError("Items[" + i.Code + "]", "Sipas.AnswerOutOfScale", v, doc.Scale.Levels));
            return '-';
        }).ToArray();
        var profile = new List<string>();
        foreach (var q in doc.Profile)
        {
            if (answers.Profile.TryGetValue(q.Code, out var option) && !string.IsNullOrWhiteSpace(option))
            {
                if (!q.Options.Contains(option.Trim()))
                {
                    errors.Add(new FieldError("Profile[" + q.Code + "]", "Sipas.OptionUnknown"));
                }
                else
                {
                    profile.Add(q.Code + "=" + option.Trim());
                }
            }
        }

        var expectations = answers.Expectations.Distinct().Order().ToList();
        if (doc.Expectations is { } e && (expectations.Count > e.Pick || expectations.Any(x => x < 1 || x > e.Options.Count)))
        {
            errors.Add(new FieldError("Expectations", "Sipas.TooManyExpectations", e.Pick));
        }

        if (errors.Count > 0)
        {
            throw new DomainValidationException(errors);
        }

        var open = string.Join('\n', doc.OpenQuestions.Where(o => answers.Open.TryGetValue(o.Code, out var t) && !string.IsNullOrWhiteSpace(t))
            .Select(o => o.Code + "=" + answers.Open[o.Code].Trim().ReplaceLineEndings(" ")));
        response.Fill(new string(chars), string.Join('\n', profile), string.Join(',', expectations), open);
    }
}
