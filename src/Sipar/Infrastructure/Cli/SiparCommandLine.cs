using System.CommandLine;
using Sipar.Modules.Accounts;
using Sipar.Modules.Calendar;
using Sipar.Modules.Operations;

namespace Sipar.Infrastructure.Cli;

/// <summary>
/// The verbs of the <c>sipar</c> executable. With no verb (or only host options such as <c>--urls</c>) it serves
/// the web app, which is also what <c>dotnet run</c> and the test host do.
/// </summary>
public static class SiparCommandLine
{
    private static readonly string[] HelpWords = ["--help", "-h", "-?", "/?", "--version"];

    public static bool IsVerb(string[] args) =>
        args.Length > 0 && (!args[0].StartsWith('-') || HelpWords.Contains(args[0]));

    public static async Task<int> RunAsync(string[] args, Func<string[], WebApplication> createApp)
    {
        var cli = new CliContext(createApp, Console.Out, Console.Error);
        var root = new RootCommand("Sipar — hệ thống điều hành kế hoạch cải cách hành chính / administrative-reform plan system");

        var serve = new Command("serve", "Chạy ứng dụng web (mặc định) / run the web app (default); host options such as --urls follow");
        serve.TreatUnmatchedTokensAsErrors = false;
        serve.SetAction(async (parse, ct) =>
        {
            await using var app = createApp(parse.UnmatchedTokens.ToArray());
            await app.RunAsync(ct);
            return 0;
        });
        root.Subcommands.Add(serve);
        root.Subcommands.Add(OperationsModule.Commands(cli));
        root.Subcommands.Add(AccountsCommands.Admin(cli));
        root.Subcommands.Add(CalendarModule.Commands(cli));
        foreach (var command in OperationsModule.BackupCommands(cli))
        {
            root.Subcommands.Add(command);
        }

        return await root.Parse(args).InvokeAsync();
    }
}
