using System.Security.Cryptography;

namespace Sipar.Modules.Sipas;

/// <summary>Where a person of the frame comes from.</summary>
internal enum ContactSource
{
    Dossier,
    Imported,
    Resident,
}

/// <summary>A person's place in the wave: in the frame, drawn (waiting), reached, answered, refused, unreachable or opted out.</summary>
internal enum ContactState
{
    Frame,
    Sampled,
    Answered,
    Refused,
    Unreachable,
    OptedOut,
}

/// <summary>
/// One person or organisation of a wave's sampling frame. The draw gives every contact of a stratum a rank (a seeded
/// shuffle of the frame's order): the first n are the sample, the next ones replace, in that order, those who refuse or
/// cannot be reached. A drawn contact holds the single-use token printed on their invitation.
/// </summary>
internal sealed class Contact
{
    public const int NameMaxLength = 200;
    public const int PhoneMaxLength = 30;
    public const int EmailMaxLength = 200;
    public const int StratumMaxLength = 300;
    public const int TokenLength = 12;

    // No 0/O, 1/I/L: the code is typed from paper.
    private const string TokenAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    private Contact()
    {
    }

    public Guid Id { get; private set; }

    public Guid WaveId { get; private set; }

    /// <summary>The frame's order (1…N), before the draw shuffles it.</summary>
    public int Sequence { get; private set; }

    public string Stratum { get; private set; } = "";

    public string Name { get; private set; } = "";

    public string? Phone { get; private set; }

    public string? Email { get; private set; }

    public Guid AgencyId { get; private set; }

    public Guid? UnitId { get; private set; }

    public string ProcedureCode { get; private set; } = "";

    public string ProcedureName { get; private set; } = "";

    public DateOnly? ResultOn { get; private set; }

    public ContactSource Source { get; private set; }

    /// <summary>The dossier code (or the imported row) it came from.</summary>
    public string SourceKey { get; private set; } = "";

    /// <summary>Its place in its stratum's seeded shuffle (1 is drawn first).</summary>
    public int? Rank { get; private set; }

    public ContactState State { get; private set; }

    public string? Token { get; private set; }

    /// <summary>The contact this one replaced (who refused or could not be reached).</summary>
    public Guid? ReplacesId { get; private set; }

    public string? Note { get; private set; }

    public static Contact InFrame(Guid waveId, int sequence, string stratum, FramePerson p) => new()
    {
        Id = Guid.CreateVersion7(),
        WaveId = waveId,
        Sequence = sequence,
        Stratum = Cut(stratum, StratumMaxLength),
        Name = Cut(p.Name, NameMaxLength),
        Phone = p.Phone is { Length: > 0 } ph ? Cut(ph, PhoneMaxLength) : null,
        Email = p.Email is { Length: > 0 } em ? Cut(em, EmailMaxLength) : null,
        AgencyId = p.AgencyId,
        UnitId = p.UnitId,
        ProcedureCode = Cut(p.ProcedureCode, 50),
        ProcedureName = Cut(p.ProcedureName, 500),
        ResultOn = p.ResultOn,
        Source = p.Source,
        SourceKey = Cut(p.SourceKey, 100),
        State = ContactState.Frame,
    };

    public void Ranked(int rank) => Rank = rank;

    public void Draw(Guid? replaces)
    {
        State = ContactState.Sampled;
        ReplacesId = replaces;
        Token = NewToken();
    }

    public void Answered() => State = ContactState.Answered;

    public void NotReached(ContactState state, string? note)
    {
        State = state;
        Note = note is { Length: > 0 } ? Cut(note, 500) : null;
    }

    public void OptOut()
    {
        State = ContactState.OptedOut;
        Token = null;
    }

    /// <summary>The key an opt-out is kept under: digits of the phone, or the email in lower case.</summary>
    public static string? OptOutKey(string? phone, string? email)
    {
        var digits = new string((phone ?? "").Where(char.IsAsciiDigit).ToArray());
        if (digits.StartsWith("84", StringComparison.Ordinal) && digits.Length > 9)
        {
            digits = "0" + digits[2..];
        }

        return digits.Length >= 8 ? digits : email is { Length: > 3 } e ? e.Trim().ToLowerInvariant() : null;
    }

    public static string NewToken() => RandomNumberGenerator.GetString(TokenAlphabet, TokenLength);

    /// <summary>A token as a citizen may type it: spaces, dashes and case do not matter.</summary>
    public static string NormaliseToken(string? text) => new([.. (text ?? "").Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant)]);

    private static string Cut(string? s, int max)
    {
        var t = (s ?? "").Trim();
        return t.Length > max ? t[..max] : t;
    }
}

/// <summary>A person for the frame, from a returned dossier or an imported list.</summary>
internal sealed record FramePerson(
    string Name, string? Phone, string? Email, Guid AgencyId, Guid? UnitId, string ProcedureCode, string ProcedureName,
    DateOnly? ResultOn, ContactSource Source, string SourceKey);

/// <summary>Someone who asked not to be surveyed: never drawn again by the agency's waves.</summary>
internal sealed class OptOut
{
    private OptOut()
    {
    }

    public Guid Id { get; private set; }

    public Guid AgencyId { get; private set; }

    public string Key { get; private set; } = "";

    public DateTime At { get; private set; }

    public static OptOut Of(Guid agencyId, string key, DateTime at) => new() { Id = Guid.CreateVersion7(), AgencyId = agencyId, Key = key, At = at };
}
