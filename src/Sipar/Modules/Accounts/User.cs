using Microsoft.AspNetCore.Identity;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Localization;

namespace Sipar.Modules.Accounts;

/// <summary>
/// A person who signs in. Belongs to a unit of an agency (an administrator may belong to none). Public only because
/// the one Identity DbContext (Infrastructure) maps it; other modules reach people through <see cref="IPeople"/>.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Maintainability", "CA1515:Consider making public types internal", Justification = "Mapped by the Identity DbContext in Infrastructure.")]
public sealed class User : IdentityUser<Guid>
{
    public const int FullNameMaxLength = 200;

    /// <summary>What ASP.NET Core Identity's e-mail and user-name columns hold.</summary>
    public const int EmailMaxLength = 256;

    private readonly List<RoleAssignment> roles = [];

    private User()
    {
    }

    public string FullName { get; private set; } = "";

    public string SearchName { get; private set; } = "";

    public Guid? AgencyId { get; private set; }

    public Guid? UnitId { get; private set; }

    public DateTime CreatedAt { get; private set; }

    internal IReadOnlyCollection<RoleAssignment> Roles => roles;

    public static User Create(string email, string fullName, Guid? agencyId, Guid? unitId, DateTime now)
    {
        var errors = new ValidationErrors();
        email = (email ?? "").Trim();
        CheckEmail(errors, email);
        errors.ThrowIfAny();
        var user = new User
        {
            Id = Guid.CreateVersion7(),
            Email = email,
            UserName = email,
            EmailConfirmed = true,
            LockoutEnabled = true,
            CreatedAt = now,
        };
        user.UpdateProfile(fullName, agencyId, unitId);
        return user;
    }

    /// <summary>An address the account can sign in with: present, with an @, and within the Identity column.</summary>
    internal static void CheckEmail(ValidationErrors errors, string email)
    {
        errors.Required(nameof(Email), email, "User.Email");
        if (email.Length > EmailMaxLength)
        {
            errors.Add(nameof(Email), "Error.MaxLength", EmailMaxLength);
        }
        else if (email.Length > 0 && !email.Contains('@', StringComparison.Ordinal))
        {
            errors.Add(nameof(Email), "Error.Email");
        }
    }

    public void UpdateProfile(string fullName, Guid? agencyId, Guid? unitId)
    {
        var errors = new ValidationErrors();
        fullName = (fullName ?? "").Trim();
        errors.Required(nameof(FullName), fullName, "User.FullName");
        errors.MaxLength(nameof(FullName), fullName, FullNameMaxLength);
        if (unitId is not null && agencyId is null)
        {
            errors.Add(nameof(UnitId), "Error.UnitNeedsAgency");
        }

        errors.ThrowIfAny();
        FullName = fullName;
        SearchName = VietnameseText.Fold(fullName);
        AgencyId = agencyId;
        UnitId = unitId;
    }

    /// <summary>Replaces the user's roles. Agency-scoped roles take the user's agency; Administrator and Appraiser are province-wide.</summary>
    internal void SetRoles(IEnumerable<Role> newRoles)
    {
        var wanted = newRoles.Distinct().ToList();
        if (wanted.Any(r => r.IsAgencyScoped()) && AgencyId is null)
        {
            throw new DomainValidationException(nameof(Roles), "Error.RoleNeedsAgency");
        }

        roles.RemoveAll(r => !wanted.Contains(r.Role));
        foreach (var role in wanted.Where(r => roles.TrueForAll(x => x.Role != r)))
        {
            roles.Add(RoleAssignment.Create(Id, role, role.IsAgencyScoped() ? AgencyId : null));
        }

        foreach (var assignment in roles)
        {
            assignment.Rescope(assignment.Role.IsAgencyScoped() ? AgencyId : null);
        }
    }
}
