using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Sipar.Modules.Accounts;

/// <summary>Identity's messages (password rules, duplicates) in the request's language; Vietnamese by default.</summary>
internal sealed class LocalizedIdentityErrorDescriber(IStringLocalizer<SharedResource> t) : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => E(nameof(DefaultError), t["Identity.DefaultError"]);

    public override IdentityError ConcurrencyFailure() => E(nameof(ConcurrencyFailure), t["Identity.ConcurrencyFailure"]);

    public override IdentityError PasswordMismatch() => E(nameof(PasswordMismatch), t["Identity.PasswordMismatch"]);

    public override IdentityError InvalidToken() => E(nameof(InvalidToken), t["Identity.DefaultError"]);

    public override IdentityError InvalidUserName(string? userName) => E(nameof(InvalidUserName), t["Identity.InvalidUserName", userName ?? ""]);

    public override IdentityError InvalidEmail(string? email) => E(nameof(InvalidEmail), t["Identity.InvalidEmail", email ?? ""]);

    public override IdentityError DuplicateUserName(string userName) => E(nameof(DuplicateUserName), t["Identity.DuplicateEmail", userName]);

    public override IdentityError DuplicateEmail(string email) => E(nameof(DuplicateEmail), t["Identity.DuplicateEmail", email]);

    public override IdentityError PasswordTooShort(int length) => E(nameof(PasswordTooShort), t["Identity.PasswordTooShort", length]);

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => E(nameof(PasswordRequiresUniqueChars), t["Identity.PasswordRequiresUniqueChars", uniqueChars]);

    public override IdentityError PasswordRequiresNonAlphanumeric() => E(nameof(PasswordRequiresNonAlphanumeric), t["Identity.PasswordRequiresNonAlphanumeric"]);

    public override IdentityError PasswordRequiresDigit() => E(nameof(PasswordRequiresDigit), t["Identity.PasswordRequiresDigit"]);

    public override IdentityError PasswordRequiresLower() => E(nameof(PasswordRequiresLower), t["Identity.PasswordRequiresLower"]);

    public override IdentityError PasswordRequiresUpper() => E(nameof(PasswordRequiresUpper), t["Identity.PasswordRequiresUpper"]);

    private static IdentityError E(string code, string description) => new() { Code = code, Description = description };
}
