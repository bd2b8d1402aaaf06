using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Web;

namespace Sipar.Modules.Accounts;

[AllowAnonymous]
internal sealed class LogoutModel(SignInManager<User> signIn, Sessions sessions, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    public async Task<IActionResult> OnPostAsync()
    {
        // The session ends in the database, so a copy of this cookie no longer signs anyone in.
        await sessions.EndCurrentAsync(User);
        await signIn.SignOutAsync();
        return LocalRedirect("/account/login");
    }
}
