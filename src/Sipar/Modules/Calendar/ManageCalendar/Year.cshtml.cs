using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Web;
using Sipar.Modules.Accounts;

namespace Sipar.Modules.Calendar;

[Authorize(Policy = Policies.Administer)]
internal sealed class CalendarYearModel(CalendarAdministration admin, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    [BindProperty(SupportsGet = true)]
    public int Year { get; set; }

    [BindProperty]
    public DateOnly? NewDate { get; set; }

    [BindProperty]
    public CalendarDayKind NewKind { get; set; }

    [BindProperty]
    public string? NewName { get; set; }

    public CalendarYearInfo Info { get; private set; } = null!;

    public IReadOnlyList<HolidayDay> Days { get; private set; } = [];

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        if (NewDate is null)
        {
            ModelState.AddModelError(nameof(NewDate), Localizer["Calendar.RequiredDate"]);
            await LoadAsync(ct);
            return Page();
        }

        return await Try(() => admin.AddDayAsync(Year, NewDate.Value, NewKind, NewName ?? "", ct), "Calendar.DayAdded", ct);
    }

    public Task<IActionResult> OnPostRemoveAsync(DateOnly date, CancellationToken ct) =>
        Try(() => admin.RemoveDayAsync(Year, date, ct), "Calendar.DayRemoved", ct);

    public Task<IActionResult> OnPostResetAsync(CancellationToken ct) =>
        Try(() => admin.ResetAsync(Year, ct), "Calendar.ResetDone", ct);

    private async Task<IActionResult> Try(Func<Task> action, string done, CancellationToken ct)
    {
        try
        {
            await action();
            TempData["Flash"] = Localizer[done].Value;
            return Redirect($"/admin/calendar/{Year}");
        }
        catch (DomainValidationException e)
        {
            foreach (var error in e.Errors)
            {
                var field = error.Field switch { "Date" => nameof(NewDate), "Name" => nameof(NewName), _ => "" };
                ModelState.AddModelError(field, new LabelLocalizer(Localizer)[error.MessageKey, error.Args]);
            }

            await LoadAsync(ct);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct) => (Info, Days) = await admin.GetYearAsync(Year, ct);
}
