namespace Sipar.Infrastructure.Web;

/// <summary>
/// A stacked bar chart drawn by <c>wwwroot/js/dashboard.js</c> from <paramref name="Json"/> (<c>labels</c>, <c>series</c>,
/// <c>values</c> per label, optional <c>colours</c>), with the same figures as a table beneath it for screen readers,
/// printing and browsers without JavaScript (<c>Shared/_Chart.cshtml</c>).
/// </summary>
internal sealed record ChartView(string Title, string Json, bool Horizontal, int Height);
