using System.CommandLine;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Cli;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Localization;

namespace Sipar.Modules.Sipas;

/// <summary><c>sipar sipas sample | compute | compute-file</c>: the survey operator's verbs, over the same code as the pages.</summary>
internal static class SipasCommands
{
    public static Command Commands(CliContext cli)
    {
        var root = new Command("sipas", "Khảo sát SIPAS / the SIPAS survey");
        root.Subcommands.Add(Sample(cli));
        root.Subcommands.Add(Compute(cli));
        root.Subcommands.Add(ComputeFile(cli));
        return root;
    }

    private static Command Sample(CliContext cli)
    {
        var wave = new Option<Guid>("--wave") { Description = "Mã đợt khảo sát / wave id", Required = true };
        var dryRun = new Option<bool>("--dry-run") { Description = "Chỉ tính cỡ mẫu, không chọn / sizes only, draw nothing" };
        var seed = new Option<long?>("--seed") { Description = "Hạt giống (để chọn lại đúng mẫu cũ) / seed (to redraw the same sample)" };
        var json = new Option<bool>("--json") { Description = "In JSON / print JSON" };
        var command = new Command("sample", "Cỡ mẫu theo tầng và chọn mẫu có ghi hạt giống / sizes per stratum and the seeded draw") { wave, dryRun, seed, json };
        command.SetAction(async (parse, ct) => await cli.RunAsync(async services =>
        {
            var plan = await services.GetRequiredService<SurveyWaves>().DrawAsync(parse.GetValue(wave), parse.GetValue(seed), !parse.GetValue(dryRun), ct);
            if (parse.GetValue(json))
            {
                await cli.Out.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(new { seed = plan.Seed, applied = plan.Applied, frame = plan.Frame, sample = plan.Sample, strata = plan.Strata.Select(x => new { stratum = x.Stratum, frame = x.Frame, sample = x.Sample }) }, CliContext.IndentedJson));
                return 0;
            }

            foreach (var x in plan.Strata)
            {
                await cli.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{x.Stratum}: N={x.Frame} n={x.Sample}"));
            }

            await cli.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Tổng: N={plan.Frame} n={plan.Sample} · hạt giống {plan.Seed} · {(plan.Applied ? "đã chọn mẫu" : "chưa chọn (chạy thử hoặc đã chọn trước đó)")}"));
            return 0;
        }, ct));
        return command;
    }

    private static Command Compute(CliContext cli)
    {
        var wave = new Option<Guid>("--wave") { Description = "Mã đợt khảo sát / wave id", Required = true };
        var json = new Option<bool>("--json") { Description = "In JSON / print JSON" };
        var command = new Command("compute", "Tính chỉ số hài lòng của đợt khảo sát / the wave's indices") { wave, json };
        command.SetAction(async (parse, ct) => await cli.RunAsync(async services =>
        {
            var result = await services.GetRequiredService<WaveIndices>().ComputeAsync(parse.GetValue(wave), ct);
            var strata = result.Strata.Select(s => (s.Label, s.Indices)).ToList();
            if (parse.GetValue(json))
            {
                await cli.Out.WriteLineAsync(ResponsesFile.Json(result.Overall, strata));
                return 0;
            }

            await WriteAsync(cli.Out, result.Overall, strata);

            return 0;
        }, ct));
        return command;
    }

    private static Command ComputeFile(CliContext cli)
    {
        var file = new Argument<FileInfo>("responses") { Description = "Tệp phiếu trả lời .csv (UTF-8): tiêu đề, mỗi dòng một phiếu, mỗi cột một mã câu hỏi" };
        var structure = new Option<FileInfo>("--structure") { Description = "Cấu trúc JSON {\"aspects\":[{\"code\",\"factors\":[{\"code\",\"items\":[…]}]}]}", Required = true };
        var json = new Option<bool>("--json") { Description = "In JSON / print JSON" };
        var seed = new Option<long>("--seed") { Description = "Hạt giống bootstrap / bootstrap seed", DefaultValueFactory = _ => IndexRules.Default.Seed };
        var command = new Command("compute-file", "Tính chỉ số hài lòng từ tệp phiếu khảo sát thực hiện ở nơi khác / indices of a survey run elsewhere") { file, structure, json, seed };
        command.SetAction(async (parse, ct) => await cli.RunAsync(async services =>
        {
            var responses = parse.GetValue(file)!;
            var structureFile = parse.GetValue(structure)!;
            foreach (var f in new[] { responses, structureFile })
            {
                if (!f.Exists)
                {
                    throw new DomainValidationException("file", "Plan.FileNotFound", f.FullName);
                }
            }

            var shape = IndexStructure.Parse(await File.ReadAllTextAsync(structureFile.FullName, ct));
            var rules = IndexRules.Default with { Seed = parse.GetValue(seed) };
            FileIndices result;
            using (var reader = new StreamReader(responses.FullName, new UTF8Encoding(false, true), true, 1 << 16))
            {
                result = ResponsesFile.Compute(reader, shape, rules);
            }

            if (result.Overall is null)
            {
                var localizer = new LabelLocalizer(services.GetRequiredService<IStringLocalizer<SharedResource>>());
                foreach (var e in result.Errors)
                {
                    await cli.Error.WriteLineAsync(ResponsesFile.Describe(e, (key, args) => localizer[key, args]));
                }

                return 2;
            }

            if (parse.GetValue(json))
            {
                await cli.Out.WriteLineAsync(ResponsesFile.Json(result.Overall, result.Strata));
                return 0;
            }

            await WriteAsync(cli.Out, result.Overall, result.Strata);

            return 0;
        }, ct, migrate: false));
        return command;
    }

    /// <summary>The indices overall, then each stratum's (marked when it has too few responses).</summary>
    private static async Task WriteAsync(TextWriter output, SipasIndices overall, IReadOnlyList<(string Stratum, SipasIndices Indices)> strata)
    {
        await WriteAsync(output, overall, "");
        foreach (var (name, indices) in strata)
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync("Tầng (stratum): " + name + (indices.Enough ? "" : " — chưa đủ số phiếu"));
            await WriteAsync(output, indices, "  ");
        }
    }

    private static async Task WriteAsync(TextWriter output, SipasIndices indices, string indent)
    {
        static string F(IndexValue v) => v.Value is null
            ? "—"
            : string.Create(CultureInfo.InvariantCulture, $"{v.Value:0.00}% [{v.Low:0.00}–{v.High:0.00}] n={v.N}");
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{indent}Chung: {F(indices.Overall)} ({indices.Responses} phiếu)"));
        foreach (var a in indices.Aspects)
        {
            await output.WriteLineAsync($"{indent}  {a.Code}: {F(a.Index)}");
            foreach (var f in a.Factors)
            {
                await output.WriteLineAsync($"{indent}    {f.Code}: {F(f.Index)}");
                foreach (var i in f.Items)
                {
                    await output.WriteLineAsync($"{indent}      {i.Code}: {F(i.Index)}");
                }
            }
        }
    }
}
