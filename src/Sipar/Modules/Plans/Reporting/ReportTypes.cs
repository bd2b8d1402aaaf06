using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Localization;
using Sipar.Infrastructure.Time;
using Sipar.Modules.Accounts;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.Plans;

/// <summary>A report type as the office reads it, units by name.</summary>
internal sealed record ReportTypeView(
    Guid Id, string Code, string Name, string LegalBasis, Guid? LeadUnitId, string? LeadUnit, IReadOnlyList<Guid> ContributorIds, IReadOnlyList<string> Contributors,
    Periodicity Periodicity, int? CutOffDay, string DueRule, string InternalRule, string Recipient, bool ReportsOnPlan, string Schedule);

/// <summary>A report type in the JSON file the office imports and exports; units by name, so a file moves between agencies.</summary>
internal sealed record ReportTypeFileEntry(
    string? Code, string? Name, string? LegalBasis, string? LeadUnit, IReadOnlyList<string>? Contributors, string? Periodicity, int? CutOffDay,
    string? DueRule, string? InternalRule, string? Recipient, bool ReportsOnPlan, string? Schedule);

internal enum TypeImportAction
{
    Add,
    Update,
    Unchanged,
}

/// <summary>What importing one entry will do, or why it cannot (the entry's number in the file, from 1, and the field).</summary>
internal sealed record ReportTypeImportLine(int Entry, string Code, string Name, TypeImportAction? Action, IReadOnlyList<FieldError> Errors);

/// <summary>The agency's report types: the CCHC report every agency has, and those the office adds or imports as JSON.</summary>
internal sealed class ReportTypes(SiparDbContext db, Capabilities can, CurrentUser me, IAgencies agencies, TimeProvider clock, ReportingTemplate template)
{
    public const int MaxFileBytes = 1024 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private int SampleYear => VietnamTime.Today(clock).Year;

