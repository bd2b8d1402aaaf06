using System.Globalization;
using System.Text;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Modules.Documents;

namespace Sipar.Modules.Sipas;

/// <summary>
/// The anonymised responses of a wave: the ones that count, without names, contacts, codes, ids or free text; one column per
/// item code (1…levels, empty when not answered), a <c>stratum</c> column, the channel, the day, the profile and the
/// expectations (.xlsx). The .csv keeps only the stratum and the items: the <c>compute-file</c> format, so anyone can
/// recompute the published indices from it.
/// </summary>
internal sealed class WaveExport(SiparDbContext db)
{
    // The columns before the items: stratum, channel, day.
    private const int ItemsFrom = 3;

    public async Task<(IReadOnlyList<string> Headers, List<IReadOnlyList<string>> Rows, int Items)> TableAsync(Guid waveId, CancellationToken ct)
    {
        var wave = await db.Set<Wave>().AsNoTracking().FirstOrDefaultAsync(w => w.Id == waveId, ct) ?? throw new Infrastructure.Errors.NotFoundException();
        var doc = (await db.Set<Questionnaire>().AsNoTracking().FirstAsync(q => q.Id == wave.QuestionnaireId, ct)).Document;
        var items = doc.Items.Select(i => i.Code).ToList();
        var headers = new List<string> { "stratum", "kenh", "ngay" };
        headers.AddRange(items);
        headers.AddRange(doc.Profile.Select(p => p.Code));
        headers.Add("mong_doi");
        var responses = await db.Set<Response>().AsNoTracking()
            .Where(r => r.WaveId == waveId).Where(Response.Counts)
            .OrderBy(r => r.Stratum).ThenBy(r => r.SubmittedAt)
            .Select(r => new { r.Stratum, r.Channel, r.SubmittedAt, r.Answers, r.Profile, r.Expectations }).ToListAsync(ct);
        var rows = new List<IReadOnlyList<string>>(responses.Count);
        foreach (var r in responses)
        {
            var row = new List<string> { r.Stratum, r.Channel.ToString(), Infrastructure.Time.VietnamTime.DateOf(r.SubmittedAt!.Value).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) };
            row.AddRange(items.Select((_, i) => i < r.Answers.Length && r.Answers[i] is >= '1' and <= '9' ? r.Answers[i].ToString() : ""));
            var profile = Response.Lines(r.Profile);
            row.AddRange(doc.Profile.Select(p => profile.GetValueOrDefault(p.Code, "")));
            row.Add(r.Expectations.Replace(',', ';'));
            rows.Add(row);
        }

        return (headers, rows, items.Count);
    }

    public async Task<byte[]> CsvAsync(Guid waveId, CancellationToken ct)
    {
        var (all, table, items) = await TableAsync(waveId, ct);
        List<int> keep = [0, .. Enumerable.Range(ItemsFrom, items)];
        var headers = keep.Select(i => all[i]).ToList();
        var rows = table.Select(r => (IReadOnlyList<string>)[.. keep.Select(i => r[i])]).ToList();
        await using var text = new StringWriter(CultureInfo.InvariantCulture);
        await using (var csv = new CsvWriter(text, CultureInfo.InvariantCulture))
        {
            foreach (var h in headers)
            {
                csv.WriteField(h);
            }

            await csv.NextRecordAsync();
            foreach (var row in rows)
            {
                foreach (var cell in row)
                {
                    csv.WriteField(cell);
                }

                await csv.NextRecordAsync();
            }
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public async Task<byte[]> XlsxAsync(Guid waveId, CancellationToken ct)
    {
        var (headers, rows, _) = await TableAsync(waveId, ct);
        return SpreadsheetWriter.Write("Phieu", headers, rows);
    }
}
