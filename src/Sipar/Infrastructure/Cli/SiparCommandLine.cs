using System.CommandLine;

namespace Sipar.Infrastructure.Cli;

/// <summary>
/// The verbs of the <c>sipar</c> executable. With no verb (or only host options such as <c>--urls</c>) it serves
/// the web app, which is also what <c>dotnet run</c> and the test host do.
/// </summary>
internal static class SiparCommandLine
{
    private static readonly string[] HelpWords = ["--help", "-h", "-?", "/?", "--version"];

    public static bool IsVerb(string[] args) =>
        args.Length > 0 && (!args[0].StartsWith('-') || HelpWords.Contains(args[0]));

    /// <param name="args">The command line.</param>
    /// <param name="createApp">Builds the app from host arguments (<see cref="Program.CreateApp"/>).</param>
    /// <param name="output">Standard output (tests pass their own).</param>
    /// <param name="error">Standard error.</param>
    /// <param name="settings">Extra configuration as <c>--Key=Value</c> (tests pass their database).</param>
    public static async Task<int> RunAsync(string[] args, Func<string[], WebApplication> createApp, TextWriter? output = null, TextWriter? error = null, string[]? settings = null)
    {
        var cli = new CliContext(a => createApp([.. a, .. settings ?? []]), output ?? Console.Out, error ?? Console.Error);
        var root = new RootCommand("Sipar — hệ thống điều hành kế hoạch cải cách hành chính / administrative-reform plan system");

        var serve = new Command("serve", "Chạy ứng dụng web (mặc định) / run the web app (default); host options such as --urls follow");
        serve.TreatUnmatchedTokensAsErrors = false;
        serve.SetAction(async (parse, ct) =>
        {
            await using var app = createApp([.. parse.UnmatchedTokens, .. settings ?? []]);
            await app.RunAsync(ct);
            return 0;
        });
        root.Subcommands.Add(serve);
        // The modules' verbs, listed in Program.cs beside their AddX/MapX: Infrastructure knows no module.
        foreach (var command in Program.Verbs(cli))
        {
            root.Subcommands.Add(command);
        }

        return await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = cli.Out, Error = cli.Error });
    }
}
