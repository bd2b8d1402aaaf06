using System.CommandLine;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Cli;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Files;
using Sipar.Infrastructure.Localization;

namespace Sipar.Modules.Plans;

/// <summary>A unit's tick on a checklist point through the API.</summary>
internal sealed record TickInput(Guid UnitId, DateOnly? DoneOn, string? Evidence);

/// <summary>A report of a type owed in a plan's year, from a task or not.</summary>
internal sealed record ObligationInput(Guid TypeId, Guid? TaskId);

/// <summary>The report matrix as JSON: a row per unit, a cell per period.</summary>
internal static class MatrixJson
{
    public static object Of(ReportMatrix m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new
        {
            m.PlanId, Obligation = m.Obligation, m.Periods, m.Totals,
            Units = m.Units.Select(u => new { u.Id, u.Name, Cells = m.Cells.Where(c => c.UnitId == u.Id).Select(c => new { c.PeriodId, State = c.State.ToString(), Status = c.Status?.ToString() }) }),
        };
    }
}

/// <summary>The lead unit's progress report through the API.</summary>
internal sealed record ProgressInput(PlanTaskStatus Status, string? Note, Dictionary<Guid, string?>? Actuals);

internal static class PlansModule
{
    private const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IHostApplicationBuilder AddPlans(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<PlanImport>();
        builder.Services.AddScoped<PlanQueries>();
        builder.Services.AddScoped<TaskWork>();
        builder.Services.AddScoped<PlanSearch>();
        builder.Services.AddScoped<Infrastructure.Web.IDueWork, PlansDueWork>();
        builder.Services.AddScoped<PlanLifecycle>();
        builder.Services.AddScoped<PlanFollowUp>();
        builder.Services.AddScoped<UnitReporting>();
        builder.Services.AddScoped<ReportTypes>();
        builder.Services.AddScoped<TaskChecklists>();
        builder.Services.AddSingleton(ReportingTemplate.From(builder.Configuration));
        builder.Services.AddScoped<PlanExports>();
        builder.Services.AddScoped<Consolidation>();
        builder.Services.AddScoped<PlanInsights>();

        // Plans' contract for other modules, and its sources of computed PAR INDEX criteria.
        builder.Services.AddScoped<PlanRecords>();
        builder.Services.AddScoped<IPlanRecords>(sp => sp.GetRequiredService<PlanRecords>());
        builder.Services.AddScoped<IPlanTasks>(sp => sp.GetRequiredService<PlanRecords>());
        builder.Services.AddScoped<ParIndex.IParDataSource, UnitReportsOnTimeSource>();
        builder.Services.AddScoped<ParIndex.IParDataSource, PlanTasksOnTimeSource>();
        return builder;
    }

