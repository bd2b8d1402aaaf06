using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Files;
using Sipar.Modules.Accounts;

namespace Sipar.Modules.Organisation;

internal static class OrganisationModule
{
    public static IHostApplicationBuilder AddOrganisation(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<AgencyAdministration>();
        builder.Services.AddScoped<Agencies>();
        builder.Services.AddSingleton<AgencyInfoCache>();
        builder.Services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, AgencyCacheInvalidator>();
        builder.Services.AddScoped<IAgencies>(sp => sp.GetRequiredService<Agencies>());
        builder.Services.AddScoped<Infrastructure.Data.IIdNames, OrganisationNames>();
        builder.Services.AddScoped<Accounts.IPlaces>(sp => sp.GetRequiredService<Agencies>());
        builder.Services.AddScoped<UnitCsvImport>();
        builder.Services.AddScoped<AgencyTableImport>();
        return builder;
    }

    public static IEndpointRouteBuilder MapOrganisation(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/agencies").RequireAuthorization().WithTags("Organisation");

        // Everyone signed in sees the agencies they may read: all for administrators and appraisers, else their own.
        api.MapGet("/", async (AgencyAdministration agencies, CurrentUser me, string? q, CancellationToken ct) =>
            TypedResults.Ok((await agencies.ListAsync(q, ct)).Where(a => me.CanReadAgency(a.Id)).ToList()));
        api.MapGet("/{id:guid}", async (AgencyAdministration agencies, CurrentUser me, Guid id, CancellationToken ct) =>
        {
            me.EnsureCanReadAgency(id);
            return TypedResults.Ok(await agencies.GetAsync(id, ct));
        });
        api.MapGet("/{id:guid}/units", async (AgencyAdministration agencies, CurrentUser me, Guid id, CancellationToken ct) =>
        {
            me.EnsureCanReadAgency(id);
            return TypedResults.Ok(await agencies.UnitTreeAsync(id, ct));
        });
        api.MapPost("/", async (AgencyAdministration agencies, AgencyInput input, CancellationToken ct) =>
        {
            var id = await agencies.CreateAsync(input, ct);
            return TypedResults.Created($"/api/agencies/{id}", await agencies.GetAsync(id, ct));
        }).RequireAuthorization(Policies.Administer);
        api.MapPut("/{id:guid}", async (AgencyAdministration agencies, Guid id, AgencyInput input, CancellationToken ct) =>
        {
            await agencies.UpdateAsync(id, input, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.Administer);
        api.MapPost("/{id:guid}/units", async (AgencyAdministration agencies, Guid id, UnitInput input, CancellationToken ct) =>
        {
            var unitId = await agencies.AddUnitAsync(id, input, ct);
            return TypedResults.Created($"/api/agencies/{id}/units", new { id = unitId });
        }).RequireAuthorization(Policies.Administer);
        // The body is the CSV itself (Content-Type: text/csv). Without ?apply=true it only previews.
        api.MapPost("/{id:guid}/units/import", async (UnitCsvImport import, HttpRequest request, Guid id, bool? apply, CancellationToken ct) =>
        {
            var content = await UploadCheck.ReadCsvBodyAsync(request, UnitCsvImport.MaxBytes, ct);
            return TypedResults.Ok(apply == true ? await import.ApplyAsync(id, content, ct) : await import.PreviewAsync(id, content, ct));
        }).RequireAuthorization(Policies.Administer);
        return app;
    }
}
