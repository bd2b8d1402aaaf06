using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Web;

namespace Sipar.Modules.Accounts;

internal sealed class ChangePasswordModel(UserManager<User> users, Sessions sessions, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    [BindProperty]
    [Required(ErrorMessage = "Error.RequiredPassword")]
    [DataType(DataType.Password)]
    public string Current { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Error.RequiredPassword")]
    [DataType(DataType.Password)]
    public string New { get; set; } = "";

    [BindProperty]
    [DataType(DataType.Password)]
    [Compare(nameof(New), ErrorMessage = "Password.NoMatch")]
    public string Confirm { get; set; } = "";

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var result = await users.ChangePasswordAsync(user, Current, New);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
            {
                ModelState.AddModelError(e.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? nameof(Current) : nameof(New), e.Description);
            }

            return Page();
        }

        // Every other session of this person ends; this one goes on with a cookie carrying the new security stamp.
        var current = Sessions.IdOf(User);
        await sessions.EndAllAsync(user.Id, SessionEnd.PasswordChanged, except: current);
        await sessions.SignInAsync(user, persistent: false, HttpContext, keep: current);
        TempData["Flash"] = Localizer["Password.Changed"].Value;
        return RedirectToPage();
    }
}
