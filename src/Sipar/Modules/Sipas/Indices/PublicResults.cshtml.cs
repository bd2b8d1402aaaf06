using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Web;

namespace Sipar.Modules.Sipas;

/// <summary>A published wave's results for citizens: the overall index, each factor as a bar (a meter, no script), strata with enough responses, expectations ranked.</summary>
[AllowAnonymous]
internal sealed class PublicResultsModel(SurveyWaves waves, WaveIndices indices, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public WaveResult? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var wave = await waves.FindAsync(Id, ct);
        if (wave is not { Status: WaveStatus.Published })
        {
            return NotFound();
        }

        Result = await indices.ComputeAsync(Id, ct);
        return Page();
    }
}