    /// <summary>The report types the seed plan names, as a file the office imports and edits: CCHC, law enforcement monitoring, legal-document reviews, digital transformation, Nghị quyết 17, ISO 9001.</summary>
    public static byte[] Samples()
    {
        using var stream = typeof(ReportTypes).Assembly.GetManifestResourceStream("Sipar.Plans.report-types.json") ?? throw new InvalidOperationException("The sample report types are not embedded.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>The agency a request names, or the caller's own; none is a 404.</summary>
    public Guid AgencyOrOwn(Guid? agency) => agency ?? me.AgencyId ?? throw new NotFoundException();

    /// <summary>Refuses (403) a caller who is not the agency's office, before a file is read.</summary>
    public void EnsureOffice(Guid agencyId) => can.Ensure(Capability.RunPlan, agencyId);

    public Task<IReadOnlyList<ReportTypeView>> ListAsync(Guid agencyId, CancellationToken ct)
    {
        me.EnsureCanReadAgency(agencyId);
        return ListOfAsync(agencyId, ct);
    }

    /// <summary>The agency's types as JSON for the server's operator (the CLI), who signs in as nobody.</summary>
    public async Task<byte[]> ExportForOperatorAsync(Guid agencyId, CancellationToken ct) => Serialize(await ListOfAsync(agencyId, ct));

    private async Task<IReadOnlyList<ReportTypeView>> ListOfAsync(Guid agencyId, CancellationToken ct)
    {
        var types = await db.Set<ReportType>().AsNoTracking().Include(t => t.Contributors).Where(t => t.AgencyId == agencyId).ToListAsync(ct);
        var units = (await agencies.UnitsAsync(agencyId, ct)).ToDictionary(u => u.Id, u => u.Name);
        return types.OrderBy(t => t.Code != ReportType.CchcCode).ThenBy(t => t.Code, StringComparer.Ordinal).Select(t => View(t, units)).ToList();
    }

    /// <summary>The agency's CCHC report type, made from the reporting template the first time a plan of the agency needs it.</summary>
    public async Task<ReportType> EnsureCchcAsync(Guid agencyId, CancellationToken ct)
    {
        var found = await db.Set<ReportType>().FirstOrDefaultAsync(t => t.AgencyId == agencyId && t.Code == ReportType.CchcCode, ct)
            ?? db.ChangeTracker.Entries<ReportType>().Select(e => e.Entity).FirstOrDefault(t => t.AgencyId == agencyId && t.Code == ReportType.CchcCode);
        if (found is not null)
        {
            return found;
        }

        var type = ReportType.Create(agencyId, Cchc(template), new HashSet<Guid>(), SampleYear);
        db.Add(type);
        return type;
    }

    /// <summary>The CCHC report as shipped: the template's periods, due five working days early, to Sở Nội vụ.</summary>
    public static ReportTypeInput Cchc(ReportingTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return new ReportTypeInput(
            ReportType.CchcCode, "Báo cáo kết quả thực hiện công tác cải cách hành chính", "Văn bản số 581/BNV-CCHC; kế hoạch cải cách hành chính năm của cơ quan",
            null, [], Periodicity.Quarterly, 14, "ngày 20 tháng cuối kỳ", "5 ngày làm việc trước hạn", "Sở Nội vụ", true, template.ToSchedule());
    }

    /// <summary>Adds (<paramref name="typeId"/> null) or changes a type; the office of the agency only.</summary>
    public async Task<Guid> SaveAsync(Guid agencyId, Guid? typeId, ReportTypeInput input, CancellationToken ct)
    {
        can.Ensure(Capability.RunPlan, agencyId);
        ArgumentNullException.ThrowIfNull(input);
        var unitIds = (await agencies.UnitsAsync(agencyId, ct)).Select(u => u.Id).ToHashSet();
        var code = (input.Code ?? "").Trim().ToUpperInvariant();
        ReportType type;
        if (typeId is { } id)
        {
            type = await db.Set<ReportType>().Include(t => t.Contributors).FirstOrDefaultAsync(t => t.Id == id && t.AgencyId == agencyId, ct) ?? throw new NotFoundException();
            if (await db.Set<ReportType>().AnyAsync(t => t.AgencyId == agencyId && t.Code == code && t.Id != id, ct))
            {
                throw new DomainValidationException(nameof(ReportType.Code), "ReportType.CodeTaken", code);
            }

            type.Update(input, unitIds, SampleYear);
        }
        else
        {
            if (await db.Set<ReportType>().AnyAsync(t => t.AgencyId == agencyId && t.Code == code, ct))
            {
                throw new DomainValidationException(nameof(ReportType.Code), "ReportType.CodeTaken", code);
            }

            type = ReportType.Create(agencyId, input, unitIds, SampleYear);
            db.Add(type);
        }

        await db.SaveChangesAsync(ct);
        return type.Id;
    }

    /// <summary>The agency's types as the JSON file <see cref="ImportAsync"/> reads.</summary>
    public async Task<byte[]> ExportAsync(Guid agencyId, CancellationToken ct) => Serialize(await ListAsync(agencyId, ct));

    private static byte[] Serialize(IReadOnlyList<ReportTypeView> types)
    {
        var entries = types.Select(t => new ReportTypeFileEntry(
            t.Code, t.Name, t.LegalBasis.Length > 0 ? t.LegalBasis : null, t.LeadUnit, t.Contributors.Count > 0 ? t.Contributors : null, t.Periodicity.ToString(), t.CutOffDay,
            t.DueRule.Length > 0 ? t.DueRule : null, t.InternalRule.Length > 0 ? t.InternalRule : null, t.Recipient.Length > 0 ? t.Recipient : null, t.ReportsOnPlan,
            t.Schedule.Length > 0 ? t.Schedule : null)).ToList();
        return JsonSerializer.SerializeToUtf8Bytes(entries, Json);
    }

    /// <summary>
    /// Reads a JSON file of report types (an array, as <see cref="ExportAsync"/> writes) and says what each entry will do;
    /// saves only when <paramref name="apply"/> and no entry has an error. A type is matched by its code; units by name.
    /// </summary>
    public Task<IReadOnlyList<ReportTypeImportLine>> ImportAsync(Guid agencyId, byte[] content, bool apply, CancellationToken ct)
    {
        can.Ensure(Capability.RunPlan, agencyId);
        return ImportForOperatorAsync(agencyId, content, apply, ct);
    }

    /// <summary>As <see cref="ImportAsync"/>, for the server's operator (the CLI, the demo seeder), who signs in as nobody.</summary>
    public async Task<IReadOnlyList<ReportTypeImportLine>> ImportForOperatorAsync(Guid agencyId, byte[] content, bool apply, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        List<ReportTypeFileEntry?> entries;
        try
        {
            entries = JsonSerializer.Deserialize<List<ReportTypeFileEntry?>>(content, Json) ?? [];
        }
        catch (JsonException e)
        {
            throw new DomainValidationException("file", "ReportType.FileUnreadable", (e.LineNumber ?? 0) + 1);
        }

        if (entries.Count == 0)
        {
            throw new DomainValidationException("file", "ReportType.FileEmpty");
        }

        var units = await agencies.UnitsAsync(agencyId, ct);
        var unitIds = units.Select(u => u.Id).ToHashSet();
        var byName = units.GroupBy(u => VietnameseText.Fold(u.Name)).ToDictionary(g => g.Key, g => g.First().Id);
        var existing = await db.Set<ReportType>().Include(t => t.Contributors).Where(t => t.AgencyId == agencyId).ToListAsync(ct);
        var lines = new List<ReportTypeImportLine>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var code = (entry?.Code ?? "").Trim().ToUpperInvariant();
            var errors = new List<FieldError>();
            if (entry is null)
            {
                lines.Add(new ReportTypeImportLine(i + 1, "", "", null, [new FieldError("", "ReportType.EntryEmpty", [])]));
                continue;
            }

            if (code.Length > 0 && !seen.Add(code))
            {
                errors.Add(new FieldError(nameof(ReportType.Code), "ReportType.CodeTwice", [code]));
            }

            Guid? lead = null;
            if (!string.IsNullOrWhiteSpace(entry.LeadUnit))
            {
                lead = byName.TryGetValue(VietnameseText.Fold(entry.LeadUnit), out var l) ? l : null;
                if (lead is null)
                {
                    errors.Add(new FieldError(nameof(ReportType.LeadUnitId), "ReportType.UnitNotFound", [entry.LeadUnit]));
                }
            }

            var contributors = new List<Guid>();
            foreach (var name in entry.Contributors ?? [])
            {
                if (byName.TryGetValue(VietnameseText.Fold(name), out var u))
                {
                    contributors.Add(u);
                }
                else
                {
                    errors.Add(new FieldError(nameof(ReportType.Contributors), "ReportType.UnitNotFound", [name]));
                }
            }

            if (!Enum.TryParse<Periodicity>(entry.Periodicity, ignoreCase: true, out var periodicity) || int.TryParse(entry.Periodicity, out _))
            {
                errors.Add(new FieldError(nameof(ReportType.Periodicity), "ReportType.PeriodicityUnknown", []));
            }

            var input = new ReportTypeInput(code, entry.Name, entry.LegalBasis, lead, contributors, periodicity, entry.CutOffDay, entry.DueRule, entry.InternalRule, entry.Recipient, entry.ReportsOnPlan, entry.Schedule);
            var current = existing.Find(t => t.Code == code);
            TypeImportAction? action = null;
            if (errors.Count == 0)
            {
                try
                {
                    if (current is null)
                    {
                        var added = ReportType.Create(agencyId, input, unitIds, SampleYear);
                        action = TypeImportAction.Add;
                        if (apply)
                        {
                            db.Add(added);
                        }
                    }
                    else
                    {
                        var before = Fingerprint(current);
                        current.Update(input, unitIds, SampleYear);
                        action = Fingerprint(current) == before ? TypeImportAction.Unchanged : TypeImportAction.Update;
                    }
                }
                catch (DomainValidationException e)
                {
                    errors.AddRange(e.Errors);
                }
            }

            lines.Add(new ReportTypeImportLine(i + 1, code, (entry.Name ?? "").Trim(), errors.Count == 0 ? action : null, errors));
        }

        if (apply && lines.TrueForAll(l => l.Errors.Count == 0))
        {
            await db.SaveChangesAsync(ct);
        }
        else
        {
            db.ChangeTracker.Clear();
        }

        return lines;
    }

    private static string Fingerprint(ReportType t) => string.Join(
        '|', t.Code, t.Name, t.LegalBasis, t.LeadUnitId, t.Periodicity, t.CutOffDay, t.DueRule, t.InternalRule, t.Recipient, t.ReportsOnPlan, t.Schedule,
        string.Join(',', t.Contributors.Select(c => c.UnitId).Order()));

    private static ReportTypeView View(ReportType t, IReadOnlyDictionary<Guid, string> units) => new(
        t.Id, t.Code, t.Name, t.LegalBasis, t.LeadUnitId, t.LeadUnitId is { } l ? units.GetValueOrDefault(l) : null, t.Contributors.Select(c => c.UnitId).ToList(),
        t.Contributors.Select(c => units.GetValueOrDefault(c.UnitId, "?")).Order(StringComparer.Ordinal).ToList(),
        t.Periodicity, t.CutOffDay, t.DueRule, t.InternalRule, t.Recipient, t.ReportsOnPlan, t.Schedule);
}
