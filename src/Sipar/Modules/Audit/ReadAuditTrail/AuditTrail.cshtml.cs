using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Web;
using Sipar.Modules.Accounts;

namespace Sipar.Modules.Audit;

[Authorize(Policy = Policies.Administer)]
internal sealed class AuditTrailModel(AuditLog log, IEnumerable<Infrastructure.Data.IIdNames> namers, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    [BindProperty(SupportsGet = true)]
    public string? EntityType { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? EntityId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public AuditPage Result { get; private set; } = new([], 1, AuditLog.PageSize, 0, []);

    /// <summary>The names of the agencies, units and people the ids on this page point to.</summary>
    public IReadOnlyDictionary<Guid, string> Names { get; private set; } = new Dictionary<Guid, string>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await log.SearchAsync(new AuditFilter(EntityType, EntityId, Actor, From, To, PageNumber), ct);
        var ids = Result.Rows.SelectMany(r => Describe(r.Changes).SelectMany(c => new[] { c.Before, c.After }).Append(r.EntityId))
            .Select(v => Guid.TryParse(v, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).ToHashSet();
        var names = new Dictionary<Guid, string>();
        if (ids.Count > 0)
        {
            foreach (var namer in namers)
            {
                foreach (var (id, name) in await namer.NamesAsync(ids, ct))
                {
                    names[id] = name;
                }
            }
        }

        Names = names;
    }

    public string EntityName(string type) => AuditVocabulary.Entity(Localizer, type);

    public string FieldName(string property) => AuditVocabulary.Field(Localizer, property);

    public string? ValueText(string entity, string property, string? value) => AuditVocabulary.Value(Localizer, entity, property, value, Names);

    public string PageUrl(int page)
    {
        var query = Request.Query.ToDictionary(q => q.Key, q => (string?)q.Value.ToString());
        query["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return QueryHelpers.AddQueryString("/admin/audit", query);
    }

    public static IEnumerable<(string Property, string? Before, string? After)> Describe(string changes)
    {
        using var doc = JsonDocument.Parse(changes);
        return doc.RootElement.EnumerateObject()
            .Select(p => (p.Name, Text(p.Value.GetProperty("before")), Text(p.Value.GetProperty("after"))))
            .ToList();
    }

    private static string? Text(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => e.GetString(),
        _ => e.GetRawText(),
    };
}
