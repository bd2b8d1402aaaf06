using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Time;
using Sipar.Modules.Documents;
using Sipar.Modules.Organisation;
using Sipar.Modules.Plans;
using Sipar.Infrastructure.Localization;

namespace Sipar.Modules.ParIndex;

/// <summary>The PAR INDEX documents: the self-assessment report (.docx, Decree 30), the appraisal table (.xlsx) and a framework as .xlsx.</summary>
internal sealed class ParOutputs(SiparDbContext db, Assessments assessments, ParAccess access, DocumentHeaders headers, IPlanRecords planRecords, IAgencies agencyDirectory)
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>Báo cáo tự đánh giá: a table per area with each item's self-score, evidence and explanation; the summary; difficulties and proposals.</summary>
    public async Task<(string FileName, byte[] Content)> SelfAssessmentDocxAsync(Guid assessmentId, CancellationToken ct)
    {
        var v = await assessments.GetAsync(assessmentId, ct);
        var year = v.Campaign.Year.ToString(CultureInfo.InvariantCulture);
        var header = await headers.ForAgencyAsync(v.Assessment.AgencyId, null, "BC", v.Assessment.SubmittedAt is { } at ? VietnamTime.DateOf(at) : null,
            "Báo cáo", "Kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm " + year, ct);
        using var doc = new Decree30Document(header);
        doc.Paragraph($"Thực hiện {v.Campaign.Name}, {v.Agency} báo cáo kết quả tự đánh giá, chấm điểm theo {v.Framework.Name} như sau:", italic: true);
        doc.Heading("I. KẾT QUẢ TỰ ĐÁNH GIÁ, CHẤM ĐIỂM");
        var items = v.Framework.Items.OrderBy(i => i.Order).ToList();
        var byId = items.ToDictionary(i => i.Id);
        foreach (var area in items.Where(i => i.Level == CriterionLevel.Area))
        {
            doc.Heading($"{area.Code}. {area.Name} (tối đa {Format(area.MaxPoints)} điểm; tự chấm {Format(v.SelfPoints[area.Code])} điểm)");
            var rows = items.Where(i => i.Id != area.Id && InArea(i, area, byId)).Select(i =>
            {
                var s = v.ScoreOf(i);
                return (IReadOnlyList<string>)
                [
                    i.Code, i.Name, Format(i.MaxPoints), s?.SelfPoints is { } p ? Format(p) : "",
                    s is null ? "" : string.Join("; ", s.Evidence.Select(e => e.Title).Concat(s.Snapshot is null ? [] : [Snapshot(s.Snapshot)])),
                    s?.Explanation ?? "",
                ];
            });
            doc.Table(["Mã", "Tiêu chí", "Điểm tối đa", "Tự chấm", "Tài liệu kiểm chứng", "Giải trình"], rows.ToList(), [6, 30, 8, 8, 28, 20]);
        }

        doc.Heading("II. TỔNG HỢP");
        doc.Paragraph($"Tổng điểm tự đánh giá: {Format(v.SelfTotal)}/{Format(v.Framework.DeclaredTotal)} điểm, đạt {Format(ParCalculator.Index(v.SelfTotal, v.Framework.DeclaredTotal))}%.");
        foreach (var area in items.Where(i => i.Level == CriterionLevel.Area))
        {
            doc.Paragraph($"- {area.Name}: {Format(v.SelfPoints[area.Code])}/{Format(area.MaxPoints)} điểm.");
        }

        doc.Heading("III. KHÓ KHĂN, VƯỚNG MẮC");
        doc.Paragraph(v.Assessment.Difficulties ?? "Không.");
        doc.Heading("IV. ĐỀ XUẤT, KIẾN NGHỊ");
        doc.Paragraph(v.Assessment.Proposals ?? "Không.");
        var signer = await planRecords.LatestSignerAsync(v.Assessment.AgencyId, ct);
        var bytes = doc.Finish(new DocumentFooter(signer?.Title, signer?.Name, v.Campaign.RecipientList));
        return ($"tu-danh-gia-chi-so-cchc-{year}.docx", bytes);
    }

    /// <summary>Bảng thẩm định: every agency and item with self-score, appraised points and reason; its last columns re-import as results.</summary>
    public async Task<(string FileName, byte[] Content)> AppraisalXlsxAsync(Guid campaignId, CancellationToken ct)
    {
        ParAccess.Ensure(access.ManagesCampaigns);
        var campaign = await db.Set<ParCampaign>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, ct) ?? throw new NotFoundException();
        var assessments = await db.Set<ParAssessment>().AsNoTracking().Include(a => a.Scores).Where(a => a.CampaignId == campaignId).ToListAsync(ct);
        var agencyIds = assessments.Select(a => a.AgencyId).ToList();
        var agencies = (await agencyDirectory.ListAsync(ct)).Where(a => agencyIds.Contains(a.Id)).ToDictionary(a => a.Id, a => a.Name);
        var frameworkIds = assessments.Select(a => a.FrameworkId).Distinct().ToList();
        var items = await db.Set<FrameworkItem>().AsNoTracking().Where(i => frameworkIds.Contains(i.FrameworkId)).ToDictionaryAsync(i => i.Id, ct);
        var sheet = assessments.OrderBy(a => agencies[a.AgencyId], StringComparer.Ordinal)
            .SelectMany(a => a.Scores.OrderBy(s => items[s.ItemId].Order).Select(s => (IReadOnlyList<string>)
            [
                agencies[a.AgencyId], s.Code, items[s.ItemId].Name, Format(s.MaxPoints), s.SelfPoints is { } self ? Format(self) : "", s.AppraisalReason ?? "",
                s.ExplanationRequest ?? "", s.ExplanationAnswer ?? "", s.AppraisedPoints is { } p ? ParCalculator.Format(p) : "",
            ]));
        var bytes = SpreadsheetWriter.Write("Thẩm định " + campaign.Year.ToString(CultureInfo.InvariantCulture),
            ["Cơ quan", "Mã tiêu chí", "Tiêu chí", "Điểm tối đa", "Tự chấm", "Lý do điều chỉnh", "Yêu cầu giải trình", "Giải trình", "Điểm thẩm định"], sheet);
        return ($"bang-tham-dinh-{campaign.Year}.xlsx", bytes);
    }

    /// <summary>A framework in the documented .xlsx columns, so it can be edited and imported for another year.</summary>
    public static byte[] FrameworkXlsx(Framework framework)
    {
        ArgumentNullException.ThrowIfNull(framework);
        var rows = framework.Items.OrderBy(i => i.Order).Select(i => (IReadOnlyList<string>)
        [
            i.Code, LevelName(i.Level), i.Name, ParCalculator.Format(i.MaxPoints), MethodName(i.Method), i.RuleText ?? "", i.Rule ?? "", i.Evidence ?? "", i.Source ?? "", i.PreviousCodes ?? "",
        ]);
        return SpreadsheetWriter.Write("Bộ chỉ số", ["Mã", "Cấp", "Tên", "Điểm tối đa", "Phương pháp", "Cách chấm", "Quy tắc", "Tài liệu kiểm chứng", "Nguồn dữ liệu", "Mã năm trước"], rows);
    }

    private static string LevelName(CriterionLevel level) => level switch
    {
        CriterionLevel.Area => "Lĩnh vực",
        CriterionLevel.Criterion => "Tiêu chí",
        _ => "Tiêu chí thành phần",
    };

    private static string MethodName(ScoringMethod method) => method switch
    {
        ScoringMethod.Survey => "Điều tra",
        ScoringMethod.Computed => "Tính từ dữ liệu",
        _ => "Tự đánh giá",
    };

    private static bool InArea(FrameworkItem item, FrameworkItem area, Dictionary<Guid, FrameworkItem> byId)
    {
        var current = item;
        while (current.ParentId is { } parent)
        {
            current = byId[parent];
        }

        return current.Id == area.Id;
    }

    private static string Snapshot(string json)
    {
        var s = IndicatorSnapshot.FromJson(json)!;
        var what = s.Counts ?? (s.Source == ParDataSources.UnitReportsOnTime ? "báo cáo đúng hạn" : "nhiệm vụ hoàn thành đúng hạn");
        return $"Số liệu Sipar ngày {Show.Date(s.AsOf)}: {s.OnTime}/{s.Counted} {what} ({Format(s.Percent)}%)";
    }

    private static string Format(decimal d) => d.ToString("0.##", Vi);
}
