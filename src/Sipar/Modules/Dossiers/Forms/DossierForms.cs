using System.Globalization;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Localization;
using Sipar.Infrastructure.Time;
using Sipar.Modules.Documents;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.Dossiers;

/// <summary>The one-stop forms a dossier produces (numbers as in TT 03/2025; the TT 01/2018 set numbers them its own way).</summary>
internal enum DossierForm
{
    /// <summary>Giấy tiếp nhận hồ sơ và hẹn trả kết quả.</summary>
    Receipt = 1,

    /// <summary>Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ.</summary>
    SupplementRequest = 2,

    /// <summary>Phiếu từ chối tiếp nhận giải quyết hồ sơ.</summary>
    Refusal = 3,

    /// <summary>Văn bản xin lỗi và đề nghị gia hạn (TT 01/2018: Phiếu xin lỗi và hẹn lại ngày trả kết quả).</summary>
    Apology = 4,

    /// <summary>Thông báo dừng giải quyết hồ sơ (TT 03/2025 only).</summary>
    StopNotice = 5,

    /// <summary>Phiếu kiểm soát quá trình giải quyết hồ sơ.</summary>
    ControlSheet = 6,
}

/// <summary>What a form set calls a form and which number it gives it.</summary>
internal sealed record FormTemplate(string Number, string Title, string Circular);

