using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Cli;
using Sipar.Infrastructure.Errors;

namespace Sipar.Modules.Organisation;

/// <summary><c>sipar agencies list|import|kinds</c>: the province's agencies and their kinds, for loading past years.</summary>
internal static class OrganisationCommands
{
    public static Command Commands(CliContext cli)
    {
        var root = new Command("agencies", "Cơ quan và loại cơ quan / agencies and their kinds");
        root.Subcommands.Add(List(cli));
        root.Subcommands.Add(Import(cli));
        root.Subcommands.Add(Kinds(cli));
        return root;
    }

    private static Command List(CliContext cli)
    {
        var command = new Command("list", "Danh sách cơ quan / list the agencies");
        command.SetAction(async (parse, ct) => await cli.RunAsync(async services =>
        {
            var kinds = await services.GetRequiredService<AgencyAdministration>().KindsAsync(ct);
            foreach (var a in await services.GetRequiredService<AgencyAdministration>().ListAsync(null, ct))
            {
                await cli.Out.WriteLineAsync($"{a.Symbol}\t{a.Name}\t{kinds.NameOf(a.Kind)}");
            }

            return 0;
        }, ct));
        return command;
    }

    private static Command Import(CliContext cli)
    {
        var file = new Argument<FileInfo>("file") { Description = "Bảng cơ quan (.csv, .xlsx): Tên cơ quan | Ký hiệu | Địa danh | Loại [| Đường dây nóng | Email]" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Chỉ kiểm tra, không lưu / check only, save nothing" };
        var command = new Command("import", "Nhập danh sách cơ quan / import agencies from a table") { file, dryRun };
        command.SetAction(async (parse, ct) => await cli.RunAsync(async services =>
        {
            var info = parse.GetValue(file)!;
            if (!info.Exists)
            {
                throw new DomainValidationException("file", "Plan.FileNotFound", info.FullName);
            }

            var preview = await services.GetRequiredService<AgencyTableImport>().RunAsync(info.Name, await File.ReadAllBytesAsync(info.FullName, ct), !parse.GetValue(dryRun), ct);
            var localizer = new LabelLocalizer(services.GetRequiredService<IStringLocalizer<SharedResource>>());
            foreach (var r in preview.Rows)
            {
                foreach (var e in r.Errors)
                {
                    await cli.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Dòng {r.RowNumber}: {localizer[e.MessageKey, e.Args]}"));
                }
            }

            await cli.Out.WriteLineAsync(localizer["Organisation.ImportSummary", preview.Rows.Count(r => r.Action == ImportAction.Create),
                preview.Rows.Count(r => r.Action == ImportAction.Update), preview.Rows.Count(r => r.Action == ImportAction.Unchanged), preview.Rows.Count(r => r.Action == ImportAction.Error)]);
            if (!preview.CanApply)
            {
                return 2;
            }

            await cli.Out.WriteLineAsync(preview.Applied ? "Đã lưu." : "Chạy thử: chưa lưu gì.");
            return 0;
        }, ct));
        return command;
    }

    private static Command Kinds(CliContext cli)
    {
        var add = new Option<string?>("--add") { Description = "Mã loại cần thêm hoặc sửa (ví dụ DistrictCommittee) / kind code to add or change" };
        var name = new Option<string?>("--name") { Description = "Tên loại / kind name" };
        var until = new Option<string?>("--until") { Description = "Loại cũ: ngày cuối còn tồn tại (dd/MM/yyyy) / historical kind: its last day" };
        var order = new Option<int?>("--order") { Description = "Thứ tự / order" };
        var command = new Command("kinds", "Loại cơ quan (kể cả loại cũ trước sắp xếp 2025); --add để thêm / agency kinds; --add to add one") { add, name, until, order };
        command.SetAction(async (parse, ct) => await cli.RunAsync(async services =>
        {
            var admin = services.GetRequiredService<AgencyAdministration>();
            if (parse.GetValue(add) is { } code)
            {
                DateOnly? last = null;
                if (parse.GetValue(until) is { Length: > 0 } text)
                {
                    last = DateOnly.TryParseExact(text, ["dd/MM/yyyy", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                        ? d : throw new DomainValidationException("until", "Error.DateFormat", text);
                }

                var created = await admin.SaveKindAsync(code, parse.GetValue(name), last, parse.GetValue(order), ct);
                await cli.Out.WriteLineAsync(created ? $"Đã thêm loại {code}." : $"Đã sửa loại {code}.");
            }

            foreach (var k in await admin.KindsAsync(ct))
            {
                var ended = k.Until is { } u ? " (đến " + u.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) + ")" : "";
                await cli.Out.WriteLineAsync($"{k.Kind.Code}\t{k.Name}{ended}");
            }

            return 0;
        }, ct));
        return command;
    }
}
