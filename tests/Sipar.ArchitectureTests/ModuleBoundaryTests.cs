using NetArchTest.Rules;
using Sipar.Modules.Organisation;

namespace Sipar.ArchitectureTests;

/// <summary>The boundaries a newcomer can rely on. Each rule names what it protects.</summary>
public sealed class ModuleBoundaryTests
{
    private static readonly Types Sipar = Types.InAssembly(typeof(Agency).Assembly);

    [Fact]
    public void The_working_day_calendar_depends_on_no_module_but_the_accounts_contract()
    {
        // Dossiers, feedback and reporting will all use it; it stays a leaf (Accounts only for who may edit days off).
        AssertOk(Sipar.That().ResideInNamespace("Sipar.Modules.Calendar").ShouldNot()
            .HaveDependencyOnAny("Sipar.Modules.Organisation", "Sipar.Modules.Audit", "Sipar.Modules.Demo", "Sipar.Modules.Home",
                "Sipar.Modules.Plans", "Sipar.Modules.ParIndex", "Sipar.Modules.Operations", "Sipar.Modules.Documents")
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
        // Every type an EF mapping configures, found from the mappings themselves (a new entity is covered at once).
        var entities = typeof(Agency).Assembly.GetTypes()
            .SelectMany(t => t.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(Microsoft.EntityFrameworkCore.IEntityTypeConfiguration<>)))
            .Select(i => i.GetGenericArguments()[0].Name)
            .Append("WorkingDayCalendar").Append("LunarCalendar")
            .Distinct().ToArray();
        Assert.True(entities.Length > 20, string.Join(", ", entities));
        AssertOk(Sipar.That().HaveName(entities)
            .ShouldNot().HaveDependencyOnAny("Microsoft.AspNetCore.Mvc", "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Routing", "Microsoft.EntityFrameworkCore")
            .GetResult());
    }

    [Fact]
    public void Every_page_runs_on_the_shared_page_base()
    {
        // One way to run a change (done, refused, bad input, conflict), whatever page it is on.
        AssertOk(Sipar.That().Inherit(typeof(Microsoft.AspNetCore.Mvc.RazorPages.PageModel))
            .Should().Inherit(typeof(Sipar.Infrastructure.Web.SiparPageModel))
            .Or().HaveName("SiparPageModel")
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