/// <summary>
/// Writes a dossier's forms as .docx in the Decree 30 layout, from the form set of the regime in force on the
/// dossier's receipt date (<see cref="Dossier.FormSet"/>). Each form exists only once the dossier reached it: the
/// receipt after acceptance, the request after a supplement was asked, and so on; otherwise it is refused.
/// The receipt carries a QR code of the lookup address with the dossier code; the secret is printed, never encoded,
/// so a photographed QR alone does not open the dossier.
/// </summary>
internal static class DossierForms
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Form titles and numbers per set (TT 01/2018 had no stop notice; Sipar writes it with the 2025 title, unnumbered).</summary>
    private static readonly Dictionary<(FormSet, DossierForm), FormTemplate> Templates = new()
    {
        [(FormSet.Tt01Of2018, DossierForm.Receipt)] = new("01", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", "Thông tư 01/2018/TT-VPCP"),
        [(FormSet.Tt01Of2018, DossierForm.SupplementRequest)] = new("02", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ", "Thông tư 01/2018/TT-VPCP"),
        [(FormSet.Tt01Of2018, DossierForm.Refusal)] = new("03", "Phiếu từ chối tiếp nhận giải quyết hồ sơ", "Thông tư 01/2018/TT-VPCP"),
        [(FormSet.Tt01Of2018, DossierForm.Apology)] = new("04", "Phiếu xin lỗi và hẹn lại ngày trả kết quả", "Thông tư 01/2018/TT-VPCP"),
        [(FormSet.Tt01Of2018, DossierForm.StopNotice)] = new("", "Thông báo dừng giải quyết hồ sơ", "Thông tư 01/2018/TT-VPCP"),
        [(FormSet.Tt01Of2018, DossierForm.ControlSheet)] = new("05", "Phiếu kiểm soát quá trình giải quyết hồ sơ", "Thông tư 01/2018/TT-VPCP"),
        [(FormSet.Tt03Of2025, DossierForm.Receipt)] = new("01", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", "Thông tư 03/2025/TT-VPCP"),
        [(FormSet.Tt03Of2025, DossierForm.SupplementRequest)] = new("02", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ", "Thông tư 03/2025/TT-VPCP"),
        [(FormSet.Tt03Of2025, DossierForm.Refusal)] = new("03", "Phiếu từ chối tiếp nhận giải quyết hồ sơ", "Thông tư 03/2025/TT-VPCP"),
        [(FormSet.Tt03Of2025, DossierForm.Apology)] = new("04", "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết", "Thông tư 03/2025/TT-VPCP"),
        [(FormSet.Tt03Of2025, DossierForm.StopNotice)] = new("05", "Thông báo dừng giải quyết hồ sơ", "Thông tư 03/2025/TT-VPCP"),
        [(FormSet.Tt03Of2025, DossierForm.ControlSheet)] = new("06", "Phiếu kiểm soát quá trình giải quyết hồ sơ", "Thông tư 03/2025/TT-VPCP"),
    };

    public static FormTemplate Template(FormSet set, DossierForm form) => Templates[(set, form)];

    /// <summary>The forms this dossier has reached, in order.</summary>
    public static IReadOnlyList<DossierForm> Available(Dossier d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var forms = new List<DossierForm>();
        if (d.AcceptedAt is not null)
        {
            forms.Add(DossierForm.Receipt);
        }

        if (d.SupplementMissing is not null)
        {
            forms.Add(DossierForm.SupplementRequest);
        }

        if (d.RefusalReason is not null)
        {
            forms.Add(DossierForm.Refusal);
        }

        if (d.ApologyReason is not null)
        {
            forms.Add(DossierForm.Apology);
        }

        if (d.StopReason is not null)
        {
            forms.Add(DossierForm.StopNotice);
        }

        forms.Add(DossierForm.ControlSheet);
        return forms;
    }

    /// <summary>The form as .docx and its file name; a form the dossier has not reached is refused with a reason.</summary>
    public static (string FileName, byte[] Content) Write(
        Dossier d, DossierForm form, AgencyInfo agency, IReadOnlyDictionary<Guid, string> unitNames, string lookupUrl)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(agency);
        ArgumentNullException.ThrowIfNull(unitNames);
        if (!Enum.IsDefined(form) || !Available(d).Contains(form))
        {
            throw new DomainValidationException("form", "Dossier.FormNotReached");
        }

        var template = Template(d.FormSet, form);
        var label = (template.Number.Length > 0 ? "Mẫu số " + template.Number + " – " : "") + template.Circular;
        var date = form switch
        {
            DossierForm.Receipt => VietnamTime.DateOf(d.AcceptedAt!.Value),
            DossierForm.SupplementRequest => VietnamTime.DateOf(d.SupplementRequestedAt!.Value),
            DossierForm.Refusal or DossierForm.StopNotice => VietnamTime.DateOf(d.ClosedAt!.Value),
            DossierForm.Apology => d.ApologyIssuedOn ?? VietnamTime.DateOf(d.ApologyRequestedAt!.Value),
            _ => (DateOnly?)null,
        };
        var header = DocumentHeaders.For(agency, "Mã hồ sơ: " + d.Code, "", date, template.Title, "", label);
        using var doc = new Decree30Document(header);
        Applicant(doc, d);
        string signer;
        switch (form)
        {
            case DossierForm.Receipt:
                Receipt(doc, d, lookupUrl);
                signer = "Người tiếp nhận hồ sơ";
                break;
            case DossierForm.SupplementRequest:
                doc.Paragraph($"Ngày {Day(d.ReceivedAt)}, Bộ phận tiếp nhận và trả kết quả đã nhận hồ sơ. Để hồ sơ được giải quyết, đề nghị ông/bà bổ sung, hoàn thiện một lần các nội dung sau:");
                doc.Table(["STT", "Giấy tờ, nội dung cần bổ sung, hoàn thiện"], Numbered(d.SupplementMissing!.Split('\n')), [1, 9]);
                if (d.SupplementOverrideReason is { } why)
                {
                    doc.Paragraph("Lý do yêu cầu bổ sung lần này: " + why);
                }

                doc.Paragraph(Contact(agency, "Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, ông/bà liên hệ"));
                signer = "Người hướng dẫn";
                break;
            case DossierForm.Refusal:
                doc.Paragraph($"Ngày {Day(d.ReceivedAt)}, Bộ phận tiếp nhận và trả kết quả đã nhận hồ sơ. Sau khi xem xét, hồ sơ không đủ điều kiện tiếp nhận, giải quyết với lý do:");
                doc.Paragraph(d.RefusalReason!);
                doc.Paragraph("Xin thông báo để ông/bà biết và thực hiện.");
                signer = "Người tiếp nhận hồ sơ";
                break;
            case DossierForm.Apology:
                var due = d.OriginalAppointmentDate ?? d.AppointmentDate;
                doc.Paragraph($"Ngày {Day(d.ReceivedAt)}, {agency.Name} tiếp nhận hồ sơ đề nghị giải quyết thủ tục {d.ProcedureName}, hẹn trả kết quả ngày {Show.Date(due)}.");
                doc.Paragraph("Đến nay, hồ sơ chưa giải quyết xong. Lý do: " + d.ApologyReason);
                doc.Paragraph($"Sự chậm trễ này đã gây phiền hà cho ông/bà. {agency.Name} xin lỗi ông/bà và hẹn trả kết quả vào ngày {Show.Date(d.ApologyNewDate)}.");
                signer = d.ApologyIssuedOn is null ? "Thủ trưởng cơ quan (chờ duyệt)" : "Thủ trưởng cơ quan";
                break;
            case DossierForm.StopNotice:
                doc.Paragraph($"Hồ sơ tiếp nhận ngày {Day(d.ReceivedAt)}, hẹn trả ngày {Show.Date(d.AppointmentDate)}, được dừng giải quyết từ ngày {Day(d.ClosedAt!.Value)}.");
                doc.Paragraph("Lý do: " + d.StopReason);
                doc.Paragraph(Contact(agency, "Mọi thắc mắc, ông/bà liên hệ"));
                signer = "Thủ trưởng cơ quan";
                break;
            default:
                ControlSheet(doc, d, unitNames);
                signer = "Bộ phận tiếp nhận và trả kết quả";
                break;
        }

        var bytes = doc.Finish(new DocumentFooter(signer, null, ["Ông/Bà " + d.ApplicantName, "Lưu: hồ sơ " + d.Code]));
        return ($"mau-{(template.Number.Length > 0 ? template.Number : "tb")}-{d.Code}.docx", bytes);
    }

    private static void Applicant(Decree30Document doc, Dossier d)
    {
        doc.Paragraph("Ông/Bà: " + d.ApplicantName);
        if (d.ApplicantAddress is { } address)
        {
            doc.Paragraph("Địa chỉ: " + address);
        }

        var contact = string.Join("; ", new[] { d.ApplicantPhone is { } p ? "Số điện thoại: " + p : null, d.ApplicantEmail is { } e ? "Thư điện tử: " + e : null }.OfType<string>());
        if (contact.Length > 0)
        {
            doc.Paragraph(contact);
        }

        doc.Paragraph($"Nội dung yêu cầu giải quyết: {d.ProcedureName} (mã thủ tục {d.ProcedureCode}).");
    }

    private static void Receipt(Decree30Document doc, Dossier d, string lookupUrl)
    {
        doc.Paragraph("Thành phần hồ sơ đã nhận:");
        // Originals and copies as the procedure lists them; where the list gives no numbers the cells stay empty (no guess).
        var listed = d.RequiredDocumentList.DistinctBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(r => r.Name, StringComparer.OrdinalIgnoreCase);
        doc.Table(["STT", "Tên giấy tờ", "Bản chính", "Bản sao"], Numbered(d.ReceivedList).Select(r =>
        {
            var (originals, copies) = listed.TryGetValue(r[1], out var l) ? (l.Originals, l.Copies) : (0, 0);
            return (IReadOnlyList<string>)[r[0], r[1], Two(originals), Two(copies)];
        }), [1, 7, 2, 2]);
        var unit = d.TimeLimitUnit switch { TimeLimitUnit.CalendarDays => "ngày", TimeLimitUnit.WorkingHours => "giờ làm việc", _ => "ngày làm việc" };
        doc.Paragraph($"Thời gian giải quyết theo quy định: {d.TimeLimit.ToString(Invariant)} {unit}.");
        doc.Paragraph($"Thời gian nhận hồ sơ: {VietnamTime.Local(d.ReceivedAt):HH} giờ {VietnamTime.Local(d.ReceivedAt):mm} phút, ngày {Day(d.ReceivedAt)}.");
        doc.Paragraph($"Thời gian trả kết quả giải quyết hồ sơ: ngày {Show.Date(d.AppointmentDate)}.");
        doc.Paragraph("Hình thức nộp: " + d.Channel switch { DossierChannel.Online => "trực tuyến", DossierChannel.Post => "qua dịch vụ bưu chính", _ => "trực tiếp" } + ".");
        if (d.Fee > 0)
        {
            doc.Paragraph($"Phí, lệ phí: {d.Fee.ToString("#,0", CultureInfo.GetCultureInfo("vi-VN"))} đồng.");
        }

        doc.Paragraph($"Tra cứu tình trạng hồ sơ tại {lookupUrl} với mã hồ sơ {d.Code} và mã tra cứu {d.LookupSecret}.");
        doc.Picture(Documents.QrCodes.Png(lookupUrl + "?ma=" + Uri.EscapeDataString(d.Code)), 30, "Quét mã để tra cứu hồ sơ (nhập mã tra cứu in trên giấy này)");
    }

    private static void ControlSheet(Decree30Document doc, Dossier d, IReadOnlyDictionary<Guid, string> unitNames)
    {
        doc.Paragraph($"Ngày hẹn trả kết quả: {Show.Date(d.AppointmentDate) ?? "chưa có"}.");
        var rows = new List<IReadOnlyList<string>>();
        var steps = d.Steps.OrderBy(s => s.Order).ToList();
        for (var i = 0; i < steps.Count; i++)
        {
            var s = steps[i];
            var unit = s.UnitId is { } u && unitNames.TryGetValue(u, out var name) ? name : "Bộ phận tiếp nhận và trả kết quả";
            var handedOver = i + 1 < steps.Count ? VietnamTime.DateOf(steps[i + 1].At) : (DateOnly?)null;
            var outcome = s.Due is { } due && handedOver is { } done
                ? Dossier.Compare(done, due) switch { Timeliness.Early => "Trước hạn", Timeliness.OnTime => "Đúng hạn", _ => "Quá hạn" }
                : "";
            rows.Add([(i + 1).ToString(Invariant), ActionName(s.Action), unit, Show.Instant(s.At), Show.Date(s.Due) ?? "", outcome, s.Note ?? ""]);
        }

        doc.Table(["STT", "Bước", "Đơn vị", "Thời gian giao, nhận", "Hạn", "Kết quả", "Ghi chú"], rows, [1, 4, 4, 3, 3, 2, 4]);
        if (d.Outcome is { } o)
        {
            doc.Paragraph("Kết quả giải quyết hồ sơ: " + o switch { Timeliness.Early => "trước hạn", Timeliness.OnTime => "đúng hạn", _ => "quá hạn" } + ".");
        }
    }

    private static string ActionName(DossierAction a) => a switch
    {
        DossierAction.Receive => "Tiếp nhận",
        DossierAction.RequestSupplement => "Yêu cầu bổ sung hồ sơ",
        DossierAction.CompleteSupplement => "Bổ sung đủ hồ sơ",
        DossierAction.Accept => "Tiếp nhận, hẹn trả kết quả",
        DossierAction.Refuse => "Từ chối tiếp nhận",
        DossierAction.Assign => "Chuyển xử lý",
        DossierAction.SubmitForSignature => "Trình ký",
        DossierAction.Sign => "Ký duyệt",
        DossierAction.Return => "Trả kết quả",
        DossierAction.RequestApology => "Đề nghị xin lỗi, gia hạn",
        DossierAction.ApproveApology => "Phát hành văn bản xin lỗi, gia hạn",
        DossierAction.Stop => "Dừng giải quyết",
        _ => "Người dân đánh giá",
    };

    private static string Contact(AgencyInfo agency, string lead) =>
        lead + " " + string.Join(", ", new[] { agency.Hotline is { } h ? "số điện thoại " + h : null, agency.Email is { } e ? "thư điện tử " + e : null }.OfType<string>().DefaultIfEmpty("Bộ phận tiếp nhận và trả kết quả")) + ".";

    private static string Two(int n) => n == 0 ? "" : n.ToString("00", Invariant);

    private static string Day(DateTime utc) => Show.Date(VietnamTime.DateOf(utc));

    private static IEnumerable<IReadOnlyList<string>> Numbered(IEnumerable<string> items) =>
        items.Where(i => i.Trim().Length > 0).Select((item, i) => (IReadOnlyList<string>)[(i + 1).ToString(Invariant), item.Trim()]);
}
