using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Cli;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Files;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.ParIndex;

internal static class ParIndexModule
{
    public const int MaxFileBytes = 5 * 1024 * 1024;

    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IHostApplicationBuilder AddParIndex(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<FrameworkAdministration>();
        builder.Services.AddScoped<ParResults>();
        builder.Services.AddScoped<ResultsImport>();
        builder.Services.AddScoped<ParAccess>();
        builder.Services.AddScoped<ParCampaigns>();
        builder.Services.AddScoped<ComputedIndicators>();
        builder.Services.AddScoped<Assessments>();
        builder.Services.AddScoped<Infrastructure.Web.IDueWork, ParDueWork>();
        builder.Services.AddScoped<GapTasks>();
        builder.Services.AddScoped<ParOutputs>();
        return builder;
    }

    public static IEndpointRouteBuilder MapParIndex(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/par").RequireAuthorization().WithTags("ParIndex");
        api.MapGet("/frameworks", async (FrameworkAdministration frameworks, CancellationToken ct) => TypedResults.Ok(await frameworks.ListAsync(ct)));

        // The body is the framework file itself (?fileName=bo-chi-so.json|xlsx); without ?import=true it only validates.
        api.MapPost("/frameworks", async (FrameworkAdministration frameworks, IStringLocalizer<SharedResource> localizer, HttpRequest request, string? fileName, bool? import, int? year, AgencyKind? kind, CancellationToken ct) =>
        {
            UploadCheck.RequireBodyType(request, fileName);
            var content = await UploadCheck.ReadBodyAsync(request, MaxFileBytes, "Import.TooLarge", MaxFileBytes / 1024, ct);
            if (import != true)
            {
                var preview = frameworks.Preview(fileName ?? "", content);
                var labels = new LabelLocalizer(localizer);
                return Results.Ok(new { preview.CanImport, Errors = preview.Errors.Select(e => new { e.Row, e.MessageKey, Message = labels[e.MessageKey, e.Args].Value }) });
            }

            var id = await frameworks.ImportAsync(fileName ?? "", content, year, kind ?? AgencyKind.Department, null, ct);
            return Results.Created($"/api/par/frameworks/{id}", new { id });
        });
        api.MapGet("/campaigns", async (ParCampaigns campaigns, CancellationToken ct) => TypedResults.Ok(await campaigns.ListAsync(ct)));
        api.MapGet("/assessments/{id:guid}", async (Assessments assessments, Guid id, CancellationToken ct) =>
        {
            var v = await assessments.GetAsync(id, ct);
            return TypedResults.Ok(new
            {
                v.Assessment.Id, v.Version, v.Agency, Campaign = v.Campaign.Name, v.Campaign.Year, Status = v.Assessment.Status.ToString(), v.SelfTotal, v.AppraisedTotal,
                Scores = v.Assessment.Scores.Select(s => new
                {
                    s.Id, s.Code, s.MaxPoints, Method = s.Method.ToString(), s.UnitId, s.SelfPoints, s.Explanation, Evidence = s.Evidence.Count,
                    s.NeedsExplanation, AppraisedPoints = v.SeesAppraisal ? s.AppraisedPoints : null, AppraisalReason = v.SeesAppraisal ? s.AppraisalReason : null,
                    s.ExplanationRequest, s.ExplanationAnswer,
                }),
            });
        });
        api.MapPut("/assessments/{id:guid}/scores/{scoreId:guid}", async (Assessments assessments, Guid id, Guid scoreId, SelfScoreInput input, CancellationToken ct) =>
        {
            var needsExplanation = await assessments.SelfScoreAsync(id, scoreId, input.Points, input.Explanation, ct, input.Version);
            return TypedResults.Ok(new { needsExplanation });
        });
        api.MapGet("/results/{year:int}", async (ParResults results, int year, CancellationToken ct) =>
        {
            IReadOnlyList<Scorecard> cards;
            try
            {
                cards = await results.VisibleScorecardsAsync(year, ct);
            }
            catch (NotFoundException) when (!results.SeesUnpublished)
            {
                // Not published yet (or nothing for that year): the API says "not for you", as it does for any agency.
                throw new ForbiddenException();
            }

            return TypedResults.Ok(cards.Select(c => new
            {
                agency = c.Agency, total = c.Total, max = c.Max, index = c.Index, @class = c.Class, rank = c.Rank, previousIndex = c.PreviousIndex,
                areas = c.Areas.Select(a => new { code = a.Code, points = a.Points, max = a.Max, index = a.Index, change = a.IndexChange }),
            }));
        });

        // A published table for a past year (?fileName=ket-qua.xlsx|csv); without ?apply=true it only previews.
        api.MapPost("/results/{year:int}/import", async (ResultsImport import, IStringLocalizer<SharedResource> localizer, HttpRequest request, int year, string? fileName, bool? apply, CancellationToken ct) =>
        {
            if (!import.CanImport)
            {
                throw new ForbiddenException();
            }

            UploadCheck.RequireBodyType(request, fileName);
            var content = await UploadCheck.ReadBodyAsync(request, MaxFileBytes, "Import.TooLarge", MaxFileBytes / 1024, ct);
            var summary = await import.RunAsync(fileName ?? "", content, year, apply == true, ct);
            var labels = new LabelLocalizer(localizer);
            return Results.Ok(new
            {
                summary.CanImport, summary.Applied, summary.Points, summary.Agencies,
                Errors = summary.Errors.Select(e => new { e.Row, e.MessageKey, Message = labels[e.MessageKey, e.Args].Value }),
            });
        });
        api.MapPut("/years/{year:int}", async (ParResults results, int year, YearSettingsInput input, CancellationToken ct) =>
        {
            await results.ConfigureYearAsync(year, input.Bands, input.SurveyHeld ?? true, ct);
            return TypedResults.NoContent();
        });

        var downloads = app.MapGroup("/par").RequireAuthorization().ExcludeFromDescription();
        downloads.MapGet("/frameworks/{id:guid}/export.xlsx", async (FrameworkAdministration frameworks, Guid id, CancellationToken ct) =>
            TypedResults.File(ParOutputs.FrameworkXlsx(await frameworks.GetAsync(id, ct)), XlsxType, "bo-chi-so.xlsx"));
        downloads.MapGet("/assessments/{id:guid}/self-assessment.docx", async (ParOutputs outputs, Guid id, CancellationToken ct) =>
        {
            var (name, content) = await outputs.SelfAssessmentDocxAsync(id, ct);
            return TypedResults.File(content, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", name);
        });
        downloads.MapGet("/campaigns/{id:guid}/appraisal.xlsx", async (ParOutputs outputs, Guid id, CancellationToken ct) =>
        {
            var (name, content) = await outputs.AppraisalXlsxAsync(id, ct);
            return TypedResults.File(content, XlsxType, name);
        });

        downloads.MapGet("/assessments/{id:guid}/evidence/{evidenceId:guid}", async (Assessments assessments, HttpResponse response, Guid id, Guid evidenceId, CancellationToken ct) =>
        {
            var (evidence, content) = await assessments.OpenEvidenceAsync(id, evidenceId, ct);
            return EvidenceCheck.Download(response, content, evidence.FileName!);
        });
        app.MapGet("/par/frameworks/{id:guid}/export.json", async (FrameworkAdministration frameworks, Guid id, CancellationToken ct) =>
            TypedResults.File(await frameworks.ExportJsonAsync(id, ct), "application/json", "bo-chi-so.json")).RequireAuthorization().ExcludeFromDescription();
        return app;
    }

    /// <summary>The demo framework shaped like the 2017 province table (8 areas, 100 points), shipped in the executable.</summary>
    public static byte[] DemoFramework()
    {
        using var stream = typeof(ParIndexModule).Assembly.GetManifestResourceStream("Sipar.ParIndex.demo-framework-2017.json")!;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary><c>sipar par validate &lt;framework.xlsx|json&gt;</c>: every error with its row; exit 2 when there is any.</summary>
    public static Command Commands(CliContext cli)
    {
        var file = new Argument<FileInfo>("file") { Description = "Tệp bộ chỉ số (.xlsx, .json) / framework file" };
        var validate = new Command("validate", "Kiểm tra tệp bộ chỉ số / check a framework file") { file };
        validate.SetAction(async (parse, ct) => await cli.RunAsync(async services =>
        {
            var info = parse.GetValue(file)!;
            if (!info.Exists)
            {
                throw new DomainValidationException("file", "Plan.FileNotFound", info.FullName);
            }

            var framework = FrameworkReader.Read(info.Name, await File.ReadAllBytesAsync(info.FullName, ct));
            var errors = FrameworkValidator.Validate(framework);
            await WriteErrorsAsync(cli, services, errors);

            if (errors.Count > 0)
            {
                return 2;
            }

            var areas = framework.Lines.Count(l => l.Level == CriterionLevel.Area);
            var criteria = framework.Lines.Count(l => l.Level == CriterionLevel.Criterion);
            var subs = framework.Lines.Count(l => l.Level == CriterionLevel.SubCriterion);
            var total = framework.Lines.Where(l => l.Level == CriterionLevel.Area).Sum(l => l.MaxPoints ?? 0);
            await cli.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Hợp lệ: {areas} lĩnh vực, {criteria} tiêu chí, {subs} tiêu chí thành phần, tổng {ParCalculator.Format(total)} điểm."));
            return 0;
        }, ct, migrate: false));
        var results = ResultsCommand(cli);
        return new Command("par", "Chỉ số CCHC (PAR INDEX)") { validate, ImportFramework(cli), ImportResults(cli), YearSettings(cli), results };
    }

    /// <summary><c>sipar par import-framework &lt;file&gt; --year Y --kind K</c>: a framework for a year and a kind of agency.</summary>
    private static Command ImportFramework(CliContext cli)
    {
        var file = new Argument<FileInfo>("file") { Description = "Tệp bộ chỉ số (.xlsx, .json) / framework file" };
        var year = new Option<int?>("--year") { Description = "Năm (bỏ trống: năm ghi trong tệp) / year (default: the file's)" };
        var kind = new Option<string>("--kind") { Description = "Mã loại cơ quan (sipar agencies kinds) / agency kind code", DefaultValueFactory = _ => AgencyKind.Department.Code };
        var name = new Option<string?>("--name") { Description = "Tên bộ chỉ số (bỏ trống: tên trong tệp) / name" };
        var command = new Command("import-framework", "Nhập bộ chỉ số của một năm cho một loại cơ quan / import a framework") { file, year, kind, name };
        command.SetAction(async (parse, ct) => await cli.RunAsync(async services =>
        {
            var info = parse.GetValue(file)!;
            if (!info.Exists)
            {
                throw new DomainValidationException("file", "Plan.FileNotFound", info.FullName);
            }

            var content = await File.ReadAllBytesAsync(info.FullName, ct);
            var errors = FrameworkValidator.Validate(FrameworkReader.Read(info.Name, content));
            await WriteErrorsAsync(cli, services, errors);
            if (errors.Count > 0)
            {
                return 2;
            }

            var code = parse.GetValue(kind)!;
            var agencyKind = AgencyKind.TryParse(code, null, out var k) ? k : throw new DomainValidationException("kind", "Organisation.KindCodeFormat", code);
            var id = await services.GetRequiredService<FrameworkAdministration>().ImportAsOperatorAsync(info.Name, content, parse.GetValue(year), agencyKind, parse.GetValue(name), ct);
            var framework = await services.GetRequiredService<FrameworkAdministration>().GetAsync(id, ct);
            await cli.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Đã nhập bộ chỉ số \"{framework.Name}\" năm {framework.Year} cho loại {agencyKind.Code} ({id})."));
            return 0;
        }, ct));
        return command;
    }

