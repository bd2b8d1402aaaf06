using NetArchTest.Rules;
using Sipar.Modules.Organisation;

namespace Sipar.ArchitectureTests;

/// <summary>The boundaries a newcomer can rely on. Each rule names what it protects.</summary>
public sealed class ModuleBoundaryTests
{
    private static readonly Types Sipar = Types.InAssembly(typeof(Agency).Assembly);

    [Fact]
    public void The_working_day_calendar_depends_on_no_other_module()
    {
        // Dossiers, feedback and reporting will all use it; it must stay a leaf.
        AssertOk(Sipar.That().ResideInNamespace("Sipar.Modules.Calendar").ShouldNot()
            .HaveDependencyOnAny("Sipar.Modules.Organisation", "Sipar.Modules.Audit", "Sipar.Modules.Demo", "Sipar.Modules.Home")
            .GetResult());
    }

    [Fact]
    public void The_audit_trail_depends_on_no_domain_module()
    {
        AssertOk(Sipar.That().ResideInNamespace("Sipar.Modules.Audit").ShouldNot()
            .HaveDependencyOnAny("Sipar.Modules.Organisation", "Sipar.Modules.Calendar", "Sipar.Modules.Demo")
            .GetResult());
    }

    [Fact]
    public void Shared_infrastructure_does_not_reach_into_modules()
    {
        AssertOk(Sipar.That().ResideInNamespace("Sipar.Infrastructure.Errors")
            .Or().ResideInNamespace("Sipar.Infrastructure.Localization")
            .Or().ResideInNamespace("Sipar.Infrastructure.Files")
            .Or().ResideInNamespace("Sipar.Infrastructure.Auth")
            .ShouldNot().HaveDependencyOn("Sipar.Modules")
            .GetResult());
    }

    [Fact]
    public void Nothing_depends_on_the_demo_data()
    {
        AssertOk(Sipar.That().DoNotResideInNamespace("Sipar.Modules.Demo")
            .And().DoNotResideInNamespace("Sipar.Modules.Operations")
            .And().DoNotHaveName("Program")
            .ShouldNot().HaveDependencyOn("Sipar.Modules.Demo")
            .GetResult());
    }

    [Fact]
    public void Entities_know_nothing_of_the_web()
    {
        AssertOk(Sipar.That().HaveName("Agency", "Unit", "CalendarYear", "CalendarDay", "AuditEntry", "RoleAssignment", "WorkingDayCalendar", "LunarCalendar")
            .ShouldNot().HaveDependencyOnAny("Microsoft.AspNetCore.Mvc", "Microsoft.AspNetCore.Http", "Microsoft.EntityFrameworkCore")
            .GetResult());
    }

    [Fact]
    public void Pages_and_handlers_are_not_public_api()
    {
        AssertOk(Sipar.That().Inherit(typeof(Microsoft.AspNetCore.Mvc.RazorPages.PageModel))
            .ShouldNot().BePublic()
            .GetResult());
    }

    private static void AssertOk(NetArchTest.Rules.TestResult result) =>
        Assert.True(result.IsSuccessful, "Broken by: " + string.Join(", ", result.FailingTypeNames ?? []));
}
