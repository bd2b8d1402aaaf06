using System.CommandLine;
using Microsoft.AspNetCore.Identity;
using Sipar.Infrastructure.Cli;
using Sipar.Infrastructure.Errors;

namespace Sipar.Modules.Accounts;

/// <summary><c>sipar admin create --email … --name …</c>: the first administrator. There is no default password anywhere.</summary>
internal static class AccountsCommands
{
    public static Command Admin(CliContext cli)
    {
        var email = new Option<string>("--email") { Description = "Email đăng nhập / login email", Required = true };
        var name = new Option<string>("--name") { Description = "Họ và tên / full name", Required = true };
        var generate = new Option<bool>("--generate-password") { Description = "Sinh mật khẩu ngẫu nhiên và in ra một lần / generate a password and print it once" };
        var create = new Command("create", "Tạo tài khoản quản trị / create an administrator; asks for the password, or generates one when input is not a terminal") { email, name, generate };
        create.SetAction(async (parse, ct) => await cli.RunAsync(async services =>
        {
            string? password = null;
            var generated = parse.GetValue(generate) || Console.IsInputRedirected;
            if (!generated)
            {
                password = AskPassword(cli, "Mật khẩu / password: ");
                var again = AskPassword(cli, "Nhập lại / again: ");
                if (password != again)
                {
                    await cli.Error.WriteLineAsync("Lỗi: mật khẩu nhập lại không khớp. / The passwords do not match.");
                    return 2;
                }
            }

            var users = services.GetRequiredService<UserAdministration>();
            var created = await users.CreateAsync(new UserInput(parse.GetValue(email)!, parse.GetValue(name)!, null, null, [Role.Administrator]), ct, password);
            await cli.Out.WriteLineAsync($"Đã tạo quản trị viên / administrator created: {created.Email}");
            if (generated)
            {
                await cli.Out.WriteLineAsync($"Mật khẩu (chỉ hiển thị lần này) / password (shown once): {created.Password}");
            }

            return 0;
        }, ct));
        return new Command("admin", "Quản trị tài khoản / account administration") { create };
    }

    private static string AskPassword(CliContext cli, string prompt)
    {
        cli.Out.Write(prompt);
        var chars = new List<char>();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                cli.Out.WriteLine();
                return new string(chars.ToArray());
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (chars.Count > 0)
                {
                    chars.RemoveAt(chars.Count - 1);
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                chars.Add(key.KeyChar);
            }
        }
    }
}
