using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Web;

namespace Sipar.Modules.Accounts;

/// <summary>
/// Signs in. Every failure, whatever its cause (unknown email, wrong password, a locked or disabled account), gives
/// the same message after the same work (a password hash is checked even for an unknown email), so the answer says
/// nothing about which accounts exist. Failures slow down the address they come from (<see cref="LoginThrottle"/>)
/// and, across addresses, each account takes only so many attempts a minute from addresses that have failed before
/// (<see cref="AccountAttempts"/>): a person typing the right password from a clean address is never held back.
/// </summary>
[AllowAnonymous]
internal sealed class LoginModel(
    SignInManager<User> signIn, Sessions sessions, LoginThrottle throttle, AccountAttempts attempts, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    [BindProperty]
    [Required(ErrorMessage = "Error.RequiredEmail")]
    [StringLength(256, ErrorMessage = "Error.StringLength")]
    public string Email { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Error.RequiredPassword")]
    [StringLength(256, ErrorMessage = "Error.StringLength")]
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

        var address = HttpContext.Connection.RemoteIpAddress;
        var wait = throttle.WaitFor(address);
        if (wait > TimeSpan.Zero || (throttle.HasFailed(address) && !attempts.TryAttempt(Email)))
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            ModelState.AddModelError("", Localizer["Login.TooMany"]);
            Password = "";
            return Page();
        }

        var users = signIn.UserManager;
        var user = await users.FindByEmailAsync(Email.Trim());
        var succeeded = false;
        if (user is null || await users.IsLockedOutAsync(user))
        {
            // The same PBKDF2 work as a real check, so neither timing nor message tells an unknown or locked account apart.
            users.PasswordHasher.VerifyHashedPassword(user ?? Dummy, DummyHash.Value, Password);
        }
        else
        {
            succeeded = (await signIn.CheckPasswordSignInAsync(user, Password, lockoutOnFailure: true)).Succeeded;
        }

        if (succeeded)
        {
            throttle.Succeeded(address);
            await sessions.SignInAsync(user!, RememberMe, HttpContext);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        throttle.Failed(address);
        ModelState.AddModelError("", Localizer["Login.Failed"]);
        Password = "";
        return Page();
    }

    private static readonly User Dummy = Accounts.User.Create("khong-ton-tai@sipar.invalid", "-", null, null, DateTime.UnixEpoch);

    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<User>().HashPassword(Dummy, Guid.NewGuid().ToString()));
}
