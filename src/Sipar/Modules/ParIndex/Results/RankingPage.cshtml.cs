using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Web;

namespace Sipar.Modules.ParIndex;

/// <summary>The year's ranking among agencies of the same kind, with a chart; hidden from agencies until published.</summary>
internal sealed class RankingPageModel(ParResults results, ResultsImport import, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    public bool CanImport => import.CanImport;

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    public IReadOnlyList<int> Years { get; private set; } = [];

    public IReadOnlyList<Scorecard> Cards { get; private set; } = [];

    public bool Hidden { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Years = await results.YearsAsync(ct);
        Year ??= Years.Count > 0 ? Years[0] : null;
        if (Year is { } year)
        {
            try
            {
                Cards = await results.VisibleScorecardsAsync(year, ct);
            }
            catch (NotFoundException)
            {
                // Nothing published for that year: the page says so, with the status a link checker understands.
                Hidden = true;
                Response.StatusCode = StatusCodes.Status404NotFound;
            }
        }

        return Page();
    }
}
