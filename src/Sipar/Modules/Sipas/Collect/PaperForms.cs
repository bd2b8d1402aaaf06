using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Errors;

namespace Sipar.Modules.Sipas;

/// <summary>A paper form and where its keyings stand.</summary>
internal sealed record PaperForm(string FormNumber, int Entries, bool Done, IReadOnlyList<string> DifferingItems);

/// <summary>What keying a form did: waiting for the second keying, became a response, or the two keyings differ.</summary>
internal enum PaperOutcome
{
    WaitingForSecond,
    Counted,
    Differs,
}

/// <summary>Paper questionnaires keyed in twice by two survey staff, compared, and settled by a third keying when they differ.</summary>
internal sealed class PaperForms(SiparDbContext db, TimeProvider clock, ValidityOptions validity, Infrastructure.Observability.SiparMetrics metrics)
{
    public async Task<PaperOutcome> KeyAsync(Guid waveId, string? formNumber, SurveyAnswers answers, Guid? by, CancellationToken ct)
    {
        var number = Contact.NormaliseToken(formNumber);
        if (number.Length is 0 or > PaperEntry.FormNumberMaxLength)
        {
            throw new DomainValidationException("FormNumber", "Sipas.FormNumberRequired", PaperEntry.FormNumberMaxLength);
        }

        var wave = await db.Set<Wave>().AsNoTracking().FirstOrDefaultAsync(w => w.Id == waveId, ct) ?? throw new NotFoundException();
        if (!wave.Channels.HasFlag(SurveyChannels.Paper) || wave.Status != WaveStatus.Sampled)
        {
            throw new DomainValidationException("", "Sipas.ChannelNotInWave");
        }

        var doc = (await db.Set<Questionnaire>().AsNoTracking().FirstAsync(q => q.Id == wave.QuestionnaireId, ct)).Document;
        var earlier = await db.Set<PaperEntry>().Where(e => e.WaveId == waveId && e.FormNumber == number).OrderBy(e => e.EntryNo).ToListAsync(ct);
        if (earlier.Any(e => e.ResponseId is not null))
        {
            throw new DomainValidationException("FormNumber", "Sipas.FormAlreadyCounted", number);
        }

        var contact = await db.Set<Contact>().FirstOrDefaultAsync(c => c.WaveId == waveId && c.Token == number, ct);
        if (contact is null)
        {
            throw new DomainValidationException("FormNumber", "Sipas.FormNumberUnknown", number);
        }

        if (contact.State != ContactState.Sampled)
        {
            throw new DomainValidationException("FormNumber", "Sipas.ContactNotWaiting");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var keyed = Response.Start(waveId, wave.QuestionnaireId, contact, ResponseChannel.Paper, doc.Items.Count(), now, by);
        SurveyCollection.Fill(keyed, doc, answers);
        var entryNo = earlier.Count + 1;
        if (entryNo == 2 && earlier[0].EnteredBy is { } first && first == by)
        {
            throw new DomainValidationException("", "Sipas.SecondKeyingBySomeoneElse");
        }

        if (entryNo > 3)
        {
            throw new DomainValidationException("FormNumber", "Sipas.FormAlreadyCounted", number);
        }

        var entry = PaperEntry.Of(waveId, number, entryNo, by, now, keyed);
        db.Add(entry);
        // Two agreeing keyings count; a third settles a mismatch.
        var outcome = entryNo switch
        {
            1 => PaperOutcome.WaitingForSecond,
            2 => entry.SameAs(earlier[0]) ? PaperOutcome.Counted : PaperOutcome.Differs,
            _ => PaperOutcome.Counted,
        };
        if (outcome == PaperOutcome.Counted)
        {
            keyed.Submit(now, ValidityRules.Check(keyed.Answers, TimeSpan.MaxValue, ResponseChannel.Paper, validity));
            db.Add(keyed);
            entry.Became(keyed.Id);
            foreach (var e in earlier)
            {
                e.Became(keyed.Id);
            }

            contact.Answered();
        }

        await db.SaveChangesAsync(ct);
        if (outcome == PaperOutcome.Counted)
        {
            metrics.SurveySubmitted("paper");
        }

        return outcome;
    }

    public async Task<IReadOnlyList<PaperForm>> ListAsync(Guid waveId, IReadOnlyList<string> itemCodes, CancellationToken ct)
    {
        var entries = await db.Set<PaperEntry>().AsNoTracking().Where(e => e.WaveId == waveId).OrderBy(e => e.FormNumber).ThenBy(e => e.EntryNo).ToListAsync(ct);
        return [.. entries.GroupBy(e => e.FormNumber).Select(g =>
        {
            var list = g.ToList();
            var differing = list.Count >= 2 && list.All(e => e.ResponseId is null)
                ? list[0].Differences(list[1]).Where(i => i < itemCodes.Count).Select(i => itemCodes[i]).ToList()
                : [];
            if (list.Count >= 2 && list.All(e => e.ResponseId is null) && differing.Count == 0)
            {
                differing.Add("—"); // profile or expectations differ
            }

            return new PaperForm(g.Key, list.Count, list.Any(e => e.ResponseId is not null), differing);
        })];
    }
}