    public static IEndpointRouteBuilder MapPlans(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/plans").RequireAuthorization().WithTags("Plans");

        // Reads a plan document and returns the draft; saves nothing. Send the file as the body
        // (text/plain or text/markdown for text, the Word content type for .docx) with ?fileName=…, or as a form upload.
        api.MapPost("/parse", async (HttpRequest request, string? fileName, ILoggerFactory logs, CancellationToken ct) =>
        {
            var (name, content) = await ReadUploadAsync(request, fileName, ct);
            return TypedResults.Ok(PlanDocumentReader.Read(name, content, logs.CreateLogger("Sipar.Plans.Parser")));
        }).DisableAntiforgery().Produces<PlanDraft>().ProducesValidationProblem();

        api.MapGet("/my-tasks", async (TaskWork work, CancellationToken ct) => TypedResults.Ok(await work.MyTasksAsync(ct)));
        api.MapGet("/tasks/{taskId:guid}", async (TaskWork work, Guid taskId, CancellationToken ct) => TypedResults.Ok(await work.GetAsync(taskId, ct)));
        api.MapPost("/tasks/{taskId:guid}/progress", async (TaskWork work, Guid taskId, ProgressInput input, CancellationToken ct) =>
        {
            await work.ReportProgressAsync(taskId, input.Status, input.Note, input.Actuals ?? new Dictionary<Guid, string?>(), ct);
            return TypedResults.NoContent();
        });

        api.MapGet("/tasks/{taskId:guid}/checklist", async (TaskChecklists checklists, Guid taskId, CancellationToken ct) =>
        {
            var g = await checklists.GridAsync(taskId, ct);
            return TypedResults.Ok(new
            {
                g.TaskId, g.Done, g.Expected, g.Percent,
                Points = g.Points.Select(p => new { p.Id, p.Text }),
                Units = g.Units.Select(u => new { u.Id, u.Name, Ticks = g.Ticks.Where(t => t.UnitId == u.Id).Select(t => new { t.PointId, t.DoneOn, t.Evidence, t.By }) }),
            });
        });
        api.MapPost("/tasks/{taskId:guid}/checklist/{pointId:guid}/ticks", async (TaskChecklists checklists, Guid taskId, Guid pointId, TickInput input, CancellationToken ct) =>
        {
            await checklists.TickAsync(taskId, pointId, input.UnitId, input.DoneOn, input.Evidence, ct);
            return TypedResults.NoContent();
        });

        var documents = app.MapGroup("").RequireAuthorization().ExcludeFromDescription();
        documents.MapGet("/plans/{planId:guid}/export/plan.docx", async (PlanExports exports, Guid planId, CancellationToken ct) =>
        {
            var (name, content) = await exports.PlanDocxAsync(planId, ct);
            return TypedResults.File(content, DocxType, name);
        });
        documents.MapGet("/plans/{planId:guid}/export/tasks.xlsx", async (PlanExports exports, Guid planId, CancellationToken ct) =>
        {
            var (name, content) = await exports.TasksXlsxAsync(planId, ct);
            return TypedResults.File(content, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name);
        });
        documents.MapGet("/reports/{periodId:guid}/consolidated.docx", async (Consolidation consolidation, Guid periodId, CancellationToken ct) =>
        {
            var (name, content) = await consolidation.DocxAsync(periodId, ct);
            return TypedResults.File(content, DocxType, name);
        });

        documents.MapGet("/plans/{planId:guid}/reports/{obligationId:guid}/matrix.xlsx", async (UnitReporting reporting, Guid planId, Guid obligationId, CancellationToken ct) =>
        {
            var (name, content) = await reporting.MatrixXlsxAsync(planId, obligationId, ct);
            return TypedResults.File(content, XlsxType, name);
        });
        documents.MapGet("/reports/types/export.json", async (ReportTypes types, Guid? agency, CancellationToken ct) =>
            TypedResults.File(await types.ExportAsync(types.AgencyOrOwn(agency), ct), "application/json", "loai-bao-cao.json"));
        documents.MapGet("/reports/types/samples.json", () => TypedResults.File(ReportTypes.Samples(), "application/json", "loai-bao-cao-mau.json"));

        // Report types and the reports owed in a plan's year, for scripts: the same rules and checks as the pages.
        var reports = app.MapGroup("/api").RequireAuthorization().WithTags("Reports");
        reports.MapGet("/report-types", async (ReportTypes types, Guid? agency, CancellationToken ct) => TypedResults.Ok(await types.ListAsync(types.AgencyOrOwn(agency), ct)));

        // Imports a JSON array of report types (the body, application/json) into the agency (?agency=, one's own by default): says what each entry will do; saves only with ?apply=true.
        reports.MapPost("/report-types/import", async (ReportTypes types, HttpRequest request, Guid? agency, bool? apply, CancellationToken ct) =>
        {
            var agencyId = types.AgencyOrOwn(agency);
            types.EnsureOffice(agencyId);
            UploadCheck.RequireBodyType(request, "loai-bao-cao.json");
            var body = await UploadCheck.ReadBodyAsync(request, ReportTypes.MaxFileBytes, "ReportType.FileTooLarge", ReportTypes.MaxFileBytes / 1024, ct);
            return TypedResults.Ok(await types.ImportAsync(agencyId, body, apply == true, ct));
        }).DisableAntiforgery();
        reports.MapGet("/plans/{planId:guid}/report-obligations", async (UnitReporting reporting, Guid planId, CancellationToken ct) =>
            TypedResults.Ok((await reporting.MatrixAsync(planId, ct)).Obligations));
        reports.MapPost("/plans/{planId:guid}/report-obligations", async (UnitReporting reporting, Guid planId, ObligationInput input, CancellationToken ct) =>
            TypedResults.Ok(new { Id = await reporting.AddObligationAsync(planId, input.TypeId, input.TaskId, ct) }));
        reports.MapGet("/plans/{planId:guid}/report-obligations/{obligationId:guid}/matrix", async (UnitReporting reporting, Guid planId, Guid obligationId, CancellationToken ct) =>
            TypedResults.Ok(MatrixJson.Of(await reporting.MatrixAsync(planId, ct, obligationId))));

        // A unit report by its id (links from elsewhere, e.g. PAR INDEX evidence); the report page checks who may read it.
        // Another agency's report is a 404, as a report that does not exist: the redirect would say it does.
        app.MapGet("/reports/by-id/{id:guid}", async (UnitReporting reporting, Guid id, CancellationToken ct) =>
            await reporting.LocateAsync(id, ct) is { } r
                ? Results.Redirect($"/reports/{r.PeriodId}/{r.UnitId}")
                : Results.NotFound()).RequireAuthorization().ExcludeFromDescription();

        app.MapGet("/tasks/{taskId:guid}/evidence/{evidenceId:guid}", async (TaskWork work, HttpResponse response, Guid taskId, Guid evidenceId, CancellationToken ct) =>
        {
            var (evidence, content) = await work.OpenEvidenceAsync(taskId, evidenceId, ct);
            return EvidenceCheck.Download(response, content, evidence.FileName);
        }).RequireAuthorization().ExcludeFromDescription();
        return app;
    }

