using Microsoft.Extensions.Localization;

namespace Sipar.Modules.Audit;

/// <summary>
/// What the audit trail records and how it says it to people: entity and field names in Vietnamese (texts
/// <c>AuditEntity.*</c>, <c>AuditField.*</c>; a test keeps every audited one named), status and other enum values by
/// their display text, and ids as the names of the units, agencies and people they point to.
/// </summary>
internal static class AuditVocabulary
{
    private static readonly HashSet<Type> NotAudited =
    [
        typeof(AuditEntry),
        typeof(Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey),
        typeof(Microsoft.AspNetCore.Identity.IdentityUserToken<Guid>),
        typeof(Microsoft.AspNetCore.Identity.IdentityUserLogin<Guid>),
        typeof(Microsoft.AspNetCore.Identity.IdentityUserClaim<Guid>),
        typeof(Microsoft.AspNetCore.Identity.IdentityRoleClaim<Guid>),
        typeof(Microsoft.AspNetCore.Identity.IdentityUserRole<Guid>),
    ];

    private static readonly HashSet<string> Ignored = ["SearchName", "NormalizedEmail", "NormalizedUserName", "ConcurrencyStamp", "Version"];

    public static bool IsAudited(Type type) => !NotAudited.Contains(type) && !typeof(Infrastructure.Data.IDerivedData).IsAssignableFrom(type);

    public static bool IsRecorded(string property) => !Ignored.Contains(property);

    public static string Entity(IStringLocalizer t, string type) => Named(t, "AuditEntity." + type, type);

    public static string Field(IStringLocalizer t, string property) => Named(t, "AuditField." + property, property);

    /// <summary>
    /// A recorded value as people read it: an id by the name it points to, an enum value by its text (looked up as
    /// <c>{Entity}{Field}.{Value}</c>, <c>{Field}.{Value}</c> or <c>Task{Field}.{Value}</c>, e.g. PlanTaskStatus.NotStarted),
    /// true/false as Có/Không; anything else as recorded.
    /// </summary>
    public static string? Value(IStringLocalizer t, string entity, string property, string? value, IReadOnlyDictionary<Guid, string> names)
    {
        if (value is null)
        {
            return null;
        }

        if (Guid.TryParse(value, out var id))
        {
            return names.TryGetValue(id, out var name) ? name : value;
        }

        if (value is "true" or "false")
        {
            return t[value == "true" ? "Common.Yes" : "Common.No"];
        }

        if (value.Length is > 0 and <= 40 && char.IsUpper(value[0]) && value.All(char.IsLetter))
        {
            var bare = entity.EndsWith("Item", StringComparison.Ordinal) ? entity[..^4] : entity;
            foreach (var prefix in new[] { entity + property, bare + property, property, "Task" + property })
            {
                var text = t[prefix + "." + value];
                if (!text.ResourceNotFound)
                {
                    return text;
                }
            }
        }

        return value;
    }

    private static string Named(IStringLocalizer t, string key, string fallback)
    {
        var text = t[key];
        return text.ResourceNotFound ? fallback : text.Value;
    }
}
