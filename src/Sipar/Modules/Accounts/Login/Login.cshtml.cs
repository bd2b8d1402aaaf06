using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Sipar.Modules.Accounts;

[AllowAnonymous]
internal sealed class LoginModel(SignInManager<User> signIn, UserManager<User> users, IStringLocalizer<SharedResource> t, TimeProvider clock) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Error.RequiredEmail")]
    public string Email { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Error.RequiredPassword")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [BindProperty]
    public bool RememberMe { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(Email.Trim(), Password, RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        if (result.IsLockedOut)
        {
            var user = await users.FindByEmailAsync(Email.Trim());
            var end = user?.LockoutEnd;
            var minutes = end is { } e ? Math.Max(1, (int)Math.Ceiling((e - clock.GetUtcNow()).TotalMinutes)) : 15;
            ModelState.AddModelError("", end == DateTimeOffset.MaxValue ? t["Login.Disabled"] : t["Login.LockedOut", minutes]);
        }
        else
        {
            ModelState.AddModelError("", t["Login.Failed"]);
        }

        Password = "";
        return Page();
    }
}
