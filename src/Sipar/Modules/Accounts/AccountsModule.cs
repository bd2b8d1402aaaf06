using Microsoft.AspNetCore.Identity;
using Sipar.Infrastructure.Data;

namespace Sipar.Modules.Accounts;

internal static class AccountsModule
{
    public static IHostApplicationBuilder AddAccounts(this IHostApplicationBuilder builder)
    {
        var lockout = builder.Configuration.GetSection("Accounts:Lockout");
        builder.Services.AddIdentity<User, IdentityRole<Guid>>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                o.Lockout.AllowedForNewUsers = true;
                // Failures slow their address down first (LoginThrottle); the account itself locks only after many more,
                // so a stranger cannot keep a real user out by typing wrong passwords (ADR 0013).
                o.Lockout.MaxFailedAccessAttempts = lockout.GetValue("MaxFailedAttempts", 20);
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(lockout.GetValue("Minutes", 15));
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<SiparDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<SiparClaimsFactory>()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>()
            .AddPasswordValidator<CommonPasswords>();

        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "sipar.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/denied";
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            // Every request checks its session and security stamp (Sessions.ValidateAsync) instead of Identity's
            // 30-minute stamp check: logout, locks and password changes end sessions at once.
            o.Events.OnValidatePrincipal = Sessions.ValidateAsync;
            // The API and the pages answer 401/403 with the status itself: no redirect hides a refusal.
            o.Events.OnRedirectToLogin = ctx =>
            {
                if (ctx.Request.Path.StartsWithSegments("/api"))
                {
                    ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
                }
                else
                {
                    ctx.Response.Redirect(ctx.RedirectUri);
                }

                return Task.CompletedTask;
            };
            o.Events.OnRedirectToAccessDenied = ctx =>
            {
                ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Administer, p => p.RequireAssertion(c =>
                RoleCapabilities.Grants(CurrentUser.RolesOf(c.User), null, null, Capability.Administer, null, null)));
        builder.Services.AddScoped<CurrentUser>();
        builder.Services.AddScoped<Capabilities>();
        builder.Services.AddScoped<IPeople, People>();
        builder.Services.AddScoped<Infrastructure.Data.IIdNames, PeopleNames>();
        builder.Services.AddScoped<UserAdministration>();
        builder.Services.AddScoped<Sessions>();
        builder.Services.AddSingleton<LoginThrottle>();
        builder.Services.AddSingleton<AccountAttempts>();
        return builder;
    }

    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization().WithTags("Accounts");
        api.MapGet("/me", (CurrentUser me) => TypedResults.Ok(new MeResponse(me.Id, me.FullName, me.AgencyId, me.Roles.Select(r => r.ToString()).ToList())))
            .WithName("GetMe");
        var admin = app.MapGroup("/api/users").RequireAuthorization(Policies.Administer).WithTags("Accounts");
        admin.MapGet("/", async (UserAdministration users, Guid? agencyId, string? q, CancellationToken ct) =>
            TypedResults.Ok(await users.ListAsync(agencyId, q, ct)));
        admin.MapPost("/", async (UserAdministration users, UserInput input, CancellationToken ct) =>
        {
            var created = await users.CreateAsync(input, ct);
            return TypedResults.Created($"/api/users/{created.Id}", created);
        });
        return app;
    }
}

internal sealed record MeResponse(Guid? Id, string FullName, Guid? AgencyId, IReadOnlyList<string> Roles);
