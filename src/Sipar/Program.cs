using Sipar.Infrastructure.Cli;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Localization;
using Sipar.Infrastructure.Web;
using Sipar.Modules.Accounts;
using Sipar.Modules.Audit;
using Sipar.Modules.Calendar;
using Sipar.Modules.Demo;
using Sipar.Modules.Home;
using Sipar.Modules.Operations;
using Sipar.Modules.Organisation;

// `sipar <verb>` runs a command (sipar --help lists them); anything else serves the web app.
if (SiparCommandLine.IsVerb(args))
{
    return await SiparCommandLine.RunAsync(args, CreateApp);
}

await using var app = CreateApp(args);
await app.RunAsync();
return 0;

static WebApplication CreateApp(string[] args)
{
    var builder = WebHost.CreateBuilder(args);
    builder.AddData();
    builder.AddSiparLocalization();
    builder.AddWeb();
    builder.AddAudit();
    builder.AddOrganisation();
    builder.AddAccounts();
    builder.AddCalendar();
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
    app.MapOperations();
    return app;
}

/// <summary>The entry point, visible to the test host.</summary>
public partial class Program;
