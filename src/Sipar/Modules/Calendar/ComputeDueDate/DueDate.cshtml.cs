using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Web;

namespace Sipar.Modules.Calendar;

/// <summary>The working-day tools: appointment date for N working days, and working days between two dates.</summary>
internal sealed class DueDateModel(CalendarService calendars, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    [BindProperty(SupportsGet = true)]
    public DateTime? Received { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Days { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Cutoff { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    public DueResult? Due { get; private set; }

    public int? Count { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var calendar = await calendars.GetAsync(ct);
        try
        {
            if (Received is not null || Days is not null)
            {
                if (Received is null)
                {
                    ModelState.AddModelError(nameof(Received), Localizer["Calendar.RequiredReceived"]);
                }

                if (Days is null)
                {
                    ModelState.AddModelError(nameof(Days), Localizer["Calendar.DaysRange"]);
                }

                if (Received is { } received && Days is { } days)
                {
                    Due = CalendarModule.Due(calendar, received, days, CalendarModule.ParseCutoff(Cutoff));
                }
            }

            if (From is not null || To is not null)
            {
                if (From is { } from && To is { } to)
                {
                    Count = CalendarModule.Count(calendar, from, to).WorkingDays;
                }
                else
                {
                    ModelState.AddModelError(From is null ? nameof(From) : nameof(To), Localizer["Calendar.RequiredDate"]);
                }
            }
        }
        catch (DomainValidationException e)
        {
            foreach (var error in e.Errors)
            {
                var field = error.Field switch { "cutoff" => nameof(Cutoff), "days" => nameof(Days), "to" => nameof(To), _ => nameof(Received) };
                ModelState.AddModelError(field, new LabelLocalizer(Localizer)[error.MessageKey, error.Args]);
            }
        }
    }
}
