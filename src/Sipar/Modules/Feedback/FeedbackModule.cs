using Microsoft.AspNetCore.Mvc;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Files;
using Sipar.Modules.Accounts;

namespace Sipar.Modules.Feedback;

/// <summary>Citizens' feedback (phản ánh, kiến nghị): intake on every channel, handling on the working-day clock, answers published, indicators, recurring topics into the plan.</summary>
internal static class FeedbackModule
{
    public static IHostApplicationBuilder AddFeedback(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(builder.Configuration.GetSection("Feedback").Get<FeedbackOptions>() ?? new FeedbackOptions());
        builder.Services.AddSingleton<FeedbackChallenge>();
        builder.Services.AddSingleton<FeedbackThrottle>();
        builder.Services.AddSingleton<FeedbackLookupThrottle>();
        builder.Services.AddScoped<FeedbackIntake>();
        builder.Services.AddScoped<FeedbackDesk>();
        builder.Services.AddScoped<FeedbackLookup>();
        builder.Services.AddScoped<FeedbackDeadlines>();
        builder.Services.AddScoped<IFeedbackRecords, FeedbackRecords>();
        builder.Services.AddScoped<FeedbackIndicators>();
        builder.Services.AddScoped<RecurringTopics>();
        builder.Services.AddHostedService<FeedbackDeadlineJob>();
        builder.Services.AddScoped<ParIndex.IParDataSource, FeedbackOnTimeSource>();
        builder.Services.AddScoped<ParIndex.IParDataSource, FeedbackSatisfactionSource>();
        builder.Services.AddSingleton(new Infrastructure.Web.CitizenEntry("Feedback.Portal", "Feedback.PortalEntry", "/phan-anh?Agency={agency}", 40));
        builder.Services.AddSingleton(new Infrastructure.Web.CitizenEntry("Feedback.Answers", "Feedback.AnswersEntry", "/phan-anh/da-tra-loi?Agency={agency}", 50));
        return builder;
    }

    public static IEndpointRouteBuilder MapFeedback(this IEndpointRouteBuilder app)
    {
        var open = app.MapGroup("/api/public/feedback").AllowAnonymous().WithTags("Feedback");
        open.MapGet("/challenge", (FeedbackChallenge challenge) =>
        {
            var c = challenge.Issue();
            return TypedResults.Ok(new { c.Token, Question = $"{c.A} + {c.B} = ?" });
        });
        open.MapGet("/categories", async (FeedbackIntake intake, CancellationToken ct) =>
            TypedResults.Ok((await intake.CategoriesAsync(ct)).Select(c => new { c.Id, c.Code, c.Name, c.NameEn })));
        open.MapPost("/", async (FeedbackIntake intake, HttpContext http, PublicIntakeRequest input, CancellationToken ct) =>
        {
            var receipt = await intake.SubmitPublicAsync(input.AgencyId, input.ToInput(), Files(input.Attachments), input.ChallengeToken, input.ChallengeAnswer, input.Website,
                http.Connection.RemoteIpAddress, ct);
            return TypedResults.Created($"/api/public/feedback/lookup", new { receipt.Code, receipt.Secret, receipt.ClassifyDue });
        });
        open.MapPost("/lookup", async Task<IResult> (FeedbackLookup lookup, HttpContext http, LookupRequest input, CancellationToken ct) =>
            await lookup.FindAsync(input.Code, input.Secret, http.Connection.RemoteIpAddress, ct) is { } f
                ? TypedResults.Ok(new
                {
                    f.Code, f.Category, f.Status, f.ReceivedAt, f.Due, f.ReferredTo, f.Answer, f.SentOn, f.Published, f.CanRate, f.CanReopen, f.Satisfied,
                    Timeline = f.Timeline.Select(t => new { t.Action, t.At }),
                })
                : TypedResults.NotFound());
        open.MapPost("/rate", async (FeedbackLookup lookup, HttpContext http, RateRequest input, CancellationToken ct) =>
        {
            await lookup.RateAsync(input.Code, input.Secret, input.Satisfied, input.Reason, http.Connection.RemoteIpAddress, ct);
            return TypedResults.NoContent();
        });
        open.MapPost("/reopen", async (FeedbackLookup lookup, HttpContext http, RateRequest input, CancellationToken ct) =>
        {
            await lookup.ReopenAsync(input.Code, input.Secret, input.Reason, http.Connection.RemoteIpAddress, ct);
            return TypedResults.NoContent();
        });
        open.MapGet("/answers", async (FeedbackLookup lookup, Guid? agencyId, string? q, int? page, CancellationToken ct) =>
        {
            var (rows, total) = await lookup.PublishedAsync(agencyId, q, Math.Max(1, page ?? 1), 20, ct);
            return TypedResults.Ok(new { total, rows });
        });

        var api = app.MapGroup("/api/feedback").RequireAuthorization().WithTags("Feedback");
        api.MapGet("/", async (FeedbackDesk desk, CurrentUser me, Guid? agencyId, FeedbackStatus? status, string? q, string? due, CancellationToken ct) =>
            TypedResults.Ok(await desk.ListAsync(agencyId ?? me.AgencyId ?? Guid.Empty, new FeedbackFilter(status, q, due), ct)));
        api.MapPost("/", async (FeedbackIntake intake, CurrentUser me, StaffIntakeRequest input, CancellationToken ct) =>
        {
            var receipt = await intake.EnterAsync(input.AgencyId ?? me.AgencyId ?? Guid.Empty, input.ToInput(), Files(input.Attachments), input.Channel, ct);
            return TypedResults.Created($"/api/feedback/{receipt.Id}", new { receipt.Id, receipt.Code, receipt.Secret, receipt.ClassifyDue });
        });
        api.MapGet("/{id:guid}", async (FeedbackDesk desk, Guid id, CancellationToken ct) => TypedResults.Ok(Summary(await desk.GetAsync(id, ct))));
        api.MapPost("/{id:guid}/{action}", async (FeedbackDesk desk, Guid id, string action, [FromBody] ActionRequest input, CancellationToken ct) =>
        {
            await (action switch
            {
                "classify" => desk.ClassifyAsync(id, input.CategoryId ?? Guid.Empty, input.NamedUnitId, input.Version, ct),
                "refer" => desk.ReferAsync(id, input.ReferredTo, input.Note, input.Version, ct),
                "assign" => desk.AssignAsync(id, input.UnitId ?? Guid.Empty, input.Version, ct),
                "answer" => desk.AnswerAsync(id, input.Answer, input.Version, ct),
                "return" => desk.ReturnToUnitAsync(id, input.Note, input.Version, ct),
                "approve" => desk.ApproveAsync(id, input.Answer, input.PublicQuestion, input.PublicAnswer, input.PersonalMatter ?? false, input.Version, ct),
                "send" => desk.SendAsync(id, input.Version, ct),
                "merge" => desk.MergeAsync(id, input.Target, input.Version, ct),
                _ => throw new NotFoundException(),
            });
            return TypedResults.Ok(Summary(await desk.GetAsync(id, ct)));
        });
        api.MapGet("/indicators", async (FeedbackIndicators indicators, CurrentUser me, Guid? agencyId, DateOnly from, DateOnly to, FeedbackBreakdown? by, CancellationToken ct) =>
        {
            var report = await indicators.ReportAsync(agencyId ?? me.AgencyId ?? Guid.Empty, from, to, by ?? FeedbackBreakdown.None, ct);
            return TypedResults.Ok(Json(report));
        });
        return app;
    }

