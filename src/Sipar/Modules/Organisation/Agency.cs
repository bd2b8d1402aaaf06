using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Localization;

namespace Sipar.Modules.Organisation;

/// <summary>Loại cơ quan.</summary>
/// <summary>Cơ quan: an agency of the province, with its units.</summary>
internal sealed class Agency
{
    public const int NameMaxLength = 300;
    public const int SymbolMaxLength = 30;
    public const int PlaceMaxLength = 100;

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

    public static Agency Create(string name, string symbol, string placeName, AgencyKind kind)
    {
        var agency = new Agency { Id = Guid.CreateVersion7() };
        agency.Update(name, symbol, placeName, kind);
        return agency;
    }

    public void Update(string name, string symbol, string placeName, AgencyKind kind)
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
        if (!Enum.IsDefined(kind))
        {
            errors.Add(nameof(Kind), "Error.Invalid");
        }

        errors.ThrowIfAny();
        Name = name;
        Symbol = symbol;
        PlaceName = placeName;
        Kind = kind;
        SearchName = VietnameseText.Fold(name);
    }
}
