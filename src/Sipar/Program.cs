using Sipar.Infrastructure;
using Sipar.Infrastructure.Cli;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Localization;
using Sipar.Infrastructure.Web;
using Sipar.Modules.Accounts;
using Sipar.Modules.Audit;
using Sipar.Modules.Calendar;
using Sipar.Modules.Demo;
using Sipar.Modules.Documents;
using Sipar.Modules.Dossiers;
using Sipar.Modules.Feedback;
using Sipar.Modules.Home;
using Sipar.Modules.Operations;
using Sipar.Modules.Organisation;
using Sipar.Modules.ParIndex;
using Sipar.Modules.Plans;
using Sipar.Modules.Sipas;

// `sipar <verb>` runs a command (`sipar --help` lists them); anything else serves the web app.
if (SiparCommandLine.IsVerb(args))
{
    return await SiparCommandLine.RunAsync(args, Program.CreateApp);
}

await using var app = Program.CreateApp(args);
await app.RunAsync();
return 0;

/// <summary>The entry point; <see cref="CreateApp"/> is the table of contents of the product.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Maintainability", "CA1515:Consider making public types internal", Justification = "The tests' WebApplicationFactory<Program> needs it public.")]
public partial class Program
{
    internal static WebApplication CreateApp(string[] args)
    {
        var builder = WebHost.CreateBuilder(args);
        builder.AddData();
        builder.AddSiparLocalization();
        builder.AddWeb();
        Sipar.Infrastructure.Observability.MetricsSetup.AddSiparMetrics(builder);
        builder.AddSharedServices();
        builder.AddDocuments();
        builder.AddAudit();
        builder.AddOrganisation();
        builder.AddAccounts();
        builder.AddCalendar();
        builder.AddPlans();
        builder.AddParIndex();
        builder.AddDossiers();
        builder.AddSipas();
        builder.AddFeedback();
        builder.AddDemo();
        builder.AddOperations();

        var app = builder.Build();
        app.UseWeb();
        app.MapLanguageSwitch();
        app.MapHome();
        app.MapOrganisation();
        app.MapAccounts();
        app.MapAudit();
        app.MapCalendar();
        app.MapPlans();
        app.MapParIndex();
        app.MapDossiers();
        app.MapSipas();
        app.MapFeedback();
        app.MapOperations();
        return app;
    }

    /// <summary>The verbs of <c>sipar</c>, module by module (<c>sipar --help</c> lists them).</summary>
    internal static IEnumerable<System.CommandLine.Command> Verbs(CliContext cli) =>
    [
        OperationsModule.Commands(cli),
        AccountsCommands.Admin(cli),
        CalendarModule.Commands(cli),
        PlansModule.Commands(cli),
        ReportTypesCommands.Commands(cli),
        OrganisationCommands.Commands(cli),
        ParIndexModule.Commands(cli),
        DossiersCommands.Commands(cli),
        SipasCommands.Commands(cli),
        FeedbackCommands.Commands(cli),
        .. OperationsModule.BackupCommands(cli),
    ];
}
