using Microsoft.AspNetCore.Mvc;
using Sipar.Modules.Accounts;

namespace Sipar.Modules.Dossiers;

/// <summary>The one-stop desk: the procedure catalogue, dossiers on the legal clock, citizens' lookup and rating, indicators.</summary>
internal static class DossiersModule
{
    public static IHostApplicationBuilder AddDossiers(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(builder.Configuration.GetSection("Dossiers").Get<DossierOptions>() ?? new DossierOptions());
        builder.Services.AddScoped<ProcedureCatalogue>();
        builder.Services.AddScoped<DossierDesk>();
        builder.Services.AddSingleton<LookupThrottle>();
        builder.Services.AddScoped<PublicLookup>();
        builder.Services.AddScoped<DossierRecords>();
        builder.Services.AddSingleton(new Infrastructure.Web.CitizenEntry("Procedure.Catalogue", "Portal.Entry.Catalogue", "/thu-tuc?Agency={agency}", 10));
        builder.Services.AddSingleton(new Infrastructure.Web.CitizenEntry("Nav.Lookup", "Portal.Entry.Lookup", "/tra-cuu", 20));
        builder.Services.AddScoped<ProcedureImport>();
        builder.Services.AddScoped<DossierNotices>();
        builder.Services.AddScoped<ApologyPrompter>();
        builder.Services.AddHostedService<ApologyPromptJob>();
        builder.Services.AddScoped<IndicatorsDashboard>();
        builder.Services.AddScoped<DossierRollup>();
        builder.Services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, RollupMarker>();
        builder.Services.AddScoped<DossierImport>();
        builder.Services.AddScoped<IDossierRecords>(sp => sp.GetRequiredService<DossierRecords>());
        builder.Services.AddScoped<ParIndex.IParDataSource, DossiersOnTimeSource>();
        return builder;
    }

    public static IEndpointRouteBuilder MapDossiers(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/dossiers").RequireAuthorization().WithTags("Dossiers");
        api.MapGet("/", async (DossierDesk desk, CurrentUser me, Guid? agencyId, DossierStatus? status, string? q, DateOnly? from, DateOnly? to, CancellationToken ct) =>
            TypedResults.Ok(await desk.RegisterAsync(agencyId ?? me.AgencyId ?? Guid.Empty, new RegisterFilter(status, q, from, to), ct)));
        api.MapGet("/register.xlsx", async (DossierDesk desk, CurrentUser me, Guid? agencyId, DossierStatus? status, string? q, DateOnly? from, DateOnly? to, CancellationToken ct) =>
            TypedResults.File(await desk.RegisterWorkbookAsync(agencyId ?? me.AgencyId ?? Guid.Empty, new RegisterFilter(status, q, from, to), ct), Xlsx, "so-theo-doi-ho-so.xlsx"));
        api.MapGet("/{id:guid}/forms/{form:int}", async (DossierDesk desk, HttpRequest request, DossierOptions options, Guid id, int form, CancellationToken ct) =>
        {
            var (name, bytes) = await desk.FormAsync(id, (DossierForm)form, PublicLookup.Url(request, options), ct);
            return TypedResults.File(bytes, Docx, name);
        });
        api.MapPost("/", async (DossierDesk desk, CurrentUser me, ReceiveRequest input, CancellationToken ct) =>
        {
            var id = await desk.ReceiveAsync(input.AgencyId ?? me.AgencyId ?? Guid.Empty, new ReceiveInput(input.ProcedureId, input.ApplicantName, input.Phone, input.Email, input.Address, input.Channel, input.ReceivedAt), ct);
            return TypedResults.Created($"/api/dossiers/{id}", new { id });
        });
        api.MapGet("/{id:guid}", async (DossierDesk desk, Guid id, CancellationToken ct) => TypedResults.Ok(Summary((await desk.GetAsync(id, ct)).Dossier)));
        api.MapPost("/{id:guid}/{action}", async (DossierDesk desk, Guid id, string action, [FromBody] ActionRequest input, CancellationToken ct) =>
        {
            await (action switch
            {
                "accept" => desk.AcceptAsync(id, input.Documents ?? [], ct),
                "request-supplement" => desk.RequestSupplementAsync(id, input.Documents ?? [], input.Reason, ct),
                "complete-supplement" => desk.CompleteSupplementAsync(id, ct),
                "refuse" => desk.RefuseAsync(id, input.Reason, ct),
                "assign" => desk.AssignAsync(id, input.UnitId ?? Guid.Empty, input.OfficerId, input.Step, input.Date, ct),
                "submit" => desk.SubmitForSignatureAsync(id, ct),
                "sign" => desk.SignAsync(id, ct),
                "return" => desk.ReturnAsync(id, input.Delivery ?? ResultDelivery.AtDesk, ct),
                "request-apology" => desk.RequestApologyAsync(id, input.Reason, input.Date, ct),
                "approve-apology" => desk.ApproveApologyAsync(id, ct),
                "stop" => desk.StopAsync(id, input.Reason, ct),
                _ => throw new Infrastructure.Errors.NotFoundException(),
            });
            return TypedResults.Ok(Summary((await desk.GetAsync(id, ct)).Dossier));
        });
        api.MapGet("/indicators", async (DossierRecords records, Capabilities can, CurrentUser me, Guid? agencyId, DateOnly from, DateOnly to, CancellationToken ct) =>
        {
            var agency = agencyId ?? me.AgencyId ?? Guid.Empty;
            can.Ensure(Capability.ReadAgency, agency);
            return TypedResults.Ok(await records.FiguresAsync(agency, from, to, ct));
        });
        // The breakdown: by unit, procedure or field for an agency; by agency for the whole province (agencyId omitted, province-wide roles).
        api.MapGet("/indicators/breakdown", async (IndicatorsDashboard dashboard, CurrentUser me, Capabilities can, Guid? agencyId, DateOnly from, DateOnly to, IndicatorBreakdown by, CancellationToken ct) =>
        {
            var agency = agencyId ?? (can.HasProvinceWide(Capability.ReadAgency) ? null : me.AgencyId ?? Guid.Empty);
            var report = await dashboard.ReportAsync(new IndicatorQuery(IndicatorPeriod.Custom, from.Year, 1, from, to, agency, by), ct);
            return TypedResults.Ok(new { report.From, report.To, report.Total, Rows = report.Rows.Select(r => new { r.Key, r.Label, r.Figures }) });
        });

        app.MapGet("/api/public/procedures", async (ProcedureCatalogue catalogue, Guid? agencyId, string? q, string? field, OnlineLevel? level, CancellationToken ct) =>
            TypedResults.Ok(await catalogue.SearchAsync(agencyId, q, field, level, ct))).AllowAnonymous().WithTags("Dossiers");
        return app;
    }

    internal const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    internal const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private static object Summary(Dossier d) => new
    {
        d.Id, d.Code, d.Status, d.ProcedureCode, d.ProcedureName, d.ReceivedAt, d.AppointmentDate, d.OriginalAppointmentDate, d.FinishedOn, d.Outcome,
        d.SupplementCount, d.ApologyIssuedOn, d.ApologyOnTime, d.UnitId, d.FormSet,
    };

    internal sealed record ReceiveRequest(Guid? AgencyId, Guid ProcedureId, string? ApplicantName, string? Phone, string? Email, string? Address, DossierChannel Channel = DossierChannel.Desk, DateTime? ReceivedAt = null);

    internal sealed record ActionRequest(IReadOnlyList<string>? Documents, string? Reason, Guid? UnitId, DateOnly? Date, ResultDelivery? Delivery, Guid? OfficerId = null, int? Step = null);
}
