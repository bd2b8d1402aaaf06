using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Modules.Accounts;
using Sipar.Modules.Dossiers;
using Sipar.Modules.Plans;
using Sipar.Testing;

namespace Sipar.IntegrationTests;

/// <summary>
/// Every kind of generated Word document — the plan, the six one-stop forms, the PAR self-assessment report — is valid
/// Open XML and is rendered by LibreOffice (headless, installed by the test command) into a PDF, as a văn thư's office
/// suite would open it.
/// </summary>
public sealed class DocumentRenderingTests(SqliteFactory app) : IClassFixture<SqliteFactory>
{
    [Fact]
    public async Task Every_generated_document_converts_to_PDF_in_LibreOffice()
    {
        var soffice = Environment.GetEnvironmentVariable("SIPAR_SOFFICE") is { Length: > 0 } configured ? configured
            : new[] { "/usr/bin/soffice", "/usr/bin/libreoffice" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("LibreOffice is needed (scripts/test.sh installs libreoffice-writer-nogui).");
        var (agencyId, unitId, _) = await app.CreateAgencyAsync("Sở Lao động – Thương binh và Xã hội tỉnh Lạng Sơn");
        var office = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Office, agencyId, unitId));
        var desk = await app.SignedInClientAsync(await app.CreateUserAsync(Role.DeskOfficer, agencyId, unitId));

        var (planId, dossierId, refusedId) = await app.WithServicesAsync(async sp =>
        {
            var db = sp.GetRequiredService<SiparDbContext>();
            var draft = PlanTextParser.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "fixtures", "plan-sldtbxh-lang-son-2022.txt")));
            var content = new PlanContent(2022, null, "KH-SLĐTBXH", draft.Issuer, "Lạng Sơn", null, draft.Title ?? "Kế hoạch", draft.LegalBases, draft.Purposes, draft.Requirements,
                draft.Sections.Select(s => new SectionContent(s.Code, s.Heading, unitId, false, [], s.Tasks.Select(t => t.Text).ToList())).ToList(), draft.Duties, draft.Recipients, "GIÁM ĐỐC", "Nguyễn Văn A", null);
            var plan = Plan.CreateDraft(agencyId, content, new HashSet<Guid> { unitId }, app.UtcNow);
            var procedure = Procedure.Create(agencyId, new ProcedureInput("1.001776", "Giải quyết hưởng trợ cấp xã hội hằng tháng", "Bảo trợ xã hội", unitId, 15,
                TimeLimitUnit.WorkingDays, new TimeOnly(15, 0), "Tờ khai đề nghị trợ giúp xã hội\nBản sao giấy khai sinh", 0, OnlineLevel.Full, "Nghị định số 20/2021/NĐ-CP"), app.UtcNow);
            Dossier D() => Dossier.Receive(agencyId, "RENDER-" + Guid.NewGuid().ToString("N")[..6], procedure, new DossierApplicant("Hoàng Thị Xuân", "0912000002", null, "Lạng Sơn"),
                DossierChannel.Desk, app.UtcNow, true, FormSet.Tt03Of2025, null);
            var calendar = await sp.GetRequiredService<Sipar.Modules.Calendar.ICalendars>().GetAsync(CancellationToken.None);
            // One dossier accepted, late (an apology letter) and stopped; another asked for a document, then refused: all six forms reached.
            var late = D();
            late.Accept(procedure.DocumentList, calendar, app.UtcNow, null);
            late.Assign(unitId, null, null, null, app.UtcNow, null);
            late.RequestApology("Cần xác minh thêm tại địa phương", calendar.AddWorkingDays(app.Today, 20), app.UtcNow, null);
            late.Stop("Người nộp đề nghị dừng", app.UtcNow, null);
            var refused = D();
            refused.RequestSupplement(["Bản sao giấy khai sinh"], app.UtcNow, null, null, false);
            refused.Refuse("Không thuộc đối tượng hưởng trợ cấp", app.UtcNow, null);
            db.AddRange(plan, procedure, late, refused);
            await db.SaveChangesAsync();
            return (plan.Id, late.Id, refused.Id);
        });
        var (_, assessmentId) = await app.CreateDraftAssessmentAsync(agencyId, 2026);

        var dir = Directory.CreateTempSubdirectory("sipar-render-");
        try
        {
            async Task SaveAsync(HttpClient client, string url, string name)
            {
                var response = await client.GetAsync(url);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode}");
                var bytes = await response.Content.ReadAsByteArrayAsync();
                DocumentChecks.ValidWordText(bytes);
                await File.WriteAllBytesAsync(Path.Combine(dir.FullName, name + ".docx"), bytes);
            }

            await SaveAsync(office, $"/plans/{planId}/export/plan.docx", "ke-hoach");
            foreach (var (id, forms) in new[] { (dossierId, new[] { 1, 4, 5, 6 }), (refusedId, new[] { 2, 3 }) })
            {
                foreach (var form in forms)
                {
                    await SaveAsync(desk, $"/api/dossiers/{id}/forms/{form}", "mau-" + form);
                }
            }

            await SaveAsync(office, $"/par/assessments/{assessmentId}/self-assessment.docx", "tu-danh-gia");
            var names = dir.GetFiles("*.docx").Select(f => Path.GetFileNameWithoutExtension(f.Name)).Order().ToList();
            Assert.Equal(8, names.Count);

            var start = new ProcessStartInfo(soffice) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dir.FullName };
            foreach (var a in new[] { $"-env:UserInstallation=file://{dir.FullName}/profile", "--headless", "--convert-to", "pdf", "--outdir", dir.FullName })
            {
                start.ArgumentList.Add(a);
            }

            foreach (var n in names)
            {
                start.ArgumentList.Add(n + ".docx");
            }

            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token);
            foreach (var n in names)
            {
                var pdf = new FileInfo(Path.Combine(dir.FullName, n + ".pdf"));
                Assert.True(pdf.Exists && pdf.Length > 1000, $"{n}.docx did not convert: {output}");
                using var stream = pdf.OpenRead();
                var head = new byte[5];
                await stream.ReadExactlyAsync(head);
                Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(head));
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
