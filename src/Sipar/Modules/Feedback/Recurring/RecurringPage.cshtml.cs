using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Time;
using Sipar.Infrastructure.Web;
using Sipar.Modules.Accounts;
using Sipar.Modules.Organisation;
using Sipar.Modules.Plans;

namespace Sipar.Modules.Feedback;

/// <summary>Phản ánh lặp lại: categories and procedures above the threshold in a period, with the trend, and "Đưa vào kế hoạch".</summary>
internal sealed class RecurringPageModel(RecurringTopics topics, CurrentUser me, Capabilities can, IAgencies agencies, TimeProvider clock, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Threshold { get; set; }

    [BindProperty]
    public string? Kind { get; set; }

    [BindProperty]
    public string? Key { get; set; }

    [BindProperty]
    public int? Year { get; set; }

    [BindProperty]
    public Guid? LeadUnitId { get; set; }

    public IReadOnlyList<RecurringTopic> Topics { get; private set; } = [];

    public IReadOnlyList<UnitInfo> Units { get; private set; } = [];

    public int Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (me.AgencyId is not { } agency || !can.Has(Capability.HandleFeedback, agency))
        {
            return Forbid();
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (me.AgencyId is not { } agency || !can.Has(Capability.HandleFeedback, agency))
        {
            return Forbid();
        }

        Defaults();
        try
        {
            var added = await topics.AddToPlanAsync(agency, Kind ?? "", Key ?? "", Year ?? Today + 1, LeadUnitId, From!.Value, To!.Value, Threshold, ct);
            TempData["Flash"] = Localizer["Feedback.Plan." + added.Outcome].Value;
            return Redirect($"/feedback/recurring?From={From:yyyy-MM-dd}&To={To:yyyy-MM-dd}&Threshold={Threshold}");
        }
        catch (DomainValidationException e)
        {
            e.AddTo(ModelState, Localizer);
            await LoadAsync(ct);
            return Page();
        }
    }

    private void Defaults()
    {
        var today = VietnamTime.Today(clock);
        Today = today.Year;
        From ??= new DateOnly(today.Year, 1, 1);
        To ??= today;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Defaults();
        var agency = me.AgencyId ?? Guid.Empty;
        Units = await agencies.UnitsAsync(agency, ct);
        try
        {
            Topics = await topics.ListAsync(agency, From!.Value, To!.Value, Threshold, ct);
        }
        catch (DomainValidationException e)
        {
            e.AddTo(ModelState, Localizer);
        }
    }
}