    /// <summary>The report as the API and the CLI's <c>--json</c> give it.</summary>
    internal static object Json(FeedbackReport report) => new
    {
        report.AgencyName, report.From, report.To, report.By, Total = Figures(report.Total),
        Rows = report.Rows.Select(r => new { r.Key, r.Label, Figures = Figures(r.Figures) }),
    };

    private static object Figures(FeedbackFigures f) => new
    {
        f.Received, f.InScope, f.OutOfScope, f.OnTime, f.Late, f.Pending, f.PendingLate, f.Rated, f.Unsatisfied, f.UnsatisfiedOrLate, f.MedianDays, f.P90Days,
        f.OnTimeRate, f.SatisfactionRate,
    };

    private static object Summary(FeedbackView v) => new
    {
        v.Item.Id, v.Item.Code, v.Item.Status, Category = v.Category.Name, v.Item.IsConduct, v.Item.Channel, v.Item.Description, v.Item.ReceivedAt, v.Item.ClassifyDue,
        v.Item.AnswerDue, v.Item.UnitId, v.UnitName, v.Item.Answer, v.Item.SentOn, v.Item.OnTime, v.Item.Published, v.Item.Satisfied, v.Item.Flagged,
        v.Item.EscalatedOn, v.Item.MergedIntoId,
        Sender = v.Item.Anonymous ? null : new { v.Item.SenderName, v.Item.SenderPhone, v.Item.SenderEmail },
    };

    private static List<IncomingFile> Files(IReadOnlyList<FileRequest>? files) =>
        (files ?? []).Select(f =>
        {
            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(f.Content ?? "");
            }
            catch (FormatException)
            {
                bytes = [];
            }

            return new IncomingFile(f.FileName ?? "", bytes.Length, () => new MemoryStream(bytes));
        }).ToList();

    internal static List<IncomingFile> Files(IEnumerable<IFormFile>? files) =>
        (files ?? []).Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)).Select(f => new IncomingFile(f.FileName, f.Length, f.OpenReadStream)).ToList();

    internal sealed record FileRequest(string? FileName, string? Content);

    internal sealed record PublicIntakeRequest(
        Guid AgencyId, Guid CategoryId, string? Description, string? ProcedureCode, string? DossierCode, string? Name, string? Phone, string? Email, bool Anonymous,
        bool ConsentToPublish, string? ChallengeToken, string? ChallengeAnswer, string? Website, IReadOnlyList<FileRequest>? Attachments)
    {
        public FeedbackIntakeInput ToInput() => new(CategoryId, Description ?? "", ProcedureCode, null, DossierCode, Name, Phone, Email, Anonymous, ConsentToPublish);
    }

    internal sealed record StaffIntakeRequest(
        Guid? AgencyId, Guid CategoryId, string? Description, string? ProcedureCode, string? DossierCode, string? Name, string? Phone, string? Email, bool Anonymous,
        bool ConsentToPublish, FeedbackChannel Channel, IReadOnlyList<FileRequest>? Attachments)
    {
        public FeedbackIntakeInput ToInput() => new(CategoryId, Description ?? "", ProcedureCode, null, DossierCode, Name, Phone, Email, Anonymous, ConsentToPublish);
    }

    internal sealed record LookupRequest(string? Code, string? Secret);

    internal sealed record RateRequest(string? Code, string? Secret, bool? Satisfied, string? Reason);

    internal sealed record ActionRequest(
        Guid? CategoryId, Guid? NamedUnitId, Guid? UnitId, string? ReferredTo, string? Note, string? Answer, string? PublicQuestion, string? PublicAnswer,
        bool? PersonalMatter, string? Target, int? Version);
}
