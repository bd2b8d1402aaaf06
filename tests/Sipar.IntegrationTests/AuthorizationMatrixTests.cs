using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Modules.Accounts;
using Sipar.Testing;

namespace Sipar.IntegrationTests;

/// <summary>
/// The authorisation matrix (docs/authorization-matrix.md): every page handler and API endpoint the running app maps,
/// asked by every role of the demo department, by the office of another department, by an anonymous visitor and by a
/// citizen holding a dossier's (or a feedback item's) code and secret, on the demo province's real data. The test
/// fails when an outcome differs from the table, when the app maps an endpoint the table does not name, when the
/// table names one the app no longer maps, and on any 5xx. Requests carry no input (an empty form, <c>{}</c>), so they
/// reach a handler's validation at most; what they observed is written next to the test binary
/// (<c>authorization-matrix.observed.md</c>) to diff against, or to copy over the table once every change is meant.
/// </summary>
public abstract partial class AuthorizationMatrixTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : SiparFactory
{
    /// <summary>The table's columns, in order: who asks.</summary>
    public static readonly string[] Columns = ["Anonymous", "Citizen", "Administrator", "Appraiser", "Office", "Leader", "UnitOfficer", "DeskOfficer", "Surveyor", "OtherOffice"];

    [Fact]
    public async Task Every_endpoint_answers_every_role_as_the_table_says()
    {
        var sample = await SampleData.LoadAsync(app);
        var endpoints = Endpoints();
        var clients = new Dictionary<string, Caller>();
        foreach (var column in Columns)
        {
            clients[column] = await CallerAsync(column, sample);
        }

        var observed = new List<(string Key, string[] Outcomes)>();
        // Sign-out ends the caller's session, so it is asked last.
        foreach (var endpoint in endpoints.OrderBy(e => e.Key.Contains("/account/logout", StringComparison.Ordinal)).ThenBy(e => e.Method != "GET").ThenBy(e => e.Key, StringComparer.Ordinal))
        {
            var outcomes = new string[Columns.Length];
            for (var i = 0; i < Columns.Length; i++)
            {
                outcomes[i] = await AskAsync(clients[Columns[i]], endpoint, sample);
            }

            observed.Add((endpoint.Key, outcomes));
        }

        observed.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        var written = Path.Combine(AppContext.BaseDirectory, "authorization-matrix.observed.md");
        await File.WriteAllTextAsync(written, Render(observed));

        var table = ReadTable(Path.Combine(AppContext.BaseDirectory, "docs", "authorization-matrix.md"));
        var problems = new List<string>();
        foreach (var (key, outcomes) in observed)
        {
            if (outcomes.FirstOrDefault(o => o.StartsWith('5')) is { } error)
            {
                problems.Add($"{key}: {error} for {Columns[Array.IndexOf(outcomes, error)]}");
            }

            if (!table.TryGetValue(key, out var expected))
            {
                problems.Add($"{key}: not in the table (observed {string.Join(" ", outcomes)})");
                continue;
            }

            for (var i = 0; i < Columns.Length; i++)
            {
                if (expected[i] != outcomes[i])
                {
                    problems.Add($"{key}: {Columns[i]} expected {expected[i]}, got {outcomes[i]}");
                }
            }
        }

        problems.AddRange(table.Keys.Except(observed.Select(o => o.Key)).Select(k => $"{k}: in the table but no longer mapped"));
        Assert.True(problems.Count == 0, $"{problems.Count} difference(s) from docs/authorization-matrix.md (observed table: {written}):\n" + string.Join('\n', problems));
    }

    /// <summary>One row: a method, a route template and, for a page, the named handler.</summary>
    public sealed record Endpoint(string Method, string Template, string? Handler, bool IsPage)
    {
        public string Key => Handler is null ? $"{Method} {Template}" : $"{Method} {Template}?handler={Handler}";
    }

    private sealed record Caller(HttpClient Client, string Token, bool HasSecret);

    /// <summary>Every endpoint the app maps, each page once per handler method; static files and the OpenAPI document's assets aside.</summary>
    private List<Endpoint> Endpoints()
    {
        var sources = app.Services.GetRequiredService<EndpointDataSource>();
        var loader = app.Services.GetRequiredService<PageLoader>();
        var rows = new List<Endpoint>();
        foreach (var endpoint in sources.Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.Any(m => m.GetType().Name == "StaticAssetDescriptor"))
            {
                continue;
            }

            var template = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = loader.LoadAsync(page, endpoint.Metadata).GetAwaiter().GetResult();
                foreach (var handler in compiled.HandlerMethods)
                {
                    rows.Add(new Endpoint(handler.HttpMethod.ToUpperInvariant(), template, handler.Name, IsPage: true));
                }

                continue;
            }

