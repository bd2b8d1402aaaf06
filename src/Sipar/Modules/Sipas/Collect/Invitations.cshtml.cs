using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Web;
using Sipar.Modules.Documents;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.Sipas;

/// <summary>One invitation card: who, the link with the token, its QR code.</summary>
internal sealed record InvitationCard(string Name, string Token, string Url, string Qr);

/// <summary>Printable invitations: A5 cards, two to an A4 page, each with the survey link, its QR code and the code to type.</summary>
internal sealed class InvitationsModel(SurveyWaves waves, WaveAccess access, IAgencies agencies, SipasOptions options, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public string WaveName { get; private set; } = "";

    public string AgencyName { get; private set; } = "";

    public string? Hotline { get; private set; }

    public DateOnly ClosesOn { get; private set; }

    public IReadOnlyList<InvitationCard> Cards { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : Forbid();

    /// <summary>The same invitations as a .docx: two A5 cards to an A4 sheet.</summary>
    public async Task<IActionResult> OnGetDocxAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return Forbid();
        }

        var until = ClosesOn.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
        var cards = Cards.Select(c => ((IReadOnlyList<CardLine>)
        [
            new(AgencyName.ToUpper(System.Globalization.CultureInfo.GetCultureInfo("vi-VN")), Bold: true, Size: 22),
            new("GIẤY MỜI THAM GIA KHẢO SÁT", Bold: true, Size: 30, Centre: true),
            new("Kính gửi: " + c.Name),
            new($"Cơ quan trân trọng mời Ông/Bà cho biết mức độ hài lòng về dịch vụ đã nhận ({WaveName}). Ý kiến của Ông/Bà được giữ kín và chỉ dùng để cải thiện việc phục vụ."),
            new("Trả lời tại: " + c.Url),
            new("Mã khảo sát: " + c.Token, Bold: true, Size: 30),
            new($"Mã dùng một lần, đến hết ngày {until}." + (Hotline is null ? "" : " Liên hệ: " + Hotline), Size: 20),
        ], (byte[]?)QrCodes.Png(c.Url, 6)));
        return File(CardsDocument.Write(cards), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "giay-moi-khao-sat.docx");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Wave wave;
        try
        {
            wave = await access.EnsureContactsAsync(Id, ct);
        }
        catch (ForbiddenException)
        {
            return false;
        }

        var agency = await agencies.FindAsync(wave.AgencyId, ct);
        WaveName = wave.Name;
        AgencyName = agency?.Name ?? "";
        Hotline = agency?.Hotline;
        ClosesOn = wave.ClosesOn;
        var root = SipasOptions.SurveyUrl(Request, options);
        Cards = [.. (await waves.ContactsAsync(Id, drawnOnly: true, ct)).Where(c => c.State == ContactState.Sampled && c.Token is not null)
            .Select(c => new InvitationCard(c.Name, c.Token!, root + "?ma=" + c.Token, QrCodes.DataUri(root + "?ma=" + c.Token)))];
        return true;
    }
}

/// <summary>The module's settings: the public address printed on invitations (the request's own when empty).</summary>
internal sealed class SipasOptions
{
    public string? PublicUrl { get; set; }

    public static string SurveyUrl(HttpRequest? request, SipasOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var root = !string.IsNullOrWhiteSpace(options.PublicUrl) ? options.PublicUrl.TrimEnd('/')
            : request is not null ? $"{request.Scheme}://{request.Host}" : "";
        return root + "/khao-sat";
    }
}
