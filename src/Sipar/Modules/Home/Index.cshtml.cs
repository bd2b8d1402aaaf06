using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Web;
using Sipar.Modules.Accounts;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.Home;

/// <summary>The home page: a landing page for visitors, and one card per role for a signed-in user.</summary>
[AllowAnonymous]
internal sealed class IndexModel(CurrentUser me, Capabilities can, IAgencies agencies, Feedback.IFeedbackRecords feedback, IEnumerable<CitizenEntry> entries, IEnumerable<IDueWork> dueWork, IStringLocalizer<SharedResource> t)
    : SiparPageModel(t)
{
    /// <summary>Citizens' feedback at a glance, for leaders and the office (escalations reach the leadership here too).</summary>
    public Feedback.FeedbackWatch? Feedback { get; private set; }

    /// <summary>The citizens' portal for the province (visitors): each module's entry and every agency's hotline and email.</summary>
    public IReadOnlyList<CitizenEntry> Entries { get; } = entries.OrderBy(e => e.Order).ToList();

    public IReadOnlyList<AgencyInfo> Contacts { get; private set; } = [];

    public bool SignedIn => me.IsAuthenticated;

    /// <summary>What the person has to do soon, from every module: late first, then by deadline.</summary>
    public IReadOnlyList<DueItem> Due { get; private set; } = [];

    public string FullName => me.FullName;

    public string? AgencyName { get; private set; }

    public string? UnitName { get; private set; }

    public IReadOnlyList<Role> Roles => me.Roles;

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!me.IsAuthenticated)
        {
            Contacts = await agencies.ListAsync(ct);
            return;
        }

        var due = new List<DueItem>();
        foreach (var source in dueWork)
        {
            due.AddRange(await source.ForMeAsync(ct));
        }

        Due = due.OrderByDescending(d => d.Late).ThenBy(d => d.Due ?? DateOnly.MaxValue).ToList();
        if (me.AgencyId is { } agency)
        {
            AgencyName = (await agencies.FindAsync(agency, ct))?.Name;
            if (can.Has(Capability.HandleFeedback, agency) || can.Has(Capability.ApproveForAgency, agency))
            {
                Feedback = await feedback.WatchAsync(agency, ct);
            }
        }

        if (User.FindFirst(Infrastructure.Auth.SiparClaims.Unit)?.Value is { } unit && Guid.TryParse(unit, out var unitId))
        {
            UnitName = (await agencies.UnitsByIdAsync([unitId], ct)).TryGetValue(unitId, out var u) ? u.Name : null;
        }
    }

    /// <summary>What each role starts from. Modules add their links here as they arrive.</summary>
    public IEnumerable<(string Url, string LabelKey)> LinksFor(Role role)
    {
        var agency = me.AgencyId is { } id ? $"/agencies/{id}" : null;
        switch (role)
        {
            case Role.Administrator:
                yield return ("/admin/agencies", "Nav.Agencies");
                yield return ("/admin/users", "Nav.Users");
                yield return ("/admin/calendar", "Nav.CalendarAdmin");
                yield return ("/admin/audit", "Nav.Audit");
                break;
            case Role.Appraiser:
                yield return ("/par", "Home.Link.ParCampaigns");
                yield return ("/par/results", "Par.Results");
                yield return ("/par/frameworks", "Par.FrameworksTitle");
                yield return ("/calendar", "Nav.Calendar");
                break;
            case Role.DeskOfficer:
                yield return ("/dossiers", "Home.Link.Dossiers");
                yield return ("/calendar", "Home.Link.DueDate");
                break;
            default:
                yield return ("/plans", "Nav.Plans");
                if (role is Role.Office or Role.Leader or Role.UnitOfficer)
                {
                    yield return ("/par", "Home.Link.ParAssessment");
                    yield return ("/dossiers", "Home.Link.Dossiers");
                    yield return ("/feedback", "Home.Link.Feedback");
                }

                if (agency is not null)
                {
                    yield return (agency, "Nav.MyAgency");
                }

                yield return ("/calendar", "Nav.Calendar");
                break;
        }
    }
}
