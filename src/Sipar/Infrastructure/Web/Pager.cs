using Microsoft.AspNetCore.WebUtilities;

namespace Sipar.Infrastructure.Web;

/// <summary>
/// Page <see cref="Page"/> of a long list (<see cref="Size"/> rows a page, the query parameter <c>p</c>), with links to
/// the previous and next pages keeping the list's filters (<c>Shared/_Pager.cshtml</c>).
/// </summary>
internal sealed record Pager(int Page, int Size, bool HasMore, string Path, IReadOnlyDictionary<string, string?> Query)
{
    public const int DefaultSize = 50;

    public int Skip => (Page - 1) * Size;

    /// <summary>The page asked for in <c>?p=</c> (1 when absent or not a number), and the request's other parameters.</summary>
    public static Pager From(HttpRequest request, int size = DefaultSize)
    {
        ArgumentNullException.ThrowIfNull(request);
        var page = int.TryParse(request.Query["p"], out var p) && p is > 0 and < 100_000 ? p : 1;
        var query = request.Query.Where(q => q.Key != "p").ToDictionary(q => q.Key, q => (string?)q.Value.ToString());
        return new Pager(page, size, false, request.Path, query);
    }

    /// <summary>The rows of this page out of one more than a page (the extra row only says there is a next page).</summary>
    public (IReadOnlyList<T> Rows, Pager Pager) Cut<T>(IReadOnlyList<T> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return (rows.Take(Size).ToList(), this with { HasMore = rows.Count > Size });
    }

    public string UrlOf(int page)
    {
        var query = new Dictionary<string, string?>(Query) { ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        return QueryHelpers.AddQueryString(Path, query);
    }
}
