using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Modules.ParIndex;

namespace Sipar.Modules.Sipas;

/// <summary>What PAR INDEX reads of SIPAS (its <see cref="ISurveyIndexSource"/>): an agency's latest finished wave of a year, every index by code.</summary>
internal sealed class SipasParSource(SiparDbContext db, WaveIndices indices) : ISurveyIndexSource
{
    public async Task<SurveyWaveIndices?> LatestAsync(Guid agencyId, int year, CancellationToken ct)
    {
        var waves = await db.Set<Wave>().AsNoTracking()
            .Where(w => w.AgencyId == agencyId && (w.Status == WaveStatus.Closed || w.Status == WaveStatus.Published))
            .ToListAsync(ct);
        var wave = waves.Where(w => w.PeriodTo.Year == year).OrderByDescending(w => w.PeriodTo).ThenByDescending(w => w.CreatedAt).FirstOrDefault();
        if (wave is null)
        {
            return null;
        }

        var r = await indices.ComputeAsync(wave.Id, ct);
        var enoughCell = r.Overall.Enough;
        SurveyIndexValue V(string code, string name, IndexValue v) => new(code, name, v.Value, v.Low, v.High, v.N, enoughCell && v.N >= wave.MinCell);
        var list = new List<SurveyIndexValue> { V("overall", "Chỉ số chung", r.Overall.Overall) };
        foreach (var a in r.Overall.Aspects)
        {
            var aspect = r.Questionnaire.Aspects.First(x => x.Code == a.Code);
            list.Add(V(a.Code, aspect.Name, a.Index));
            foreach (var f in a.Factors)
            {
                var factor = aspect.Factors.First(x => x.Code == f.Code);
                list.Add(V(f.Code, factor.Name, f.Index));
                list.AddRange(f.Items.Select(i => V(i.Code, factor.Items.First(x => x.Code == i.Code).Text, i.Index)));
            }
        }

        return new SurveyWaveIndices(wave.Id, wave.Name, wave.PeriodFrom, wave.PeriodTo, list);
    }
}
