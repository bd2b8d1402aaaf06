using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Errors;

namespace Sipar.Modules.Sipas;

/// <summary>A response as the review list shows it (no personal data; the contact's phone only for re-check calls, staff only).</summary>
internal sealed record ReviewRow(
    Guid Id, string Stratum, ResponseChannel Channel, DateTime? SubmittedAt, string Flags, ReviewState Review, string? ReviewReason,
    RecheckState Recheck, string? RecheckNote, string Answers, string Corrections, Guid? ContactId);

/// <summary>
/// Review and re-check (phúc tra): a reviewer accepts or rejects a response with a reason (never deletes it); answers changed
/// after review carry a reason; a seeded share of each stratum's valid responses is called back and the outcome recorded —
/// a response whose answers the person does not confirm is excluded, with the reason shown.
/// </summary>
internal sealed class SurveyReview(SiparDbContext db, TimeProvider clock)
{
    public const int ReasonMaxLength = 500;

    public async Task<IReadOnlyList<ReviewRow>> ListAsync(Guid waveId, CancellationToken ct) =>
        await db.Set<Response>().AsNoTracking().Where(r => r.WaveId == waveId && r.SubmittedAt != null)
            .OrderBy(r => r.Stratum).ThenBy(r => r.SubmittedAt)
            .Select(r => new ReviewRow(r.Id, r.Stratum, r.Channel, r.SubmittedAt, r.Flags, r.Review, r.ReviewReason, r.Recheck, r.RecheckNote, r.Answers, r.Corrections, r.ContactId))
            .ToListAsync(ct);

    public async Task ReviewAsync(Guid waveId, Guid responseId, ReviewState state, string? reason, CancellationToken ct)
    {
        var response = await FindAsync(waveId, responseId, ct);
        var why = Reason(reason);
        if (state == ReviewState.Rejected && why is null)
        {
            throw new DomainValidationException("Reason", "Sipas.ReasonRequired");
        }

        response.Reviewed(state, why);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Changes one answer of a submitted response; refused without a reason.</summary>
    public async Task CorrectAsync(Guid waveId, Guid responseId, string itemCode, string? value, string? reason, string who, CancellationToken ct)
    {
        var response = await FindAsync(waveId, responseId, ct);
        var why = Reason(reason) ?? throw new DomainValidationException("Reason", "Sipas.ReasonRequired");
        var doc = (await db.Set<Questionnaire>().AsNoTracking().FirstAsync(q => q.Id == response.QuestionnaireId, ct)).Document;
        var index = doc.Items.Select(i => i.Code).ToList().FindIndex(c => string.Equals(c, itemCode, StringComparison.OrdinalIgnoreCase));
        if (index < 0)
        {
            throw new DomainValidationException("ItemCode", "Sipas.UnknownItemColumn", itemCode);
        }

        var v = (value ?? "").Trim();
        if (!(v.Length == 1 && v[0] >= '0' && v[0] - '0' <= doc.Scale.Levels) && v != "-")
        {
            throw new DomainValidationException("Value", "Sipas.AnswerOutOfScale", v, doc.Scale.Levels);
        }

        response.Correct(index, v[0], why, who, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Selects the re-check sample once: per stratum, ⌈share × valid⌉ responses by a shuffle seeded from the wave's seed.</summary>
    public async Task<int> DrawRecheckAsync(Guid waveId, CancellationToken ct)
    {
        var wave = await db.Set<Wave>().AsNoTracking().FirstOrDefaultAsync(w => w.Id == waveId, ct) ?? throw new NotFoundException();
        var responses = await db.Set<Response>().Where(r => r.WaveId == waveId && r.SubmittedAt != null && r.Review == ReviewState.Valid).OrderBy(r => r.Id).ToListAsync(ct);
        if (responses.Any(r => r.Recheck != RecheckState.None))
        {
            throw new DomainValidationException("", "Sipas.RecheckAlreadyDrawn");
        }

        var selected = 0;
        foreach (var stratum in responses.GroupBy(r => r.Stratum))
        {
            var members = stratum.ToList();
            var take = (int)Math.Ceiling(wave.RecheckShare * members.Count);
            var ranks = SampleDesign.Ranks(members.Count, (wave.Seed ?? 0) + 1, "phúc tra|" + stratum.Key);
            for (var i = 0; i < members.Count; i++)
            {
                if (ranks[i] <= take)
                {
                    members[i].SelectForRecheck();
                    selected++;
                }
            }
        }

        await db.SaveChangesAsync(ct);
        return selected;
    }

    public async Task RecheckAsync(Guid waveId, Guid responseId, RecheckState outcome, string? note, CancellationToken ct)
    {
        var response = await FindAsync(waveId, responseId, ct);
        if (response.Recheck == RecheckState.None || outcome is RecheckState.None or RecheckState.Selected)
        {
            throw new DomainValidationException("", "Sipas.NotInRecheck");
        }

        var why = Reason(note);
        if (outcome == RecheckState.Differs && why is null)
        {
            throw new DomainValidationException("Note", "Sipas.ReasonRequired");
        }

        response.Rechecked(outcome, why);
        await db.SaveChangesAsync(ct);
    }

    private async Task<Response> FindAsync(Guid waveId, Guid responseId, CancellationToken ct) =>
        await db.Set<Response>().FirstOrDefaultAsync(r => r.Id == responseId && r.WaveId == waveId && r.SubmittedAt != null, ct) ?? throw new NotFoundException();

    private static string? Reason(string? text) => (text ?? "").Trim() is { Length: > 0 } t ? (t.Length > ReasonMaxLength ? t[..ReasonMaxLength] : t) : null;
}
