using System.Net;
using Sipar.Infrastructure.Data;
using Sipar.Modules.Accounts;
using Sipar.Modules.Organisation;
using Sipar.Modules.Plans;
using Sipar.Testing;

namespace Sipar.IntegrationTests;

/// <summary>An agency with an office, an inspectorate and a planning unit.</summary>
internal sealed record IssuedPlan(Guid AgencyId, Guid Office, Guid Inspectorate, Guid Planning, Guid PlanId, Guid TaskId);

/// <summary>
/// A department of this year with its plan issued by its office: section II.1 led by the office, section II.5 led by
/// the planning unit with the inspectorate supporting, whose one task is <c>TaskId</c>.
/// </summary>
internal static class IssuedPlans
{
    public static async Task<IssuedPlan> CreateAsync(SiparFactory app, string taskText)
    {
        var year = app.Today.Year;
        var ids = await app.WithServicesAsync(async sp =>
        {
            var admin = sp.GetRequiredService<AgencyAdministration>();
            var agency = await admin.CreateAsync(new AgencyInput($"Sở LĐTBXH {Guid.NewGuid():N}"[..20], "SLĐTBXH", "Lạng Sơn", AgencyKind.Department), CancellationToken.None);
            var office = await admin.AddUnitAsync(agency, new("Văn phòng Sở", "VP", UnitKind.Office, null), CancellationToken.None);
            var inspectorate = await admin.AddUnitAsync(agency, new("Thanh tra Sở", "TTr", UnitKind.Inspectorate, null), CancellationToken.None);
            var planning = await admin.AddUnitAsync(agency, new("Phòng Kế hoạch – Tài chính", "Phòng KH-TC", UnitKind.Division, null), CancellationToken.None);
            var content = new PlanContent(year, null, "KH-SLĐTBXH", null, "Lạng Sơn", null, $"Kế hoạch CCHC năm {year}", [], [], [],
                [
                    new SectionContent("II.1", "Chỉ đạo điều hành", office, false, [], ["Ban hành kế hoạch."]),
                    new SectionContent("II.5", "Hiện đại hóa hành chính", planning, false, [inspectorate], [taskText]),
                ], [], [], null, null, null);
            var plan = Plan.CreateDraft(agency, content, new HashSet<Guid> { office, inspectorate, planning }, app.UtcNow);
            var db = sp.GetRequiredService<SiparDbContext>();
            db.Add(plan);
            await db.SaveChangesAsync();
            return new IssuedPlan(agency, office, inspectorate, planning, plan.Id, plan.Sections[1].Tasks[0].Id);
        });
        var officeClient = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Office, ids.AgencyId, ids.Office));
        var issued = await SiparFactory.PostFormAsync(officeClient, $"/plans/{ids.PlanId}", new() { ["IssueNumber"] = "77", ["IssueDate"] = $"{year}-02-02", ["confirmed"] = "true" }, $"/plans/{ids.PlanId}?handler=Issue");
        Assert.Equal(HttpStatusCode.Redirect, issued.StatusCode);
        return ids;
    }
}
