using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Localization;

namespace Sipar.Modules.Accounts;

/// <summary>The administrator's handlers for accounts; used by the admin pages, the API and the CLI.</summary>
internal sealed class UserAdministration(SiparDbContext db, UserManager<User> userManager, Sessions sessions, IPlaces places, TimeProvider clock)
{
    public async Task<IReadOnlyList<UserSummary>> ListAsync(Guid? agencyId, string? search, CancellationToken ct)
    {
        var query = db.Users.AsNoTracking();
        if (agencyId is { } a)
        {
            query = query.Where(u => u.AgencyId == a);
        }

        var key = VietnameseText.Fold(search);
        if (key.Length > 0)
        {
            var emailKey = (search ?? "").Trim().ToUpperInvariant();
            query = query.Where(u => u.SearchName.Contains(key) || u.NormalizedEmail!.Contains(emailKey));
        }

        return await ProjectAsync(query.OrderBy(u => u.SearchName).Take(500), ct);
    }

    public async Task<UserSummary> GetAsync(Guid id, CancellationToken ct) =>
        (await ProjectAsync(db.Users.AsNoTracking().Where(u => u.Id == id), ct)) is [var found, ..] ? found : throw new NotFoundException();

    private async Task<IReadOnlyList<UserSummary>> ProjectAsync(IQueryable<User> query, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var rows = await query
            .Select(u => new { u.Id, u.Email, u.FullName, u.AgencyId, u.UnitId, Roles = u.Roles.Select(r => r.Role).ToList(), u.LockoutEnd })
            .ToListAsync(ct);
        var all = await places.AllAsync(ct);
        var agencyNames = all.ToDictionary(a => a.Id, a => a.Name);
        var unitNames = all.SelectMany(a => a.Units).ToDictionary(u => u.Id, u => u.Name);
        return rows.Select(r => new UserSummary(
            r.Id, r.Email ?? "", r.FullName, r.AgencyId, r.AgencyId is { } a ? agencyNames.GetValueOrDefault(a) : null,
            r.UnitId, r.UnitId is { } u ? unitNames.GetValueOrDefault(u) : null, r.Roles.Order().ToList(),
            r.LockoutEnd is { } end && end > now)).ToList();
    }

    public async Task<CreatedUser> CreateAsync(UserInput input, CancellationToken ct, string? password = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        await CheckPlacementAsync(input.AgencyId, input.UnitId, ct);
        var user = User.Create(input.Email, input.FullName, input.AgencyId, input.UnitId, clock.GetUtcNow().UtcDateTime);
        user.SetRoles(input.Roles);
        password ??= PasswordGenerator.Generate();
        var result = await userManager.CreateAsync(user, password);
        ThrowIfFailed(result, nameof(UserInput.Email));
        return new CreatedUser(user.Id, user.Email!, user.FullName, password);
    }

    /// <summary>
    /// Creates accounts that share one generated password, hashing it once (demo data: eight PBKDF2 hashes are
    /// most of a first start's time on a small machine).
    /// </summary>
    internal async Task CreateManyAsync(IEnumerable<UserInput> inputs, string password, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        string? hash = null;
        foreach (var input in inputs)
        {
            await CheckPlacementAsync(input.AgencyId, input.UnitId, ct);
            var user = User.Create(input.Email, input.FullName, input.AgencyId, input.UnitId, clock.GetUtcNow().UtcDateTime);
            user.SetRoles(input.Roles);
            if (hash is null)
            {
                foreach (var validator in userManager.PasswordValidators)
                {
                    ThrowIfFailed(await validator.ValidateAsync(userManager, user, password), "Password");
                }

                hash = userManager.PasswordHasher.HashPassword(user, password);
            }

            user.PasswordHash = hash;
            ThrowIfFailed(await userManager.CreateAsync(user), nameof(UserInput.Email));
        }
    }

    public async Task UpdateAsync(Guid id, UserInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var user = await db.Users.Include(u => u.Roles).FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw new NotFoundException();
        await CheckPlacementAsync(input.AgencyId, input.UnitId, ct);
        var emailErrors = new ValidationErrors();
        User.CheckEmail(emailErrors, (input.Email ?? "").Trim());
        emailErrors.ThrowIfAny();
        user.UpdateProfile(input.FullName, input.AgencyId, input.UnitId);
        user.SetRoles(input.Roles);
        if (!string.Equals(user.Email, input.Email?.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            ThrowIfFailed(await userManager.SetEmailAsync(user, input.Email?.Trim()), nameof(UserInput.Email));
            ThrowIfFailed(await userManager.SetUserNameAsync(user, input.Email?.Trim()), nameof(UserInput.Email));
        }

        ThrowIfFailed(await userManager.UpdateAsync(user), "");
    }

    /// <summary>Locks the account indefinitely (leaving) or lifts a lock (also one caused by failed logins).</summary>
    public async Task SetLockedAsync(Guid id, bool locked)
    {
        var user = await userManager.FindByIdAsync(id.ToString()) ?? throw new NotFoundException();
        await userManager.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null);
        if (locked)
        {
            // A departing employee's open sessions end now, not when their cookie expires.
            await userManager.UpdateSecurityStampAsync(user);
            await sessions.EndAllAsync(id, SessionEnd.Locked);
        }
        else
        {
            await userManager.ResetAccessFailedCountAsync(user);
        }
    }

    /// <summary>Sets a new generated password, shown once to the administrator.</summary>
    public async Task<string> ResetPasswordAsync(Guid id)
    {
        var user = await userManager.FindByIdAsync(id.ToString()) ?? throw new NotFoundException();
        var password = PasswordGenerator.Generate();
        var token = await userManager.GeneratePasswordResetTokenAsync(user);
        ThrowIfFailed(await userManager.ResetPasswordAsync(user, token, password), "");
        await sessions.EndAllAsync(id, SessionEnd.PasswordReset);
        return password;
    }

    internal static void ThrowIfFailed(IdentityResult result, string field)
    {
        if (!result.Succeeded)
        {
            throw new DomainValidationException(result.Errors.Select(e => new FieldError(field, "Identity.Raw", e.Description)).ToList());
        }
    }

    private async Task CheckPlacementAsync(Guid? agencyId, Guid? unitId, CancellationToken ct)
    {
        if (agencyId is null && unitId is null)
        {
            return;
        }

        var all = await places.AllAsync(ct);
        var agency = agencyId is { } a ? all.FirstOrDefault(x => x.Id == a) : null;
        if (agencyId is not null && agency is null)
        {
            throw new DomainValidationException(nameof(UserInput.AgencyId), "Error.Invalid");
        }

        if (unitId is { } u && agency?.Units.Any(x => x.Id == u) != true)
        {
            throw new DomainValidationException(nameof(UserInput.UnitId), "Error.UnitOtherAgency");
        }
    }
}