    /// <summary><c>sipar plan parse &lt;file&gt; [--json]</c>: prints the draft; saves nothing.</summary>
    public static Command Commands(CliContext cli)
    {
        var file = new Argument<FileInfo>("file") { Description = "Tệp kế hoạch (.docx, .txt, .md) / plan file" };
        var json = new Option<bool>("--json") { Description = "In JSON / print JSON" };
        var parse = new Command("parse", "Đọc văn bản kế hoạch và in bản nháp, không lưu gì / read a plan document and print the draft; saves nothing") { file, json };
        parse.SetAction(async (result, ct) => await cli.RunAsync(async _ =>
        {
            var info = result.GetValue(file)!;
            if (!info.Exists)
            {
                throw new DomainValidationException("file", "Plan.FileNotFound", info.FullName);
            }

            if (info.Length > PlanDocumentReader.MaxBytes)
            {
                throw new DomainValidationException("file", "Plan.FileTooLarge", PlanDocumentReader.MaxBytes / (1024 * 1024));
            }

            var draft = PlanDocumentReader.Read(info.Name, await File.ReadAllBytesAsync(info.FullName, ct));
            await cli.Out.WriteLineAsync(result.GetValue(json) ? JsonSerializer.Serialize(draft, CliContext.IndentedJson) : Summary(draft));
            return 0;
        }, ct, migrate: false));
        return new Command("plan", "Kế hoạch / plans") { parse };
    }

    private static string Summary(PlanDraft d)
    {
        var lines = new List<string>
        {
            $"Số: {d.Number ?? "(thiếu)"}/{d.Symbol ?? "(thiếu)"}",
            $"Cơ quan ban hành: {d.Issuer ?? "(thiếu)"}",
            $"Địa danh, ngày: {d.Place ?? "(thiếu)"}, {Show.Date(d.Date) ?? "(thiếu ngày)"}",
            $"Trích yếu: {d.Title ?? "(thiếu)"}",
            $"Căn cứ: {d.LegalBases.Count} văn bản",
        };
        lines.AddRange(d.Sections.Select(s => $"  {s.Code} {s.Heading} — chủ trì: {s.LeadUnit ?? "(thiếu)"}; {s.Tasks.Count} nhiệm vụ"));
        lines.Add($"Nơi nhận: {d.Recipients.Count}; người ký: {d.Signer.Title} {d.Signer.Name}".TrimEnd());
        lines.AddRange(d.Warnings.Select(w => "Lưu ý: " + w.Message));
        return string.Join(Environment.NewLine, lines);
    }

    private static async Task<(string Name, byte[] Content)> ReadUploadAsync(HttpRequest request, string? fileName, CancellationToken ct)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            var upload = form.Files.Count > 0 ? form.Files[0] : null;
            if (upload is null || upload.Length == 0)
            {
                throw new DomainValidationException("file", "Plan.FileEmpty");
            }

            if (upload.Length > PlanDocumentReader.MaxBytes)
            {
                throw new DomainValidationException("file", "Plan.FileTooLarge", PlanDocumentReader.MaxBytes / (1024 * 1024));
            }

            using var buffer = new MemoryStream();
            await upload.CopyToAsync(buffer, ct);
            return (Path.GetFileName(upload.FileName), buffer.ToArray());
        }

        var type = (request.ContentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        var name = Path.GetFileName(fileName ?? "") is { Length: > 0 } given ? given : type switch
        {
            "text/markdown" => "ke-hoach.md",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => "ke-hoach.docx",
            _ => "ke-hoach.txt",
        };
        UploadCheck.RequireBodyType(request, name);
        return (name, await UploadCheck.ReadBodyAsync(request, PlanDocumentReader.MaxBytes, "Plan.FileTooLarge", PlanDocumentReader.MaxBytes / (1024 * 1024), ct));
    }
}
