using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Web;

namespace Sipar.Modules.Accounts;

[Authorize(Policy = Policies.Administer)]
internal sealed class EditUserModel(UserAdministration users, IPlaces places, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    [BindProperty(SupportsGet = true)]
    public Guid? Id { get; set; }

    [BindProperty]
    public UserForm Input { get; set; } = new();

    public bool LockedOut { get; private set; }

    public string? ShownOncePassword { get; private set; }

    public IReadOnlyList<PlaceAgency> Agencies { get; private set; } = [];

    public IReadOnlyList<(Guid Id, string Name, string AgencyName)> Units { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is { } id)
        {
            var u = await users.GetAsync(id, ct);
            Input = new UserForm { Email = u.Email, FullName = u.FullName, AgencyId = u.AgencyId, UnitId = u.UnitId, Roles = u.Roles.ToList() };
            LockedOut = u.LockedOut;
        }

        ShownOncePassword = TempData["PasswordOnce"] as string;
        await LoadChoicesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var input = new UserInput(Input.Email ?? "", Input.FullName ?? "", Input.AgencyId, Input.UnitId, Input.Roles);
            if (Id is { } id)
            {
                await users.UpdateAsync(id, input, ct);
                TempData["Flash"] = Localizer["Common.Saved"].Value;
                return Redirect($"/admin/users/{id}");
            }

            var created = await users.CreateAsync(input, ct);
            TempData["PasswordOnce"] = Localizer["Users.Created", created.Email, created.Password].Value;
            return Redirect($"/admin/users/{created.Id}");
        }
        catch (DomainValidationException e)
        {
            e.AddTo(ModelState, Localizer, "Input.");
            await LoadChoicesAsync(ct);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostLockAsync(bool locked)
    {
        await users.SetLockedAsync(Id ?? throw new NotFoundException(), locked);
        TempData["Flash"] = (locked ? Localizer["Users.Locked"] : Localizer["Users.Unlocked"]).Value;
        return Redirect($"/admin/users/{Id}");
    }

    public async Task<IActionResult> OnPostResetPasswordAsync(CancellationToken ct)
    {
        var id = Id ?? throw new NotFoundException();
        var password = await users.ResetPasswordAsync(id);
        var user = await users.GetAsync(id, ct);
        TempData["PasswordOnce"] = Localizer["Users.PasswordReset", user.Email, password].Value;
        return Redirect($"/admin/users/{id}");
    }

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        Agencies = await places.AllAsync(ct);
        Units = Agencies.SelectMany(a => a.Units.Select(u => (u.Id, u.Name, a.Name))).ToList();
        if (Id is { } id)
        {
            LockedOut = (await users.GetAsync(id, ct)).LockedOut;
        }
    }

    internal sealed class UserForm
    {
        public string? Email { get; set; }

        public string? FullName { get; set; }

        public Guid? AgencyId { get; set; }

        public Guid? UnitId { get; set; }

        public List<Role> Roles { get; set; } = [];
    }
}
