using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Web;

namespace Sipar.Modules.Dossiers;

/// <summary>Tra cứu hồ sơ: code + secret (posted, never in the address), the timeline, and the rating after the return. No login, no JavaScript.</summary>
[AllowAnonymous]
internal sealed class LookupPageModel(PublicLookup lookup, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? Secret { get; set; }

    [BindProperty]
    public int? Overall { get; set; }

    [BindProperty]
    public bool? OnTime { get; set; }

    [BindProperty]
    public int? Trips { get; set; }

    [BindProperty]
    public int? Attitude { get; set; }

    [BindProperty]
    public int? Clarity { get; set; }

    [BindProperty]
    public string? Comment { get; set; }

    public CitizenDossier? Found { get; private set; }

    public bool Searched { get; private set; }

    public bool Thanked { get; private set; }

    /// <summary>The receipt's QR code opens the page with the dossier code filled in (<c>?ma=</c>); the secret is still typed.</summary>
    public void OnGet([FromQuery(Name = "ma")] string? code)
    {
        var c = (code ?? "").Trim();
        Code = c.Length <= Dossier.CodeMaxLength ? c : null;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await FindAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRateAsync(CancellationToken ct)
    {
        try
        {
            await lookup.RateAsync(Code, Secret, new DossierRatingInput(Overall, OnTime, Trips, Attitude, Clarity, Comment), HttpContext.Connection.RemoteIpAddress, ct);
            Thanked = true;
        }
        catch (NotFoundException)
        {
        }
        catch (DomainValidationException e)
        {
            e.AddTo(ModelState, Localizer);
        }

        await FindAsync(ct);
        return Page();
    }

    private async Task FindAsync(CancellationToken ct)
    {
        Searched = true;
        try
        {
            Found = await lookup.FindAsync(Code, Secret, HttpContext.Connection.RemoteIpAddress, ct);
        }
        catch (DomainValidationException e)
        {
            e.AddTo(ModelState, Localizer);
        }
    }
}
