using Microsoft.Playwright;

namespace Sipar.BrowserTests;

/// <summary>What a newcomer meets in the first hour on the demo data: no dead ends, no lost input, confirmations before what cannot be undone.</summary>
public sealed class FirstHourTests(DemoBrowserFixture fx) : IClassFixture<DemoBrowserFixture>
{
    private async Task<IPage> AsAsync(string email) => await fx.SignInAsync(fx.DemoLogins().Single(l => l.Email == email));

    /// <summary>The first task on "Việc của tôi" that this person leads (it has the progress form).</summary>
    private static async Task OpenLedTaskAsync(IPage page)
    {
        await page.GotoAsync("/my-tasks");
        var links = await page.EvalOnSelectorAllAsync<string[]>("a[href^='/tasks/']", "els => els.map(a => a.getAttribute('href'))");
        foreach (var href in links)
        {
            await page.GotoAsync(href);
            if (await page.GetByTestId("progress-form").CountAsync() > 0)
            {
                return;
            }
        }

        Assert.Fail("no task led by this unit");
    }

    [Fact]
    public async Task A_30_MB_evidence_file_comes_back_to_the_task_with_the_message_beside_the_file_and_the_note_kept()
    {
        var page = await AsAsync("phongkhtc@sldtbxh.demo");
        await OpenLedTaskAsync(page);
        var url = page.Url;
        await page.GetByLabel("Trạng thái").SelectOptionAsync("InProgress");
        await page.GetByLabel("Ghi chú tiến độ").FillAsync("Đã họp triển khai với các phòng");
        await page.Locator("#evidence-file").SetInputFilesAsync(new FilePayload { Name = "bien-ban.pdf", MimeType = "application/pdf", Buffer = new byte[30 * 1024 * 1024] });
        await page.GetByTestId("progress-form").GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();

        Assert.Equal(url.Split('?')[0], page.Url.Split('?')[0]);
        await Assertions.Expect(page.GetByTestId("evidence-error")).ToHaveTextAsync("Tệp vượt quá 20 MB.");
        await Assertions.Expect(page.GetByLabel("Ghi chú tiến độ")).ToHaveValueAsync("Đã họp triển khai với các phòng");
        await Assertions.Expect(page.GetByLabel("Trạng thái")).ToHaveValueAsync("InProgress");
        Assert.Empty(await BrowserFixture.AxeAsync(page));

        // Nothing of the refused post was saved; a file within the limit goes in with the note, in one save.
        await page.Locator("#evidence-file").SetInputFilesAsync(new FilePayload { Name = "bien-ban.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4 biên bản"u8.ToArray() });
        await page.GetByTestId("progress-form").GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("evidence")).ToContainTextAsync("bien-ban.pdf");
        await Assertions.Expect(page.GetByTestId("task-history")).ToContainTextAsync("Đã họp triển khai với các phòng");
        await Assertions.Expect(page.GetByTestId("task-status")).ToHaveTextAsync("Đang thực hiện");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_note_over_the_limit_is_cut_by_the_field_and_counted_as_typed()
    {
        var page = await AsAsync("phongkhtc@sldtbxh.demo");
        await OpenLedTaskAsync(page);
        var note = page.GetByLabel("Ghi chú tiến độ");
        Assert.Equal("4000", await note.GetAttributeAsync("maxlength"));
        await note.PressSequentiallyAsync("Đã xong");
        await Assertions.Expect(page.Locator("#Note-count")).ToHaveTextAsync("7/4000 ký tự");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task On_a_phone_the_follow_up_table_and_the_gap_list_fit_the_screen_with_their_deadlines_and_codes_in_view()
    {
        var page = await fx.SignInAsync(fx.DemoLogins().Single(l => l.Email == "vanphong@sldtbxh.demo"), width: 390);
        await page.GotoAsync("/plans");
        var plan = await page.Locator("main table a[href^='/plans/']").First.GetAttributeAsync("href");
        await page.GotoAsync(plan + "/follow-up");
        await Assertions.Expect(page.GetByTestId("follow-up-table")).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the follow-up page scrolls sideways");
        var deadline = await page.GetByTestId("deadline").First.BoundingBoxAsync();
        Assert.True(deadline is not null && deadline.X >= 0 && deadline.X + deadline.Width <= 390, "the first task's deadline is off-screen");
        Assert.Empty(await BrowserFixture.AxeAsync(page));

        await page.GotoAsync("/par/results/2021");
        await page.Locator("[data-testid=ranking] a").First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("gap-lost")).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the gap list scrolls sideways");
        Assert.Empty(await BrowserFixture.AxeAsync(page));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Printing_the_follow_up_table_and_the_dashboard_shows_the_content_without_menus_or_buttons()
    {
        var page = await fx.SignInAsync(fx.DemoLogins().Single(l => l.Email == "lanhdao@sldtbxh.demo"));
        await page.GotoAsync("/plans");
        var plan = await page.Locator("main table a[href^='/plans/']").First.GetAttributeAsync("href");
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await page.GotoAsync(plan + "/follow-up");
        await Assertions.Expect(page.GetByTestId("follow-up-table")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("header nav")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("main form").First).ToBeHiddenAsync();
        await page.GotoAsync(plan + "/dashboard");
        await Assertions.Expect(page.Locator("details.chart-table table").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("canvas").First).ToBeHiddenAsync();
        await page.Context.CloseAsync();
    }
}
