using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Localization;

namespace Sipar.Modules.Organisation;

/// <summary>Cơ quan: an agency of the province, with its units.</summary>
internal sealed class Agency
{
    public const int NameMaxLength = 300;
    public const int SymbolMaxLength = 30;
    public const int PlaceMaxLength = 100;
    public const int RecipientsMaxLength = 1000;
    public const int HotlineMaxLength = 50;
    public const int EmailMaxLength = 256;

    private Agency()
    {
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    /// <summary>Short symbol used in document numbers, e.g. <c>SLĐTBXH</c> in <c>Số: 123/KH-SLĐTBXH</c>.</summary>
    public string Symbol { get; private set; } = "";

    /// <summary>Place name used in document dates, e.g. <c>Lạng Sơn</c>.</summary>
    public string PlaceName { get; private set; } = "";

    public AgencyKind Kind { get; private set; }

    public string SearchName { get; private set; } = "";

    /// <summary>
    /// "Nơi nhận" of the agency's reports, one a line (e.g. the province's appraising body, which since 2025 is not
    /// "Sở Nội vụ" everywhere); null: the defaults.
    /// </summary>
    public string? ReportRecipients { get; private set; }

    /// <summary>Đường dây nóng: the number citizens call, shown on every public page of the agency.</summary>
    public string? Hotline { get; private set; }

    /// <summary>The address citizens write to, shown beside the hotline.</summary>
    public string? Email { get; private set; }

    public static Agency Create(string name, string symbol, string placeName, AgencyKind kind, string? reportRecipients = null, string? hotline = null, string? email = null)
    {
        var agency = new Agency { Id = Guid.CreateVersion7() };
        agency.Update(name, symbol, placeName, kind, reportRecipients, hotline, email);
        return agency;
    }

    public void Update(string name, string symbol, string placeName, AgencyKind kind, string? reportRecipients = null, string? hotline = null, string? email = null)
    {
        var errors = new ValidationErrors();
        name = (name ?? "").Trim();
        symbol = (symbol ?? "").Trim();
        placeName = (placeName ?? "").Trim();
        errors.Required(nameof(Name), name, "Agency.Name");
        errors.MaxLength(nameof(Name), name, NameMaxLength);
        errors.Required(nameof(Symbol), symbol, "Agency.Symbol");
        errors.MaxLength(nameof(Symbol), symbol, SymbolMaxLength);
        if (symbol.Contains('/', StringComparison.Ordinal) || symbol.Contains(' ', StringComparison.Ordinal))
        {
            errors.Add(nameof(Symbol), "Error.SymbolFormat");
        }

        errors.Required(nameof(PlaceName), placeName, "Agency.PlaceName");
        errors.MaxLength(nameof(PlaceName), placeName, PlaceMaxLength);
        if (kind.Code.Length == 0)
        {
            errors.Add(nameof(Kind), "Error.Invalid");
        }

        var recipients = string.Join('\n', (reportRecipients ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
        errors.MaxLength(nameof(ReportRecipients), recipients, RecipientsMaxLength);
        hotline = hotline?.Trim();
        email = email?.Trim();
        errors.MaxLength(nameof(Hotline), hotline, HotlineMaxLength);
        if (hotline is { Length: > 0 } && !hotline.All(c => char.IsDigit(c) || c is ' ' or '.' or '-' or '+' or '(' or ')'))
        {
            errors.Add(nameof(Hotline), "Agency.HotlineFormat");
        }

        errors.MaxLength(nameof(Email), email, EmailMaxLength);
        if (email is { Length: > 0 } && !email.Contains('@', StringComparison.Ordinal))
        {
            errors.Add(nameof(Email), "Error.Email");
        }

        errors.ThrowIfAny();
        Hotline = string.IsNullOrEmpty(hotline) ? null : hotline;
        Email = string.IsNullOrEmpty(email) ? null : email;
        Name = name;
        Symbol = symbol;
        PlaceName = placeName;
        Kind = kind;
        ReportRecipients = recipients.Length == 0 ? null : recipients;
        SearchName = VietnameseText.Fold(name);
    }
}
