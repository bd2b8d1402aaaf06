using System.Reflection;
using Microsoft.AspNetCore.Identity;
using Sipar.Infrastructure.Localization;

namespace Sipar.Modules.Accounts;

/// <summary>
/// Refuses passwords that are common, or a common word with digits or symbols around it ("Password12"), or that
/// contain the person's email name. The list ships inside the executable (<c>common-passwords.txt</c>: about 49,000
/// passwords from zxcvbn-ts's common list, MIT, plus Vietnamese and Sipar words).
/// </summary>
internal sealed class CommonPasswords(Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> t) : IPasswordValidator<User>
{
    private static readonly Lazy<HashSet<string>> List = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<User> manager, User user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Task.FromResult(IsWeak(password ?? "", user.Email)
            ? IdentityResult.Failed(new IdentityError { Code = "PasswordCommon", Description = t["Identity.PasswordCommon"] })
            : IdentityResult.Success);
    }

    internal static bool IsWeak(string password, string? email)
    {
        var folded = VietnameseText.Fold(password).Replace(" ", "", StringComparison.Ordinal);
        var core = folded.Trim("0123456789!@#$%^&*()_+-=.,?~".ToCharArray());
        var list = List.Value;
        if (list.Contains(folded) || list.Contains(core) || (core.Length < 4 && folded.Length > 0))
        {
            return true;
        }

        var name = VietnameseText.Fold((email ?? "").Split('@')[0]);
        return name.Length >= 4 && folded.Contains(name, StringComparison.Ordinal);
    }

    private static HashSet<string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Sipar.Accounts.common-passwords.txt")
            ?? throw new InvalidOperationException("The common password list is missing from the build.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                set.Add(line);
            }
        }

        return set;
    }
}
