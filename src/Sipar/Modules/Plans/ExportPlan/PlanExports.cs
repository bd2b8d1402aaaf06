using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Modules.Documents;
using Sipar.Modules.Organisation;
using Sipar.Infrastructure.Localization;

namespace Sipar.Modules.Plans;

/// <summary>The plan as an official .docx (Decree 30 layout) and its tasks as an .xlsx sheet.</summary>
internal sealed class PlanExports(PlanQueries plans, DocumentHeaders headers)
{
    public async Task<(string FileName, byte[] Content)> PlanDocxAsync(Guid planId, CancellationToken ct)
    {
        var plan = await plans.GetAsync(planId, ct);
        var header = await headers.ForAgencyAsync(plan.AgencyId, plan.Number, "KH", plan.IssuedOn, "Kế hoạch", plan.Title, ct, plan.Year);
        using var doc = new Decree30Document(header);
        foreach (var basis in plan.LegalBases)
        {
            doc.Paragraph(PlanTextParser.Cited(basis.Text) + ";", italic: true);
        }

        doc.Heading("I. MỤC ĐÍCH, YÊU CẦU");
        if (plan.Purposes.Count > 0)
        {
            doc.Heading("1. Mục đích");
            foreach (var p in plan.Purposes)
            {
                doc.Paragraph(p);
            }
        }

        if (plan.Requirements.Count > 0)
        {
            doc.Heading("2. Yêu cầu");
            foreach (var r in plan.Requirements)
            {
                doc.Paragraph(r);
            }
        }

        doc.Heading("II. NHIỆM VỤ, GIẢI PHÁP");
        var number = 0;
        foreach (var s in plan.Sections)
        {
            doc.Heading($"{++number}. {s.Heading}");
            var lead = s.LeadIsAllUnits ? "Các cơ quan, đơn vị" : s.LeadUnitName;
            doc.Paragraph(s.CoordinatingUnits.Count > 0 ? $"{lead} chủ trì, phối hợp với {string.Join(", ", s.CoordinatingUnits)}:" : $"{lead} chủ trì:");
            foreach (var t in s.Tasks)
            {
                doc.Paragraph("- " + t.Text);
            }
        }

        if (plan.Duties.Count > 0)
        {
            doc.Heading("III. TỔ CHỨC THỰC HIỆN");
            number = 0;
            foreach (var d in plan.Duties)
            {
                doc.Heading($"{++number}. {d.Heading}");
                foreach (var line in d.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    doc.Paragraph(line);
                }
            }
        }

        var bytes = doc.Finish(new DocumentFooter(plan.SignerTitle, plan.SignerName, plan.Recipients));
        return ($"ke-hoach-{plan.Year}.docx", bytes);
    }

    public async Task<(string FileName, byte[] Content)> TasksXlsxAsync(Guid planId, CancellationToken ct)
    {
        var plan = await plans.GetAsync(planId, ct);
        string[] headers = ["Mục", "STT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Trạng thái", "Thời hạn", "Chỉ tiêu"];
        var rows = plan.Sections.SelectMany(s => s.Tasks.Select((t, i) => new[]
        {
            s.Code, (i + 1).ToString(CultureInfo.InvariantCulture), t.Text, s.LeadIsAllUnits ? PlanTextParser.AllUnits : s.LeadUnitName ?? "",
            string.Join(", ", s.CoordinatingUnits), StatusText(t.Status), Show.Date(t.Deadline) ?? "",
            string.Join("; ", t.Targets.Select(x => $"{x.Value} {x.Measure}")),
        })).ToList();
        return ($"nhiem-vu-{plan.Year}.xlsx", SpreadsheetWriter.Write("Nhiệm vụ", headers, rows));
    }


    internal static string StatusText(PlanTaskStatus status) => status switch
    {
        PlanTaskStatus.NotStarted => "Chưa triển khai",
        PlanTaskStatus.InProgress => "Đang thực hiện",
        PlanTaskStatus.Done => "Hoàn thành",
        _ => "Chậm",
    };

}
