using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Time;
using Sipar.Infrastructure.Web;
using Sipar.Modules.Accounts;

namespace Sipar.Modules.Calendar;

[Authorize(Policy = Policies.Administer)]
internal sealed class ManageCalendarModel(CalendarAdministration admin, TimeProvider clock, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    public IReadOnlyList<CalendarYearInfo> Years { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Years = await admin.ListYearsAsync(VietnamTime.Today(clock).Year, ct);

    public IActionResult OnGetGo(int year) => Redirect($"/admin/calendar/{year}");
}
