namespace Sipar.Infrastructure.Web;

/// <summary>
/// One entry of the citizens' portal (the anonymous home page, for the province and per agency): each citizen-facing
/// module registers its own (<c>services.AddSingleton(new CitizenEntry(…))</c>), so the portal knows no module.
/// <paramref name="Url"/> may hold <c>{agency}</c>, replaced by the agency's id on an agency's portal.
/// </summary>
public sealed record CitizenEntry(string LabelKey, string DescriptionKey, string Url, int Order)
{
    /// <summary>The entry's address on an agency's portal, or on the province's (no agency: the <c>{agency}</c> parameter is left out).</summary>
    public string UrlFor(Guid? agency) =>
        agency is { } id ? Url.Replace("{agency}", id.ToString(), StringComparison.Ordinal)
            : Url.Replace("?Agency={agency}", "", StringComparison.Ordinal).Replace("{agency}", "", StringComparison.Ordinal);
}

/// <summary>The citizens' pages share one light layout: no script, one small stylesheet, the agency's hotline and email at the foot.</summary>
public static class CitizenLayout
{
    public const string Path = "/Shared/_CitizenLayout.cshtml";

    /// <summary>The key under which a page gives the layout the agency whose contacts to show (an <c>AgencyInfo</c>).</summary>
    public const string AgencyKey = "CitizenAgency";
}

/// <summary>One thing the signed-in person has to do soon, for the staff home page ("Việc cần làm").</summary>
/// <param name="KindKey">Text key of what it is (a task, a report, a reminder, an assessment).</param>
/// <param name="Text">What it is about, in the words of its module.</param>
/// <param name="Due">Its deadline, when it has one.</param>
/// <param name="Late">Its deadline has passed.</param>
public sealed record DueItem(string KindKey, string Text, string Url, DateOnly? Due, bool Late);

/// <summary>
/// What a module has due for the signed-in person; the home page lists every module's items, so it knows no module.
/// A module registers one (<c>services.AddScoped&lt;IDueWork, …&gt;()</c>).
/// </summary>
public interface IDueWork
{
    Task<IReadOnlyList<DueItem>> ForMeAsync(CancellationToken ct);
}