    /// <summary><c>sipar par import-results &lt;file&gt; --year Y [--dry-run]</c>: a published table, checked against the year's framework.</summary>
    private static Command ImportResults(CliContext cli)
    {
        var file = new Argument<FileInfo>("file") { Description = "Bảng kết quả (.xlsx, .csv): Cơ quan | Mã tiêu chí | Điểm [| Điểm tối đa | Điều tra XHH]" };
        var year = new Option<int>("--year") { Description = "Năm / year", Required = true };
        var dryRun = new Option<bool>("--dry-run") { Description = "Chỉ kiểm tra, in kết quả sẽ có, không lưu / check only, save nothing" };
        var command = new Command("import-results", "Nhập kết quả đã công bố của năm trước Sipar / import a published appraisal table") { file, year, dryRun };
        command.SetAction(async (parse, ct) => await cli.RunAsync(async services =>
        {
            var info = parse.GetValue(file)!;
            if (!info.Exists)
            {
                throw new DomainValidationException("file", "Plan.FileNotFound", info.FullName);
            }

            var y = parse.GetValue(year);
            var summary = await services.GetRequiredService<ResultsImport>().RunAsOperatorAsync(info.Name, await File.ReadAllBytesAsync(info.FullName, ct), y, !parse.GetValue(dryRun), ct);
            await WriteErrorsAsync(cli, services, summary.Errors);
            foreach (var a in summary.Agencies)
            {
                var notes = (a.NotApplicable > 0 ? $", {a.NotApplicable} tiêu chí không áp dụng" : "") + (a.Scaled ? ", không điều tra XHH: quy về thang 100" : "");
                await cli.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{a.Agency} — {ParCalculator.Format(a.Total)}/{ParCalculator.Format(a.Max)} = {ParCalculator.Format(a.Index)}% ({a.Class ?? "—"}){notes}"));
            }

            if (!summary.CanImport)
            {
                return 2;
            }

            await cli.Out.WriteLineAsync(summary.Applied
                ? string.Create(CultureInfo.InvariantCulture, $"Đã nhập {summary.Points} điểm tiêu chí của {summary.Agencies.Count} cơ quan năm {y}.")
                : string.Create(CultureInfo.InvariantCulture, $"Chạy thử: {summary.Points} điểm tiêu chí của {summary.Agencies.Count} cơ quan, chưa lưu gì."));
            return 0;
        }, ct));
        return command;
    }

