using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Files;
using Sipar.Infrastructure.Localization;
using Sipar.Infrastructure.Time;
using Sipar.Modules.Dossiers;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.Sipas;

/// <summary>A wave's sample plan: the seed and each stratum's frame and sample sizes.</summary>
internal sealed record SamplePlan(long Seed, IReadOnlyList<StratumSize> Strata, bool Applied)
{
    public int Frame => Strata.Sum(s => s.Frame);

    public int Sample => Strata.Sum(s => s.Sample);
}

/// <summary>Progress of a stratum while the wave runs.</summary>
internal sealed record StratumProgress(string Stratum, int Frame, int Sampled, int Reached, int Answered, int Refused, int Unreachable);

/// <summary>One row of a frame import: the row number, what it will add, or why it cannot.</summary>
internal sealed record FrameRow(int Row, FramePerson? Person, IReadOnlyList<FieldError> Errors);

/// <summary>A frame import checked: rows with their errors; it is saved only when no row has one.</summary>
internal sealed record FramePreview(IReadOnlyList<FrameRow> Rows, IReadOnlyList<FieldError> FileErrors, bool Applied)
{
    public bool CanApply => FileErrors.Count == 0 && Rows.Count > 0 && Rows.All(r => r.Errors.Count == 0);
}

/// <summary>
/// Waves and their samples: the frame from the one-stop desk's returned dossiers (through its contract) or an imported list,
/// the sizes per stratum, the seeded draw, replacements, opt-outs and progress. Callers check the capability
/// (<see cref="WaveAccess"/>); the CLI runs as the operator.
/// </summary>
internal sealed class SurveyWaves(SiparDbContext db, IDossierRecords dossiers, IAgencies agencies, Accounts.IPeople people, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public DateOnly Today => VietnamTime.Today(clock);

    public Task<Wave?> FindAsync(Guid id, CancellationToken ct) => db.Set<Wave>().AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, ct);

    public async Task<Wave> GetAsync(Guid id, CancellationToken ct) => await FindAsync(id, ct) ?? throw new NotFoundException();

    public async Task<IReadOnlyList<Wave>> ListAsync(Guid agencyId, CancellationToken ct) =>
        await db.Set<Wave>().AsNoTracking().Where(w => w.AgencyId == agencyId).OrderByDescending(w => w.PeriodTo).ThenBy(w => w.Name).ToListAsync(ct);

    public async Task<Guid> CreateAsync(Guid agencyId, WaveSettings settings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(settings);
        await RequireQuestionnaireAsync(settings.QuestionnaireId, ct);
        var wave = Wave.Create(agencyId, settings, Now);
        db.Add(wave);
        await db.SaveChangesAsync(ct);
        return wave.Id;
    }

    public async Task ChangeAsync(Guid id, WaveSettings settings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var wave = await db.Set<Wave>().FirstOrDefaultAsync(w => w.Id == id, ct) ?? throw new NotFoundException();
        await RequireQuestionnaireAsync(settings.QuestionnaireId, ct);
        wave.Change(settings);
        await db.SaveChangesAsync(ct);
    }

    private async Task RequireQuestionnaireAsync(Guid id, CancellationToken ct)
    {
        if (!await db.Set<Questionnaire>().AnyAsync(q => q.Id == id, ct))
        {
            throw new DomainValidationException("QuestionnaireId", "Sipas.QuestionnaireRequired");
        }
    }

    /// <summary>The frame from the dossiers returned in the period by the agencies in scope (procedures filtered); replaces a frame not yet drawn.</summary>
    public async Task<int> FrameFromDossiersAsync(Guid waveId, CancellationToken ct)
    {
        var wave = await DraftAsync(waveId, ct);
        var people = new List<FramePerson>();
        var procedures = wave.ScopeProcedureCodes.ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var agency in wave.ScopeAgencyIds)
        {
            foreach (var d in await dossiers.ReturnedAsync(agency, wave.PeriodFrom, wave.PeriodTo, ct))
            {
                if (procedures.Count == 0 || procedures.Contains(d.ProcedureCode))
                {
                    people.Add(new FramePerson(d.ApplicantName, d.Phone, d.Email, d.AgencyId, d.UnitId, d.ProcedureCode, d.ProcedureName, d.ReturnedOn, ContactSource.Dossier, d.Code));
                }
            }
        }

        return await ReplaceFrameAsync(wave, people, ct);
    }

    public static readonly IReadOnlyList<(string Field, string[] Headers)> FrameColumns =
    [
        ("name", ["ho ten", "ho va ten", "ten", "ten to chuc, ca nhan", "name"]),
        ("phone", ["dien thoai", "so dien thoai", "sdt", "phone"]),
        ("email", ["email", "thu dien tu"]),
        ("procedure", ["thu tuc", "ten thu tuc", "ma thu tuc", "procedure"]),
        ("unit", ["don vi", "phong", "unit"]),
        ("date", ["ngay tra ket qua", "ngay tra", "ngay", "date"]),
    ];

    /// <summary>
    /// A list of people (name, phone and/or email, procedure, unit, date of result; for residents only name and a contact) checked row by
    /// row: missing columns, unreadable dates, unknown units and people listed twice are errors, and nothing is saved while any remains.
    /// </summary>
    public async Task<FramePreview> ImportFrameAsync(Guid waveId, string fileName, byte[] content, ContactSource source, bool apply, CancellationToken ct)
    {
        var wave = await DraftAsync(waveId, ct);
        var table = TableFile.Read(fileName, content, "Sipas.FrameFileType");
        if (table.Count == 0)
        {
            return new FramePreview([], [new FieldError("file", "Sipas.FrameEmpty")], false);
        }

        var header = table[0].Cells.Select(c => VietnameseText.Fold(c).Trim()).ToList();
        var column = FrameColumns.ToDictionary(c => c.Field, c => header.FindIndex(h => c.Headers.Contains(h)));
        var required = source == ContactSource.Resident ? new[] { "name" } : ["name", "procedure", "date"];
        var missing = required.Where(f => column[f] < 0).ToList();
        if (column["phone"] < 0 && column["email"] < 0)
        {
            missing.Add("phone");
        }

        if (missing.Count > 0)
        {
            return new FramePreview([], [.. missing.Select(m => new FieldError(m, "Sipas.FrameColumnMissing", m))], false);
        }

        var units = (await agencies.UnitsAsync(wave.AgencyId, ct)).ToDictionary(u => VietnameseText.Fold(u.Name).Trim(), u => u.Id);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = new List<FrameRow>();
        foreach (var (row, cells) in table.Skip(1))
        {
            string Cell(string field) => column[field] is var i and >= 0 && i < cells.Count ? cells[i].Trim() : "";
            if (cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            var errors = new List<FieldError>();
            var name = Cell("name");
            if (name.Length == 0)
            {
                errors.Add(new FieldError("name", "Sipas.FrameNameMissing"));
            }

            var phone = Cell("phone");
            var email = Cell("email");
            var key = Contact.OptOutKey(phone, email);
            if (key is null)
            {
                errors.Add(new FieldError("phone", "Sipas.FrameContactMissing"));
            }
            else if (seen.TryGetValue(key, out var first))
            {
                errors.Add(new FieldError("phone", "Sipas.FramePersonTwice", first));
            }
            else
            {
                seen[key] = row;
            }

            DateOnly? date = null;
            if (Cell("date") is { Length: > 0 } d)
            {
                if (TableCells.TryDate(d, out var parsed))
                {
                    date = parsed;
                }
                else
                {
                    errors.Add(new FieldError("date", "Sipas.FrameDateUnreadable", Cell("date")));
                }
            }
            else if (source != ContactSource.Resident)
            {
                errors.Add(new FieldError("date", "Sipas.FrameDateUnreadable", Cell("date")));
            }

            Guid? unitId = null;
            if (Cell("unit") is { Length: > 0 } u)
            {
                if (units.TryGetValue(VietnameseText.Fold(u).Trim(), out var id))
                {
                    unitId = id;
                }
                else
                {
                    errors.Add(new FieldError("unit", "Sipas.FrameUnitUnknown", u));
                }
            }

            var procedure = Cell("procedure");
            if (source != ContactSource.Resident && procedure.Length == 0)
            {
                errors.Add(new FieldError("procedure", "Sipas.FrameProcedureMissing"));
            }

            rows.Add(new FrameRow(row, errors.Count == 0 ? new FramePerson(name, phone, email, wave.AgencyId, unitId, procedure, procedure, date, source, "row " + row.ToString(CultureInfo.InvariantCulture)) : null, errors));
        }

        var preview = new FramePreview(rows, rows.Count == 0 ? [new FieldError("file", "Sipas.FrameEmpty")] : [], false);
        if (!apply || !preview.CanApply)
        {
            return preview;
        }

        await ReplaceFrameAsync(wave, [.. rows.Select(r => r.Person!)], ct);
        return preview with { Applied = true };
    }

    private async Task<int> ReplaceFrameAsync(Wave wave, List<FramePerson> people, CancellationToken ct)
    {
        var optedOut = (await db.Set<OptOut>().AsNoTracking().Where(o => o.AgencyId == wave.AgencyId).Select(o => o.Key).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var names = await StratumNamesAsync(wave, people, ct);
        // One transaction: a frame that fails to save leaves the previous one in place.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Set<Contact>().Where(c => c.WaveId == wave.Id).ExecuteDeleteAsync(ct);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var sequence = 0;
        foreach (var p in people.OrderBy(p => p.ResultOn).ThenBy(p => p.SourceKey, StringComparer.Ordinal))
        {
            var key = Contact.OptOutKey(p.Phone, p.Email);
            if (key is not null && (optedOut.Contains(key) || !seen.Add(key)))
            {
                continue; // opted out, or the same person again: one chance per wave
            }

            db.Add(Contact.InFrame(wave.Id, ++sequence, names(p), p));
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return sequence;
    }

    private async Task<Func<FramePerson, string>> StratumNamesAsync(Wave wave, List<FramePerson> people, CancellationToken ct)
    {
        switch (wave.Stratification)
        {
            case Stratification.Agency:
                var all = (await agencies.ListAsync(ct)).ToDictionary(a => a.Id, a => a.Name);
                return p => all.GetValueOrDefault(p.AgencyId, "");
            case Stratification.Unit:
                var units = await agencies.UnitsByIdAsync([.. people.Where(p => p.UnitId is not null).Select(p => p.UnitId!.Value).Distinct()], ct);
                return p => p.UnitId is { } u && units.TryGetValue(u, out var info) ? info.Name : "Chưa rõ đơn vị";
            case Stratification.Procedure:
                return p => p.ProcedureName.Length > 0 ? p.ProcedureName : p.ProcedureCode;
            default:
                return _ => "";
        }
    }

    /// <summary>The sizes per stratum and the seed (a new one unless given); with <paramref name="apply"/> the draw is made and the tokens issued.</summary>
    public async Task<SamplePlan> DrawAsync(Guid waveId, long? seed, bool apply, CancellationToken ct)
    {
        var wave = apply ? await db.Set<Wave>().FirstOrDefaultAsync(w => w.Id == waveId, ct) ?? throw new NotFoundException() : await GetAsync(waveId, ct);
        if (wave.Status != WaveStatus.Draft)
        {
            var drawn = await ProgressAsync(waveId, ct);
            return new SamplePlan(wave.Seed ?? 0, [.. drawn.Select(s => new StratumSize(s.Stratum, s.Frame, s.Sampled))], false);
        }

        var contacts = await db.Set<Contact>().Where(c => c.WaveId == waveId).OrderBy(c => c.Sequence).ToListAsync(ct);
        if (contacts.Count == 0)
        {
            throw new DomainValidationException("", "Sipas.FrameEmpty");
        }

        var useSeed = seed ?? SampleDesign.NewSeed(Now);
        var strata = contacts.GroupBy(c => c.Stratum).Select(g => (g.Key, g.Count())).ToList();
        var plan = new SamplePlan(useSeed, SampleDesign.Allocate(strata, wave.MarginOfError, wave.Allocation, wave.MinPerStratum), false);
        if (!apply)
        {
            return plan;
        }

        var sizes = plan.Strata.ToDictionary(s => s.Stratum, s => s.Sample, StringComparer.Ordinal);
        foreach (var group in contacts.GroupBy(c => c.Stratum))
        {
            var members = group.OrderBy(c => c.Sequence).ToList();
            var ranks = SampleDesign.Ranks(members.Count, useSeed, group.Key);
            for (var i = 0; i < members.Count; i++)
            {
                members[i].Ranked(ranks[i]);
                if (ranks[i] <= sizes[group.Key])
                {
                    members[i].Draw(null);
                }
            }
        }

        wave.Sampled(useSeed, Now);
        await db.SaveChangesAsync(ct);
        return plan with { Applied = true };
    }

    /// <summary>A contact refused or could not be reached: the next one of the stratum's ranking replaces them (none when the frame is used up).</summary>
    public async Task<Contact?> ReplaceAsync(Guid waveId, Guid contactId, ContactState why, string? note, CancellationToken ct)
    {
        if (why is not (ContactState.Refused or ContactState.Unreachable or ContactState.OptedOut))
        {
            throw new DomainValidationException("why", "Sipas.ReplaceReason");
        }

        var contact = await db.Set<Contact>().FirstOrDefaultAsync(c => c.Id == contactId && c.WaveId == waveId, ct) ?? throw new NotFoundException();
        if (contact.State != ContactState.Sampled)
        {
            throw new DomainValidationException("", "Sipas.ContactNotWaiting");
        }

        if (why == ContactState.OptedOut)
        {
            await OptOutAsync(contact, ct);
        }
        else
        {
            contact.NotReached(why, note);
        }

        var next = await db.Set<Contact>()
            .Where(c => c.WaveId == contact.WaveId && c.Stratum == contact.Stratum && c.State == ContactState.Frame && c.Rank != null)
            .OrderBy(c => c.Rank).FirstOrDefaultAsync(ct);
        next?.Draw(contact.Id);
        await db.SaveChangesAsync(ct);
        return next;
    }

    private async Task OptOutAsync(Contact contact, CancellationToken ct)
    {
        var agency = await db.Set<Wave>().Where(w => w.Id == contact.WaveId).Select(w => w.AgencyId).FirstAsync(ct);
        await RecordOptOutAsync(db, agency, contact, Now, ct);
    }

    /// <summary>The person declines (told to the staff or on their own code): the code is withdrawn and the agency keeps their key so no wave draws them again.</summary>
    internal static async Task RecordOptOutAsync(SiparDbContext db, Guid agencyId, Contact contact, DateTime at, CancellationToken ct)
    {
        contact.OptOut();
        if (Contact.OptOutKey(contact.Phone, contact.Email) is { } key && !await db.Set<OptOut>().AnyAsync(o => o.AgencyId == agencyId && o.Key == key, ct))
        {
            db.Add(OptOut.Of(agencyId, key, at));
        }
    }

    public async Task SetStaffAsync(Guid waveId, IReadOnlyCollection<Guid> staff, CancellationToken ct)
    {
        var wave = await db.Set<Wave>().FirstOrDefaultAsync(w => w.Id == waveId, ct) ?? throw new NotFoundException();
        var members = (await PeopleAsync(wave.AgencyId, ct)).Select(p => p.Id).ToHashSet();
        if (staff.Any(id => !members.Contains(id)))
        {
            throw new DomainValidationException("Staff", "Sipas.StaffNotInAgency");
        }

        wave.SetStaff(staff);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The people of the wave's agency who could be named its survey staff.</summary>
    public async Task<IReadOnlyList<Accounts.Person>> PeopleAsync(Guid agencyId, CancellationToken ct) =>
        await people.InUnitsAsync([.. (await agencies.UnitsAsync(agencyId, ct)).Select(u => u.Id)], ct);

    public async Task CloseAsync(Guid waveId, CancellationToken ct)
    {
        var wave = await db.Set<Wave>().FirstOrDefaultAsync(w => w.Id == waveId, ct) ?? throw new NotFoundException();
        wave.Close();
        await db.SaveChangesAsync(ct);
    }

    public async Task PublishAsync(Guid waveId, CancellationToken ct)
    {
        var wave = await db.Set<Wave>().FirstOrDefaultAsync(w => w.Id == waveId, ct) ?? throw new NotFoundException();
        wave.Publish();
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<StratumProgress>> ProgressAsync(Guid waveId, CancellationToken ct)
    {
        var counts = await db.Set<Contact>().AsNoTracking().Where(c => c.WaveId == waveId)
            .GroupBy(c => new { c.Stratum, c.State, Drawn = c.Token != null || c.State != ContactState.Frame })
            .Select(g => new { g.Key.Stratum, g.Key.State, g.Key.Drawn, Count = g.Count() }).ToListAsync(ct);
        return [.. counts.GroupBy(c => c.Stratum).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new StratumProgress(
            g.Key,
            g.Sum(c => c.Count),
            g.Where(c => c.State != ContactState.Frame).Sum(c => c.Count),
            g.Where(c => c.State is ContactState.Answered or ContactState.Refused or ContactState.OptedOut).Sum(c => c.Count),
            g.Where(c => c.State == ContactState.Answered).Sum(c => c.Count),
            g.Where(c => c.State is ContactState.Refused or ContactState.OptedOut).Sum(c => c.Count),
            g.Where(c => c.State == ContactState.Unreachable).Sum(c => c.Count)))];
    }

    /// <summary>The contacts of a wave: only for its survey staff (the caller checks).</summary>
    public async Task<IReadOnlyList<Contact>> ContactsAsync(Guid waveId, bool drawnOnly, CancellationToken ct) =>
        await db.Set<Contact>().AsNoTracking().Where(c => c.WaveId == waveId && (!drawnOnly || c.State != ContactState.Frame))
            .OrderBy(c => c.Stratum).ThenBy(c => c.Rank).ThenBy(c => c.Sequence).ToListAsync(ct);

    private async Task<Wave> DraftAsync(Guid waveId, CancellationToken ct)
    {
        var wave = await GetAsync(waveId, ct);
        return wave.Status == WaveStatus.Draft ? wave : throw new DomainValidationException("", "Sipas.WaveAlreadySampled");
    }
}
