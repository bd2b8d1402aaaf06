using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Cli;
using Sipar.Infrastructure.Errors;

namespace Sipar.Modules.ParIndex;

internal static class ParIndexModule
{
    /// <summary>The demo framework shaped like the 2017 province table (8 areas, 100 points), shipped in the executable.</summary>
    public static byte[] DemoFramework()
    {
        using var stream = typeof(ParIndexModule).Assembly.GetManifestResourceStream("Sipar.ParIndex.demo-framework-2017.json")!;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary><c>sipar par validate &lt;framework.xlsx|json&gt;</c>: every error with its row; exit 2 when there is any.</summary>
    public static Command Commands(CliContext cli)
    {
        var file = new Argument<FileInfo>("file") { Description = "Tệp bộ chỉ số (.xlsx, .json) / framework file" };
        var validate = new Command("validate", "Kiểm tra tệp bộ chỉ số / check a framework file") { file };
        validate.SetAction(async (parse, ct) => await cli.RunAsync(async services =>
        {
            var info = parse.GetValue(file)!;
            if (!info.Exists)
            {
                throw new DomainValidationException("file", "Plan.FileNotFound", info.FullName);
            }

            var framework = FrameworkReader.Read(info.Name, await File.ReadAllBytesAsync(info.FullName, ct));
            var errors = FrameworkValidator.Validate(framework);
            var localizer = new LabelLocalizer(services.GetRequiredService<IStringLocalizer<SharedResource>>());
            foreach (var e in errors)
            {
                var where = e.Row > 0 ? string.Create(CultureInfo.InvariantCulture, $"Dòng {e.Row}: ") : "";
                await cli.Error.WriteLineAsync(where + localizer[e.MessageKey, e.Args]);
            }

            if (errors.Count > 0)
            {
                return 2;
            }

            var areas = framework.Lines.Count(l => l.Level == CriterionLevel.Area);
            var criteria = framework.Lines.Count(l => l.Level == CriterionLevel.Criterion);
            var subs = framework.Lines.Count(l => l.Level == CriterionLevel.SubCriterion);
            var total = framework.Lines.Where(l => l.Level == CriterionLevel.Area).Sum(l => l.MaxPoints ?? 0);
            await cli.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Hợp lệ: {areas} lĩnh vực, {criteria} tiêu chí, {subs} tiêu chí thành phần, tổng {ParCalculator.Format(total)} điểm."));
            return 0;
        }, ct, migrate: false));
        return new Command("par", "Chỉ số CCHC (PAR INDEX)") { validate };
    }
}
