using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Web;

namespace Sipar.Modules.Sipas;

/// <summary>A published wave's results for citizens: the overall index, each factor as a bar (a meter, no script), strata with enough responses, expectations ranked.</summary>
[AllowAnonymous]
internal sealed class PublicResultsModel(SurveyWaves waves, WaveIndices indices, SipasOptions options, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public WaveResult? Result { get; private set; }

    /// <summary>This page's address as a QR code, for the office to print or post ("thông tin cho người dân kết quả SIPAS").</summary>
    public string? Qr { get; private set; }

    public string Address { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var wave = await waves.FindAsync(Id, ct);
        if (wave is not { Status: WaveStatus.Published })
        {
            return NotFound();
        }

        Result = await indices.ComputeAsync(Id, ct);
        Address = SipasOptions.SurveyUrl(Request, options) + "/ket-qua/" + Id;
        Qr = Documents.QrCodes.DataUri(Address, 3);
        return Page();
    }
}