    /// <summary><c>sipar par year --year Y [--bands "90=Tốt;80=Khá;…"] [--no-survey]</c>: a year's classes without a campaign.</summary>
    private static Command YearSettings(CliContext cli)
    {
        var year = new Option<int>("--year") { Description = "Năm / year", Required = true };
        var bands = new Option<string?>("--bands") { Description = "Xếp loại \"mức=nhãn\" cách nhau bởi ; (ví dụ 90=Tốt;80=Khá;65=Trung bình;0=Yếu); bỏ trống: A/B/C" };
        var noSurvey = new Option<bool>("--no-survey") { Description = "Năm không điều tra XHH: điểm quy về thang 100 / no survey that year" };
        var command = new Command("year", "Xếp loại và điều tra XHH của một năm (không cần đợt đánh giá) / a year's classes and survey") { year, bands, noSurvey };
        command.SetAction(async (parse, ct) => await cli.RunAsync(async services =>
        {
            await services.GetRequiredService<ParResults>().ConfigureYearAsOperatorAsync(parse.GetValue(year), parse.GetValue(bands), !parse.GetValue(noSurvey), ct);
            var settings = await services.GetRequiredService<ParResults>().YearSettingsAsync(parse.GetValue(year), ct);
            await cli.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Năm {parse.GetValue(year)}: xếp loại {settings?.Bands ?? ParCampaign.DefaultBands}; {(settings?.SurveyHeld ?? true ? "có" : "không")} điều tra XHH."));
            return 0;
        }, ct));
        return command;
    }

