using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Modules.Documents;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.Sipas;

/// <summary>
/// The wave's report (Báo cáo kết quả khảo sát) as a .docx in the Decree 30 layout: the scope and method, the sample and what
/// came back, the re-check, the indices with their intervals, the strata (small ones marked, never ranked) and the expectations.
/// </summary>
internal sealed class SipasReport(SiparDbContext db, WaveIndices indices, SurveyWaves waves, DocumentHeaders headers, TimeProvider clock)
{
    public async Task<byte[]> DocxAsync(Guid waveId, CancellationToken ct)
    {
        var r = await indices.ComputeAsync(waveId, ct);
        var w = r.Wave;
        var progress = await waves.ProgressAsync(waveId, ct);
        var recheck = await db.Set<Response>().AsNoTracking().Where(x => x.WaveId == waveId && x.Recheck != RecheckState.None)
            .GroupBy(x => x.Recheck).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var rejected = await db.Set<Response>().CountAsync(x => x.WaveId == waveId && x.SubmittedAt != null && x.Review != ReviewState.Valid, ct);
        var today = Infrastructure.Time.VietnamTime.Today(clock);
        var header = await headers.ForAgencyAsync(w.AgencyId, null, "BC", today, "BÁO CÁO", "Kết quả khảo sát sự hài lòng của người dân, tổ chức: " + w.Name, ct);
        using var doc = new Decree30Document(header);
        string P(decimal? v) => v is null ? "—" : v.Value.ToString("0.00", CultureInfo.GetCultureInfo("vi-VN")) + "%";
        string D(DateOnly d) => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        doc.Heading("I. PHẠM VI VÀ PHƯƠNG PHÁP");
        doc.Paragraph($"Khảo sát người dân, tổ chức nhận kết quả giải quyết thủ tục hành chính từ ngày {D(w.PeriodFrom)} đến ngày {D(w.PeriodTo)}, theo phương pháp của Quyết định số 1001/QĐ-BNV ngày 11/12/2023 của Bộ Nội vụ.");
        doc.Paragraph(string.Create(CultureInfo.InvariantCulture,
            $"Cỡ mẫu n = N/(1 + N·e²) với sai số e = {w.MarginOfError * 100:0.#}%, chọn ngẫu nhiên theo tầng với hạt giống {w.Seed}; danh sách {progress.Sum(p => p.Frame)} người, chọn {progress.Sum(p => p.Sampled)} người, {progress.Sum(p => p.Answered)} người đã trả lời, {progress.Sum(p => p.Refused)} từ chối, {progress.Sum(p => p.Unreachable)} không liên lạc được."));
        doc.Paragraph(string.Create(CultureInfo.InvariantCulture,
            $"Phúc tra {recheck.Sum(x => x.Count)} phiếu: {recheck.Where(x => x.Key == RecheckState.Confirmed).Sum(x => x.Count)} đúng như phiếu, {recheck.Where(x => x.Key == RecheckState.Differs).Sum(x => x.Count)} khác phiếu (không tính), {recheck.Where(x => x.Key == RecheckState.Unreachable).Sum(x => x.Count)} không liên lạc được. {rejected} phiếu bị loại hoặc chờ xem lại khi duyệt. Chỉ số được tính trên {r.Overall.Responses} phiếu hợp lệ."));
        doc.Paragraph("Chỉ số của mỗi câu hỏi là tỷ lệ câu trả lời \"Hài lòng\" và \"Rất hài lòng\" trên các câu trả lời hợp lệ; chỉ số yếu tố, khía cạnh và chỉ số chung là trung bình của các phần. Khoảng tin cậy 95%: Wilson cho câu hỏi, bootstrap cho yếu tố, khía cạnh và chỉ số chung.");
        doc.Heading("II. KẾT QUẢ");
        doc.Paragraph($"Chỉ số hài lòng chung: {P(r.Overall.Overall.Value)} (khoảng tin cậy 95%: {P(r.Overall.Overall.Low)} – {P(r.Overall.Overall.High)}).");
        var rows = new List<IReadOnlyList<string>>();
        foreach (var a in r.Overall.Aspects)
        {
            var aspect = r.Questionnaire.Aspects.First(x => x.Code == a.Code);
            rows.Add([a.Code, aspect.Name, P(a.Index.Value), $"{P(a.Index.Low)} – {P(a.Index.High)}", a.Index.N.ToString(CultureInfo.InvariantCulture)]);
            foreach (var f in a.Factors)
            {
                var factor = aspect.Factors.First(x => x.Code == f.Code);
                rows.Add([f.Code, factor.Name, P(f.Index.Value), $"{P(f.Index.Low)} – {P(f.Index.High)}", f.Index.N.ToString(CultureInfo.InvariantCulture)]);
                rows.AddRange(f.Items.Select(i => (IReadOnlyList<string>)[i.Code, factor.Items.First(x => x.Code == i.Code).Text, P(i.Index.Value), $"{P(i.Index.Low)} – {P(i.Index.High)}", i.Index.N.ToString(CultureInfo.InvariantCulture)]));
            }
        }

        doc.Table(["Mã", "Nội dung", "Chỉ số", "Khoảng tin cậy 95%", "Số phiếu"], rows, [8, 52, 12, 18, 10]);
        if (r.Strata.Count > 1)
        {
            doc.Heading("Theo tầng");
            doc.Table(["Tầng", "Chỉ số chung", "Số phiếu"], r.Strata.Select(c => (IReadOnlyList<string>)[c.Label, c.Indices.Enough ? P(c.Indices.Overall.Value) : "chưa đủ số phiếu", c.Indices.Responses.ToString(CultureInfo.InvariantCulture)]), [60, 25, 15]);
        }

        if (r.Expectations.Count > 0)
        {
            doc.Heading("Người dân mong muốn cải thiện");
            doc.Table(["Nội dung", "Số người chọn", "Tỷ lệ"], r.Expectations.Select(e => (IReadOnlyList<string>)[e.Option, e.Count.ToString(CultureInfo.InvariantCulture), P(e.Share)]), [64, 18, 18]);
        }

        return doc.Finish(new DocumentFooter("TM. CƠ QUAN", null, ["Sở Nội vụ", "Lãnh đạo cơ quan", "Lưu: VT"]));
    }
}
