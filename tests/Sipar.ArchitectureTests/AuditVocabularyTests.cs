using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;

namespace Sipar.ArchitectureTests;

/// <summary>The audit trail speaks Vietnamese: every audited entity and every field it records has a name in both languages.</summary>
public sealed class AuditVocabularyTests
{
    [Fact]
    public void Every_audited_entity_and_field_has_a_name_in_the_texts()
    {
        using var db = new SqliteSiparDbContext(new DbContextOptionsBuilder<SqliteSiparDbContext>().UseSqlite("Data Source=:memory:").Options);
        var vi = LocalizationTests.Keys("SharedResource.resx");
        var en = LocalizationTests.Keys("SharedResource.en.resx");
        var audited = db.Model.GetEntityTypes().Where(t => !t.IsOwned() && Sipar.Modules.Audit.AuditVocabulary.IsAudited(t.ClrType)).ToList();
        var keys = audited.Select(t => "AuditEntity." + t.ClrType.Name)
            .Concat(audited.SelectMany(t => t.GetProperties().Concat(t.GetNavigations().Where(n => n.TargetEntityType.IsOwned()).SelectMany(n => n.TargetEntityType.GetProperties())))
                .Where(p => !p.IsShadowProperty() && Sipar.Modules.Audit.AuditVocabulary.IsRecorded(p.Name)).Select(p => "AuditField." + p.Name))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        var missing = keys.Where(k => !vi.Contains(k) || !en.Contains(k)).ToList();
        Assert.True(missing.Count == 0, missing.Count + " names missing from scripts/strings.py: " + string.Join(" ", missing));
    }
}
