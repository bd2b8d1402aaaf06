using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Web;

namespace Sipar.Modules.Plans;

/// <summary>Leadership at a glance: progress by section and unit, overdue tasks, report timeliness, flags.</summary>
internal sealed class PlanDashboardModel(PlanInsights insights, Dossiers.IDossierRecords dossiers, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    public Guid Id { get; private set; }

    public DashboardData Data { get; private set; } = null!;

    /// <summary>The one-stop desk this month (through the Dossiers contract).</summary>
    public Dossiers.DossierWatch OneStop { get; private set; } = null!;

    /// <summary>The report type whose timeliness the dashboard shows (<c>?obligation=</c>); the CCHC report when none.</summary>
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)]
    public Guid? Obligation { get; set; }

    public async Task OnGetAsync(Guid id, CancellationToken ct)
    {
        Id = id;
        Data = await insights.DashboardAsync(id, ct, Obligation);
        OneStop = await dossiers.WatchAsync(Data.AgencyId, ct);
    }
}