    private static Command ResultsCommand(CliContext cli)
    {
        var resultsYear = new Option<int>("--year") { Description = "Năm / year", Required = true };
        var json = new Option<bool>("--json") { Description = "In JSON / print JSON" };
        var results = new Command("results", "Kết quả, xếp hạng theo năm / results and ranks for a year") { resultsYear, json };
        results.SetAction(async (parse, ct) => await cli.RunAsync(async services =>
        {
            var rows = await services.GetRequiredService<ParResults>().ForYearAsync(parse.GetValue(resultsYear), ct);
            if (parse.GetValue(json))
            {
                await cli.Out.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(rows, CliContext.IndentedJson));
                return 0;
            }

            foreach (var r in rows)
            {
                await cli.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{r.Rank,3}. {r.Agency} — {ParCalculator.Format(r.Total)}/{ParCalculator.Format(r.Max)} = {ParCalculator.Format(r.Index)}% ({r.Class ?? "—"})"));
            }

            return 0;
        }, ct));
        return results;
    }

    private static async Task WriteErrorsAsync(CliContext cli, IServiceProvider services, IReadOnlyList<FrameworkError> errors)
    {
        var localizer = new LabelLocalizer(services.GetRequiredService<IStringLocalizer<SharedResource>>());
        foreach (var e in errors)
        {
            var where = e.Row > 0 ? string.Create(CultureInfo.InvariantCulture, $"Dòng {e.Row}: ") : "";
            await cli.Error.WriteLineAsync(where + localizer[e.MessageKey, e.Args]);
        }
    }
}

/// <summary>A year's classes and survey sent to the API.</summary>
internal sealed record YearSettingsInput(string? Bands, bool? SurveyHeld);

/// <summary>A self-score sent to the API.</summary>
internal sealed record SelfScoreInput(decimal? Points, string? Explanation, int? Version = null);
