using Sipar.Infrastructure.Errors;
using Sipar.Modules.Accounts;

namespace Sipar.Modules.Sipas;

/// <summary>The SIPAS survey: questionnaires, waves sampled from service records, collection, indices.</summary>
internal static class SipasModule
{
    public static IHostApplicationBuilder AddSipas(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(builder.Configuration.GetSection("Sipas:Validity").Get<ValidityOptions>() ?? ValidityOptions.Default);
        builder.Services.AddSingleton(builder.Configuration.GetSection("Sipas").Get<SipasOptions>() ?? new SipasOptions());
        builder.Services.AddScoped<QuestionnaireLibrary>();
        builder.Services.AddScoped<SurveyWaves>();
        builder.Services.AddScoped<SurveyCollection>();
        builder.Services.AddScoped<WaveIndices>();
        builder.Services.AddScoped<WaveExport>();
        builder.Services.AddScoped<SipasReport>();
        builder.Services.AddScoped<PaperForms>();
        builder.Services.AddScoped<SurveyReview>();
        builder.Services.AddScoped<WaveAccess>();
        builder.Services.AddScoped<ParIndex.ISurveyIndexSource, SipasParSource>();
        builder.Services.AddSingleton(new Infrastructure.Web.CitizenEntry("Sipas.Portal", "Sipas.PortalEntry", "/khao-sat", 30));
        return builder;
    }

    public static IEndpointRouteBuilder MapSipas(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/sipas").RequireAuthorization().WithTags("Sipas");
        api.MapGet("/waves/{id:guid}/sample", async (SurveyWaves waves, WaveAccess access, Guid id, CancellationToken ct) =>
        {
            await access.EnsureRunAsync(id, ct);
            return TypedResults.Ok(await waves.DrawAsync(id, null, apply: false, ct));
        });
        api.MapGet("/waves/{id:guid}/progress", async (SurveyWaves waves, WaveAccess access, Guid id, CancellationToken ct) =>
        {
            await access.EnsureRunAsync(id, ct);
            return TypedResults.Ok(await waves.ProgressAsync(id, ct));
        });
        api.MapGet("/waves/{id:guid}/indices", async (WaveIndices indices, WaveAccess access, Guid id, CancellationToken ct) =>
        {
            await access.EnsureRunAsync(id, ct);
            var r = await indices.ComputeAsync(id, ct);
            return TypedResults.Text(ResponsesFile.Json(r.Overall, [.. r.Strata.Select(s => (s.Label, s.Indices))]), "application/json");
        });
        api.MapGet("/questionnaires/{id:guid}.json", async (QuestionnaireLibrary library, Guid id, CancellationToken ct) =>
            TypedResults.Text((await library.GetAsync(id, ct)).Content, "application/json"));
        return app;
    }
}

/// <summary>Who may do what with a wave: its agency's survey staff run it; only the staff named on the wave see contacts.</summary>
internal sealed class WaveAccess(SurveyWaves waves, Capabilities can, CurrentUser me)
{
    public async Task<Wave> EnsureRunAsync(Guid waveId, CancellationToken ct)
    {
        var wave = await waves.GetAsync(waveId, ct);
        can.Ensure(Capability.RunSurveyWave, wave.AgencyId);
        return wave;
    }

    public bool MaySeeContacts(Wave wave)
    {
        ArgumentNullException.ThrowIfNull(wave);
        return can.Has(Capability.RunSurveyWave, wave.AgencyId) && me.Id is { } id && wave.StaffIds.Contains(id);
    }

    public async Task<Wave> EnsureContactsAsync(Guid waveId, CancellationToken ct)
    {
        var wave = await EnsureRunAsync(waveId, ct);
        return MaySeeContacts(wave) ? wave : throw new ForbiddenException();
    }
}
