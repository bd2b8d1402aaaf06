using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Sipar.Infrastructure.Data;
using Sipar.Modules.Accounts;
using Sipar.Modules.Organisation;
using Sipar.Modules.ParIndex;
using Sipar.Modules.Plans;

namespace Sipar.Benchmarks;

/// <summary>A large agency for benchmarks: 40 units, a plan of 30 sections × 10 tasks, 4 periods, reports from every unit.</summary>
internal static class BenchData
{
    public sealed record Seeded(Guid AgencyId, Guid PlanId, Guid PeriodId, Guid UnitId, string OfficerEmail, string OfficerPassword, string OfficeEmail = "", string OfficePassword = "");

    public static async Task<Seeded> SeedAsync(IServiceProvider services, int unitCount = 40, int sections = 30, int tasksPerSection = 10)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<SiparDbContext>();
        var agency = Agency.Create($"Sở Thử tải {Guid.NewGuid():N}"[..22], "STT", "Lạng Sơn", AgencyKind.Department);
        db.Add(agency);
        var units = Enumerable.Range(1, unitCount).Select(i => Unit.Create(agency.Id, $"Phòng số {i:00}", $"P{i:00}", UnitKind.Division, null, i)).ToList();
        db.AddRange(units);
        await db.SaveChangesAsync();

        var content = new PlanContent(2099, null, "KH-STT", null, "Lạng Sơn", null, "Kế hoạch thử tải", [], [], [],
            Enumerable.Range(0, sections).Select(s => new SectionContent(
                $"II.{s + 1}", $"Nội dung {s + 1}", units[s % unitCount].Id, false,
                [units[(s + 1) % unitCount].Id, units[(s + 2) % unitCount].Id],
                Enumerable.Range(1, tasksPerSection).Select(t => $"Nhiệm vụ {s + 1}.{t}: bảo đảm 100% hồ sơ được xử lý đúng hạn theo quy định.").ToList())).ToList(),
            [], ["Sở Nội vụ", "Lưu: VT"], "GIÁM ĐỐC", "Nguyễn Văn A", null);
        var plan = Plan.CreateDraft(agency.Id, content, units.Select(u => u.Id).ToHashSet(), DateTime.UtcNow);
        plan.Issue("1", new DateOnly(2099, 1, 5));
        db.Add(plan);
        var cchc = ReportType.Create(agency.Id, ReportTypes.Cchc(ReportingTemplate.Default), new HashSet<Guid>(), 2099);
        var obligation = ReportObligation.Create(plan.Id, cchc.Id, null, DateTime.UtcNow);
        db.AddRange(cchc, obligation);
        db.AddRange(ReportingPeriod.DefaultsFor(plan.Id, obligation.Id, 2099, d => d.AddDays(-7)));
        await db.SaveChangesAsync();

        var periods = db.Set<ReportingPeriod>().Where(p => p.PlanId == plan.Id).ToList();
        foreach (var period in periods)
        {
            foreach (var unit in units)
            {
                var lines = plan.Sections.Where(s => s.LeadUnitId == unit.Id).SelectMany(s => s.Tasks)
                    .Select(t => (t.Id, t.Status, "Đang thực hiện theo kế hoạch.", (string?)"90%"));
                var report = UnitReport.Start(period.Id, unit.Id, $"Báo cáo của {unit.Name}: đã triển khai các nhiệm vụ được giao.", lines);
                report.Submit(DateTime.UtcNow);
                report.Accept(DateTime.UtcNow);
                db.Add(report);
            }
        }

        await db.SaveChangesAsync();

        // A year of progress notes: each task's lead unit writes one a month.
        foreach (var section in plan.Sections)
        {
            foreach (var task in section.Tasks)
            {
                for (var month = 1; month <= 12; month++)
                {
                    var status = month == 12 && task.Order % 3 == 0 ? PlanTaskStatus.Done : PlanTaskStatus.InProgress;
                    task.ReportProgress(section.LeadUnitId!.Value, Guid.NewGuid(), status, $"Tháng {month}: đã thực hiện phần việc của tháng.", new Dictionary<Guid, string?>(),
                        new DateTime(2099, month, 25, 3, 0, 0, DateTimeKind.Utc));
                }
            }
        }

        db.AddRange(plan.Sections.SelectMany(s => s.Tasks).SelectMany(t => t.Updates));
        await db.SaveChangesAsync();
        // PAR INDEX results of two years for this agency and 59 others (120 criteria), for the agency's results page.
        var before = ParResultsBenchmarks.Framework(2098);
        var after = before.CopyForYear(2099, "Bộ chỉ số 2099", DateTime.UtcNow);
        db.AddRange(before, after);
        var others = Enumerable.Range(1, 59).Select(i => Agency.Create($"Sở thứ {i:00}", $"S{i:00}", "Lạng Sơn", AgencyKind.Department)).ToList();
        db.AddRange(others);
        foreach (var (a, i) in others.Prepend(agency).Select((a, i) => (a, i)))
        {
            foreach (var (year, framework, seed) in new[] { (2098, before, i), (2099, after, 1000 + i) })
            {
                foreach (var (code, points) in ParResultsBenchmarks.Points(framework, seed))
                {
                    db.Add(ParResult.Imported(year, a.Id, code, points, DateTime.UtcNow));
                }
            }
        }

        await db.SaveChangesAsync();
        var users = sp.GetRequiredService<UserAdministration>();
        var officer = await users.CreateAsync(new UserInput($"can-bo-{Guid.NewGuid():N}@bench.sipar", "Cán bộ thử tải", agency.Id, units[0].Id, [Role.UnitOfficer]), CancellationToken.None);
        var office = await users.CreateAsync(new UserInput($"van-phong-{Guid.NewGuid():N}@bench.sipar", "Văn phòng thử tải", agency.Id, units[0].Id, [Role.Office, Role.Leader]), CancellationToken.None);
        return new Seeded(agency.Id, plan.Id, periods.OrderBy(p => p.ProvinceDueDate).Last().Id, units[0].Id, officer.Email, officer.Password, office.Email, office.Password);
    }

    /// <summary>Acts as a signed-in office user of the agency, for handlers that check the caller.</summary>
    public static void ActAsOffice(IServiceProvider scoped, Guid agencyId)
    {
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()), new Claim(ClaimTypes.Role, nameof(Role.Office)), new Claim("sipar:agency", agencyId.ToString())],
            "bench");
        scoped.GetRequiredService<IHttpContextAccessor>().HttpContext = new DefaultHttpContext { User = new ClaimsPrincipal(identity) };
    }
}
