using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Errors;
using Sipar.Modules.Accounts;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.Plans;

/// <summary>A parsed section with the units it names matched to the agency's units, ready for review.</summary>
internal sealed record SectionProposal(SectionDraft Draft, Guid? LeadUnitId, bool LeadIsAllUnits, IReadOnlyList<Guid> CoordinatingUnitIds, IReadOnlyList<string> UnmatchedNames);

/// <summary>Import handlers: propose unit mappings for a draft, and save the reviewed plan as a draft plan.</summary>
internal sealed class PlanImport(SiparDbContext db, IAgencies agencies, Capabilities can, TimeProvider clock)
{
    public async Task<UnitMatcher> MatcherAsync(Guid agencyId, CancellationToken ct)
    {
        var units = await agencies.UnitsAsync(agencyId, ct);
        return new UnitMatcher(units.Select(u => (u.Id, u.Name, u.ShortName)));
    }

    public async Task<IReadOnlyList<SectionProposal>> ProposeAsync(Guid agencyId, PlanDraft draft, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(draft);
        EnsureCanImport(agencyId);
        var matcher = await MatcherAsync(agencyId, ct);
        return draft.Sections.Select(s =>
        {
            var allUnits = string.Equals(s.LeadUnit, PlanTextParser.AllUnits, StringComparison.OrdinalIgnoreCase);
            var lead = allUnits ? null : matcher.Match(s.LeadUnit);
            var unmatched = new List<string>();
            if (!allUnits && lead is null && s.LeadUnit is not null)
            {
                unmatched.Add(s.LeadUnit);
            }

            var coordinating = new List<Guid>();
            foreach (var name in s.CoordinatingUnits)
            {
                if (matcher.Match(name) is { } id)
                {
                    coordinating.Add(id);
                }
                else
                {
                    unmatched.Add(name);
                }
            }

            return new SectionProposal(s, lead, allUnits, coordinating.Distinct().ToList(), unmatched);
        }).ToList();
    }

    public async Task<Guid> SaveDraftAsync(Guid agencyId, PlanContent content, CancellationToken ct)
    {
        EnsureCanImport(agencyId);
        var units = (await agencies.UnitsAsync(agencyId, ct)).Select(u => u.Id).ToHashSet();
        var plan = Plan.CreateDraft(agencyId, content, units, clock.GetUtcNow().UtcDateTime);
        db.Add(plan);
        await db.SaveChangesAsync(ct);
        return plan.Id;
    }

    /// <summary>The agency's office (and administrators) import and edit its plans.</summary>
    public void EnsureCanImport(Guid agencyId)
    {
        can.Ensure(Capability.RunPlan, agencyId);
    }
}
