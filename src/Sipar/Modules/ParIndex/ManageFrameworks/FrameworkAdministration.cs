using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Errors;
using Sipar.Modules.Accounts;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.ParIndex;

internal sealed record FrameworkSummary(Guid Id, int Year, AgencyKind AgencyKind, string Name, decimal DeclaredTotal, int Areas, int Criteria, bool IsFrozen);

internal sealed record FrameworkPreview(FrameworkFile File, IReadOnlyList<FrameworkError> Errors)
{
    public bool CanImport => Errors.Count == 0;
}

/// <summary>Frameworks: preview a file (errors by row, nothing saved), import it, read it, export it as JSON.</summary>
internal sealed class FrameworkAdministration(SiparDbContext db, Capabilities can, IAgencies agencies, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public bool CanManage => can.Has(Capability.ManageParIndex);

    public async Task<IReadOnlyList<FrameworkSummary>> ListAsync(CancellationToken ct) =>
        await db.Set<Framework>().AsNoTracking().OrderByDescending(f => f.Year).ThenBy(f => f.SearchName)
            .Select(f => new FrameworkSummary(f.Id, f.Year, f.AgencyKind, f.Name, f.DeclaredTotal,
                f.Items.Count(i => i.Level == CriterionLevel.Area), f.Items.Count(i => i.Level == CriterionLevel.Criterion), f.IsFrozen))
            .ToListAsync(ct);

    public FrameworkPreview Preview(string fileName, byte[] content)
    {
        EnsureCanManage();
        var file = FrameworkReader.Read(fileName, content);
        return new FrameworkPreview(file, FrameworkValidator.Validate(file));
    }

    public Task<Guid> ImportAsync(string fileName, byte[] content, int? year, AgencyKind kind, string? name, CancellationToken ct)
    {
        EnsureCanManage();
        return ImportAsOperatorAsync(fileName, content, year, kind, name, ct);
    }

    /// <summary>The import from the command line (whoever runs it operates the installation): the same checks, no capability.</summary>
    public async Task<Guid> ImportAsOperatorAsync(string fileName, byte[] content, int? year, AgencyKind kind, string? name, CancellationToken ct)
    {
        var file = FrameworkReader.Read(fileName, content);
        var preview = new FrameworkPreview(file, FrameworkValidator.Validate(file));
        var targetYear = year ?? preview.File.Year ?? 0;

        // A file that names last year's codes continues last year's framework of the same kind.
        Guid? previous = null;
        if (preview.File.Lines.Any(l => l.PreviousCodes is not null))
        {
            previous = await db.Set<Framework>().Where(f => f.Year == targetYear - 1 && f.AgencyKind == kind)
                .OrderByDescending(f => f.IsFrozen).ThenByDescending(f => f.CreatedAt).Select(f => (Guid?)f.Id).FirstOrDefaultAsync(ct);
        }

        var framework = Framework.FromFile(preview.File, targetYear, kind, name, clock.GetUtcNow().UtcDateTime, previous);
        await EnsureKindAsync(kind, framework.Year, ct);
        if (await db.Set<Framework>().AnyAsync(f => f.Year == framework.Year && f.AgencyKind == kind && f.SearchName == framework.SearchName, ct))
        {
            throw new DomainValidationException("Name", "Par.FrameworkExists");
        }

        db.Add(framework);
        await db.SaveChangesAsync(ct);
        return framework.Id;
    }

    public async Task<Framework> GetAsync(Guid id, CancellationToken ct) =>
        await db.Set<Framework>().AsNoTracking().Include(f => f.Items).FirstOrDefaultAsync(f => f.Id == id, ct) ?? throw new NotFoundException();

    /// <summary>Next year's framework as a copy of this one, each item mapped to its own code; edit the mapping before it is used.</summary>
    public async Task<Guid> CopyForNextYearAsync(Guid id, CancellationToken ct)
    {
        EnsureCanManage();
        var source = await db.Set<Framework>().AsNoTracking().Include(f => f.Items).FirstOrDefaultAsync(f => f.Id == id, ct) ?? throw new NotFoundException();
        var year = source.Year + 1;
        var baseName = System.Text.RegularExpressions.Regex.Replace(source.Name, @"\b(19|20)\d{2}\b", year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var name = baseName == source.Name ? $"{source.Name} ({year})" : baseName;
        if (await db.Set<Framework>().AnyAsync(f => f.Year == year && f.AgencyKind == source.AgencyKind && f.SearchName == Infrastructure.Localization.VietnameseText.Fold(name), ct))
        {
            throw new DomainValidationException("Name", "Par.FrameworkExists");
        }

        await EnsureKindAsync(source.AgencyKind, year, ct);
        var copy = source.CopyForYear(year, name, clock.GetUtcNow().UtcDateTime);
        db.Add(copy);
        await db.SaveChangesAsync(ct);
        return copy.Id;
    }

    /// <summary>Changes which of last year's codes an item continues; refused once the framework is frozen.</summary>
    public async Task MapAsync(Guid id, IReadOnlyDictionary<string, string?> previousCodes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(previousCodes);
        EnsureCanManage();
        var framework = await db.Set<Framework>().Include(f => f.Items).FirstOrDefaultAsync(f => f.Id == id, ct) ?? throw new NotFoundException();
        foreach (var (code, codes) in previousCodes)
        {
            framework.MapToPrevious(code, codes);
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>What each item became since the framework it continues (empty when it continues none).</summary>
    public async Task<IReadOnlyList<MappingRow>> MappingAsync(Framework framework, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(framework);
        if (framework.PreviousFrameworkId is not { } previousId)
        {
            return [];
        }

        var previous = await GetAsync(previousId, ct);
        return CodeMapping.Describe(framework.Items, previous.Items);
    }

    /// <summary>The framework in the import format, so it can be edited and imported for another year.</summary>
    public async Task<byte[]> ExportJsonAsync(Guid id, CancellationToken ct)
    {
        var f = await GetAsync(id, ct);
        var document = new
        {
            name = f.Name,
            year = f.Year,
            total = f.DeclaredTotal,
            items = f.Items.OrderBy(i => i.Order).Select(i => new { code = i.Code, level = i.Level, name = i.Name, maxPoints = i.MaxPoints, method = i.Method, ruleText = i.RuleText, rule = i.Rule, evidence = i.Evidence, source = i.Source, previousCodes = i.PreviousCodes }),
        };
        return JsonSerializer.SerializeToUtf8Bytes(document, Json);
    }

    /// <summary>The kind must exist, and a historical kind takes frameworks only for the years it still existed.</summary>
    private async Task EnsureKindAsync(AgencyKind kind, int year, CancellationToken ct)
    {
        var info = (await agencies.KindsAsync(ct)).FirstOrDefault(k => k.Kind == kind)
            ?? throw new DomainValidationException("Kind", "Organisation.KindUnknown", kind.Code);
        if (!info.InUseIn(year))
        {
            throw new DomainValidationException("Kind", "Par.KindEnded", info.Name, info.Until!.Value.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture), year);
        }
    }

    private void EnsureCanManage()
    {
        if (!CanManage)
        {
            throw new ForbiddenException();
        }
    }
}