            var methods = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            rows.AddRange(methods.Select(m => new Endpoint(m, template, null, IsPage: false)));
        }

        return rows.DistinctBy(r => r.Key).ToList();
    }

    private async Task<Caller> CallerAsync(string column, SampleData sample)
    {
        if (column is "Anonymous" or "Citizen")
        {
            var client = app.NewClient();
            return new Caller(client, await SiparFactory.AntiforgeryTokenAsync(client, "/account/login"), column == "Citizen");
        }

        // The demo's own logins: the SIPAS wave names its office and surveyor as staff, so they see its contacts.
        var email = column switch
        {
            "Administrator" => "quantri@sipar.demo",
            "Appraiser" => "thamdinh@snv.demo",
            "Office" => "vanphong@sldtbxh.demo",
            "Leader" => "lanhdao@sldtbxh.demo",
            "UnitOfficer" => "phongkhtc@sldtbxh.demo",
            "DeskOfficer" => "motcua@sldtbxh.demo",
            "Surveyor" => "dieutra@sldtbxh.demo",
            "OtherOffice" => "vanphong@stp.demo",
            _ => throw new InvalidOperationException(column),
        };
        var signedIn = await app.SignedInClientAsync(app.DemoLogins().Single(l => l.Email == email));
        return new Caller(signedIn, await SiparFactory.AntiforgeryTokenAsync(signedIn, "/account/password"), false);
    }

    private static async Task<string> AskAsync(Caller caller, Endpoint endpoint, SampleData sample)
    {
        var path = RouteParameter().Replace(endpoint.Template, m => sample.ValueFor(endpoint.Template, m.Groups["name"].Value, m.Index));
        var query = new List<string>();
        if (endpoint.Handler is { } handler)
        {
            query.Add("handler=" + handler);
        }

        if (endpoint.Template.Contains("indicators", StringComparison.Ordinal))
        {
            query.Add($"from={sample.From:yyyy-MM-dd}&to={sample.To:yyyy-MM-dd}&by=Procedure");
        }

        var url = query.Count == 0 ? path : path + "?" + string.Join('&', query);
        using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), url);
        if (endpoint.Method != "GET" && endpoint.Method != "DELETE")
        {
            var secret = caller.HasSecret ? sample.SecretFor(endpoint.Template) : null;
            if (endpoint.IsPage)
            {
                var fields = new Dictionary<string, string> { ["__RequestVerificationToken"] = caller.Token };
                if (secret is { } s)
                {
                    fields["Code"] = s.Code;
                    fields["Secret"] = s.Secret;
                }

                request.Content = new FormUrlEncodedContent(fields);
            }
            else
            {
                var json = secret is { } s ? $$"""{"code":"{{s.Code}}","secret":"{{s.Secret}}"}""" : "{}";
                request.Content = new StringContent(json, Encoding.UTF8, "application/json");
            }
        }

        using var response = await caller.Client.SendAsync(request);
        return Classify(response);
    }

    /// <summary>
    /// <c>ok</c>: the handler answered (2xx, a redirect elsewhere, or input refused: 400, 409, 422); <c>login</c>: 401 or a
    /// redirect to the login page; <c>403</c>; <c>404</c> (no such thing, or not shown to this caller); anything else its code.
    /// </summary>
    private static string Classify(HttpResponseMessage response)
    {
        var code = (int)response.StatusCode;
        var location = response.Headers.Location?.OriginalString ?? "";
        return code switch
        {
            401 => "login",
            >= 300 and < 400 when location.Contains("/account/login", StringComparison.Ordinal) => "login",
            >= 200 and < 400 or 400 or 409 or 422 => "ok",
            _ => code.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    private static string Render(List<(string Key, string[] Outcomes)> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| Endpoint | " + string.Join(" | ", Columns) + " |");
        text.AppendLine("|---|" + string.Concat(Enumerable.Repeat("---|", Columns.Length)));
        foreach (var (key, outcomes) in rows)
        {
            text.AppendLine($"| `{key}` | " + string.Join(" | ", outcomes) + " |");
        }

        return text.ToString();
    }

    /// <summary>The table's rows: a line starting with <c>| `</c> names an endpoint in back-quotes, then one outcome per column.</summary>
    private static Dictionary<string, string[]> ReadTable(string path)
    {
        var rows = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path).Where(l => l.StartsWith("| `", StringComparison.Ordinal)))
        {
            var cells = line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            var key = cells[0].Trim('`');
            Assert.True(cells.Length == Columns.Length + 1, $"{key}: {cells.Length - 1} outcomes, the table has {Columns.Length} columns");
            Assert.True(rows.TryAdd(key, cells[1..]), $"{key}: named twice in the table");
        }

        return rows;
    }

    [GeneratedRegex(@"\{(?<name>[A-Za-z]+)[^}]*\}")]
    private static partial Regex RouteParameter();

    /// <summary>The demo province's records each route parameter names: the department's own, so "other office" asks across agencies.</summary>
    private sealed class SampleData
    {
        public DateOnly From { get; private init; }
        public DateOnly To { get; private init; }
        private Dictionary<string, string> Values { get; init; } = [];
        private (string Code, string Secret) Dossier { get; init; }
        private (string Code, string Secret) Feedback { get; init; }

        public static Task<SampleData> LoadAsync(SiparFactory app) =>
            app.WithServicesAsync(async sp =>
            {
                var db = sp.GetRequiredService<SiparDbContext>();
                var agencies = await db.Set<Sipar.Modules.Organisation.Agency>().AsNoTracking().ToListAsync();
                var units = await db.Set<Sipar.Modules.Organisation.Unit>().AsNoTracking().ToListAsync();
                var sld = agencies.Single(a => a.Symbol == "SLĐTBXH");
                Guid UnitOf(Sipar.Modules.Organisation.Agency a, string shortName) => units.Single(u => u.AgencyId == a.Id && u.ShortName == shortName).Id;

                var dossier = await db.Set<Sipar.Modules.Dossiers.Dossier>().AsNoTracking().Where(d => d.AgencyId == sld.Id).OrderBy(d => d.Code).FirstAsync();
                // The item with the planning division still open (codes are random, so they do not pick one the same way twice).
                var planning = UnitOf(sld, "Phòng KH-TC");
                var feedback = await db.Set<Sipar.Modules.Feedback.FeedbackItem>().AsNoTracking().Where(f => f.AgencyId == sld.Id && f.UnitId == planning).OrderByDescending(f => f.ReceivedAt).FirstAsync();
                var plan = await db.Set<Sipar.Modules.Plans.Plan>().AsNoTracking().FirstAsync(p => p.AgencyId == sld.Id);
                // Every record is chosen by what it is, never by its id: ids made in one millisecond sort at random.
                var section = await db.Set<Sipar.Modules.Plans.PlanSection>().AsNoTracking().Where(s => s.PlanId == plan.Id).OrderBy(s => s.Order).FirstAsync();
                var task = await db.Set<Sipar.Modules.Plans.PlanTask>().AsNoTracking().Where(t => t.SectionId == section.Id).OrderBy(t => t.Order).FirstAsync();
                var period = await db.Set<Sipar.Modules.Plans.ReportingPeriod>().AsNoTracking().Where(p => p.PlanId == plan.Id).OrderBy(p => p.WindowStart).FirstAsync();
                var report = await db.Set<Sipar.Modules.Plans.UnitReport>().AsNoTracking().Where(r => r.PeriodId == period.Id && r.UnitId == planning).Select(r => (Guid?)r.Id).FirstOrDefaultAsync();
                var wave = await db.Set<Sipar.Modules.Sipas.Wave>().AsNoTracking().FirstAsync(w => w.AgencyId == sld.Id);
                var contact = await db.Set<Sipar.Modules.Sipas.Contact>().AsNoTracking().Where(c => c.WaveId == wave.Id).OrderBy(c => c.Sequence).FirstAsync();
                var assessment = await db.Set<Sipar.Modules.ParIndex.ParAssessment>().AsNoTracking().SingleAsync(a => a.AgencyId == sld.Id);
                var score = await db.Set<Sipar.Modules.ParIndex.ParScore>().AsNoTracking().Where(s => s.AssessmentId == assessment.Id).OrderBy(s => s.Code).FirstAsync();
                var year = await db.Set<Sipar.Modules.ParIndex.ParResult>().AsNoTracking().MinAsync(r => r.Year);

                // The user pages name a user nobody here signs in as: resetting a password must not sign a caller out.
                var someone = await sp.GetRequiredService<UserAdministration>().CreateAsync(
                    new UserInput($"mau-{Guid.NewGuid():N}@test.sipar", "Người dùng mẫu", sld.Id, UnitOf(sld, "Phòng KH-TC"), [Role.UnitOfficer]), CancellationToken.None);
                var someoneId = await db.Set<User>().Where(u => u.Email == someone.Email).Select(u => u.Id).SingleAsync();

                return new SampleData
                {
                    From = new DateOnly(app.Today.Year, 1, 1),
                    To = new DateOnly(app.Today.Year, 12, 31),
                    Dossier = (dossier.Code, dossier.LookupSecret),
                    Feedback = (feedback.Code, feedback.LookupSecret),
                    Values = new()
                    {
                        ["agency"] = sld.Id.ToString(),
                        ["unit"] = UnitOf(sld, "Phòng KH-TC").ToString(),
                        ["user"] = someoneId.ToString(),
                        ["dossier"] = dossier.Id.ToString(),
                        ["procedure"] = dossier.ProcedureId.ToString(),
                        ["feedback"] = feedback.Id.ToString(),
                        ["plan"] = plan.Id.ToString(),
                        ["task"] = task.Id.ToString(),
                        ["period"] = period.Id.ToString(),
                        ["obligation"] = period.ObligationId.ToString(),
                        ["report"] = (report ?? Guid.Empty).ToString(),
                        ["wave"] = wave.Id.ToString(),
                        ["contact"] = contact.Id.ToString(),
                        ["questionnaire"] = wave.QuestionnaireId.ToString(),
                        ["framework"] = assessment.FrameworkId.ToString(),
                        ["campaign"] = assessment.CampaignId.ToString(),
                        ["assessment"] = assessment.Id.ToString(),
                        ["score"] = score.Id.ToString(),
                        ["par-year"] = year.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    },
                };
            });

        /// <summary>The code and secret a citizen holds for what this public route looks up, or none.</summary>
        public (string Code, string Secret)? SecretFor(string template) =>
            template.StartsWith("/tra-cuu", StringComparison.Ordinal) ? Dossier
            : template.StartsWith("/phan-anh/tra-cuu", StringComparison.Ordinal) || template.StartsWith("/api/public/feedback/", StringComparison.Ordinal) ? Feedback
            : null;

        /// <summary>The value for route parameter <paramref name="name"/> at <paramref name="at"/> in <paramref name="template"/>, chosen by the segment before it.</summary>
        public string ValueFor(string template, string name, int at)
        {
            var before = template[..at].TrimEnd('/').Split('/')[^1];
            var key = (name, before) switch
            {
                ("agencyId", _) or ("id", "agencies" or "co-quan") => "agency",
                ("unitId", _) => "unit",
                ("id", "users") => "user",
                ("id", "dossiers") => "dossier",
                ("id", "thu-tuc") => "procedure",
                ("id", "feedback") => "feedback",
                ("id" or "planId", "plans") => "plan",
                ("taskId", _) => "task",
                ("periodId", _) => "period",
                ("obligationId", _) => "obligation",
                ("id", "by-id") => "report",
                ("id", "waves" or "ket-qua") => "wave",
                ("contactId", _) => "contact",
                ("id", "questionnaires") => "questionnaire",
                ("id", "frameworks") => "framework",
                ("id" or "campaignId", "campaigns") => "campaign",
                ("id" or "assessmentId", "assessments") => "assessment",
                ("scoreId", _) => "score",
                ("year", "results" or "years") => "par-year",
                ("year", "calendar") => "calendar-year",
                ("evidenceId" or "pointId", _) => "unknown",
                ("form", _) => "form",
                ("action", _) => "action",
                ("kind", _) => "kind",
                ("code", "error") => "error",
                ("date", _) => "date",
                ("documentName", _) => "openapi",
                _ => throw new InvalidOperationException($"No sample value for {{{name}}} in {template}: add one to AuthorizationMatrixTests.SampleData.ValueFor."),
            };
            return key switch
            {
                "calendar-year" => From.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
                // No such evidence: the caller is told 404 only once allowed to ask at all.
                "unknown" => Guid.NewGuid().ToString(),
                "form" => "1",
                // An action that needs input: allowed callers get a 400, nothing moves.
                "action" => "assign",
                "kind" => "procedures",
                "error" => "404",
                // A working day with no calendar entry: deleting it changes nothing.
                "date" => $"{From.Year}-03-03",
                "openapi" => "v1",
                _ => Values[key],
            };
        }
    }
}

public sealed class AuthorizationMatrixTestsOnSqlite(DemoSqliteFactory app) : AuthorizationMatrixTests<DemoSqliteFactory>(app);

public sealed class AuthorizationMatrixTestsOnPostgres(DemoPostgresFactory app) : AuthorizationMatrixTests<DemoPostgresFactory>(app);
