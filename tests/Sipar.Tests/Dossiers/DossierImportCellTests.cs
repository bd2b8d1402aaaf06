using Sipar.Infrastructure.Errors;
using Sipar.Modules.Calendar;
using Sipar.Modules.Dossiers;
using Sipar.Modules.Organisation;
using Sipar.Tests.Calendar;

namespace Sipar.Tests.Dossiers;

/// <summary>Cells as published lists and one-stop exports write them; the mapping step; hours; the forms of both regimes.</summary>
public sealed class DossierImportCellTests
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendarTests.Calendar;

    [Theory]
    [InlineData("05 ngày làm việc", 5, "WorkingDays")]
    [InlineData("15 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ", 15, "WorkingDays")]
    [InlineData("Không quá 03 ngày làm việc", 3, "WorkingDays")]
    [InlineData("30 ngày", 30, "CalendarDays")]
    [InlineData("04 giờ làm việc", 4, "WorkingHours")]
    [InlineData("0,5 ngày làm việc", 4, "WorkingHours")]
    [InlineData("Trong ngày", 0, "WorkingDays")]
    [InlineData("10", 10, "WorkingDays")]
    public void Time_limits_are_read_as_published(string text, int limit, string unit)
    {
        Assert.True(ImportCells.TryTimeLimit(text, out var l, out var u));
        Assert.Equal((limit, unit), (l, u.ToString()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("tùy trường hợp")]
    [InlineData("900 ngày")]
    public void Unreadable_time_limits_are_refused(string text) => Assert.False(ImportCells.TryTimeLimit(text, out _, out _));

    [Theory]
    [InlineData("Không", 0L)]
    [InlineData("Không quy định", 0L)]
    [InlineData("Miễn phí", 0L)]
    [InlineData("50.000 đồng", 50000L)]
    [InlineData("100,000đ/hồ sơ", 100000L)]
    [InlineData("1 500 000", 1500000L)]
    public void Fees_are_read_in_dong(string text, long fee)
    {
        Assert.True(ImportCells.TryFee(text, out var f));
        Assert.Equal(fee, f);
    }

    [Fact]
    public void Levels_channels_flags_statuses_and_dates_are_read_the_ways_offices_write_them()
    {
        Assert.Equal([OnlineLevel.Full, OnlineLevel.Full, OnlineLevel.Partial, OnlineLevel.Partial, OnlineLevel.None],
            new[] { "Toàn trình", "Mức độ 4", "một phần", "3", "Mức độ 2" }.Select(ImportCells.Level));
        Assert.Equal([DossierChannel.Online, DossierChannel.Post, DossierChannel.Desk], new[] { "Trực tuyến", "Qua bưu chính", "Trực tiếp" }.Select(ImportCells.Channel));
        Assert.Equal([true, true, true, false, false], new[] { "x", "Có", "1", "", "không" }.Select(ImportCells.Flag));
        Assert.Equal([DossierStatus.Returned, DossierStatus.Refused, DossierStatus.Processing, DossierStatus.ResultReady, DossierStatus.AwaitingSupplement],
            new[] { "Đã trả kết quả", "Từ chối", "Đang xử lý", "Đã có kết quả", "Chờ bổ sung" }.Select(s => ImportCells.Status(s)!.Value));
        Assert.Null(ImportCells.Status("lạ"));
        Assert.True(ImportCells.TryInstant("05/12/2022 14:30", out var utc));
        Assert.Equal(new DateTime(2022, 12, 5, 7, 30, 0, DateTimeKind.Utc), utc);
        Assert.True(ImportCells.TryDate("44900", out var serial));   // a spreadsheet's serial number
        Assert.Equal(new DateOnly(2022, 12, 5), serial);
        Assert.False(ImportCells.TryDate("31/13/2026", out _));
        Assert.False(ImportCells.TryInstant("05/12/2022 25:00", out _));
        Assert.True(ImportCells.TryCutoff("15h", out var cutoff));
        Assert.Equal(new TimeOnly(15, 0), cutoff);
    }

    [Fact]
    public void The_mapping_is_guessed_from_headers_without_diacritics_and_a_required_field_left_out_is_named()
    {
        string[] headers = ["STT", "MA TTHC", "Tên thủ tục hành chính", "Lĩnh vực", "Thời hạn giải quyết (ngày)"];
        var guessed = ColumnMapping.Guess(headers, ProcedureImport.Fields);
        Assert.Equal("MA TTHC", guessed.Headers["code"]);
        Assert.Equal("Thời hạn giải quyết (ngày)", guessed.Headers["timeLimit"]);
        Assert.Equal(1, guessed.Resolve(headers, ProcedureImport.Fields)["code"]);
        var e = Assert.Throws<DomainValidationException>(() => ColumnMapping.Parse("""{"code": "MA TTHC"}""", ProcedureImport.Fields).Resolve(headers, ProcedureImport.Fields));
        Assert.Equal(["map.name", "map.field", "map.timeLimit"], e.Errors.Select(x => x.Field));
        Assert.Equal("Import.MappingUnknownField", Assert.Throws<DomainValidationException>(() => ColumnMapping.Parse("""{"ma": "x"}""", ProcedureImport.Fields)).Errors[0].MessageKey);
        Assert.Equal("Import.MappingUnreadable", Assert.Throws<DomainValidationException>(() => ColumnMapping.Parse("not json", ProcedureImport.Fields)).Errors[0].MessageKey);
    }

    [Fact]
    public void A_time_limit_in_working_hours_ends_on_the_working_day_the_hours_run_out()
    {
        var procedure = Procedure.Create(Guid.Empty, new ProcedureInput("3.1", "Chứng thực", "Chứng thực", null, 12, TimeLimitUnit.WorkingHours, null, "", 0, OnlineLevel.None, null), DateTime.UtcNow);
        var d = Dossier.Receive(Guid.Empty, "X-1", procedure, new DossierApplicant("A", null, null, null), DossierChannel.Desk, Vn(12, 4, 9), true, FormSet.Tt03Of2025, null);
        d.Accept([], Calendar, Vn(12, 4, 9), null);
        Assert.Equal(new DateOnly(2026, 12, 8), d.AppointmentDate);   // Fri 04/12 + 12 hours = 2 working days → Tue 08/12
    }

    [Fact]
    public void A_dossier_received_under_the_2018_regime_gets_the_2018_forms_and_numbers()
    {
        var procedure = Procedure.Create(Guid.Empty, new ProcedureInput("1.1", "Cấp phép", "Việc làm", null, 5, TimeLimitUnit.WorkingDays, null, "Đơn", 0, OnlineLevel.None, null), DateTime.UtcNow);
        var d = Dossier.Receive(Guid.Empty, "X-2", procedure, new DossierApplicant("Lê C", null, null, null), DossierChannel.Desk, Vn(12, 1, 9), true, new DossierOptions().FormSetOn(new DateOnly(2022, 12, 5)), null);
        d.Accept(["Đơn"], Calendar, Vn(12, 1, 9), null);
        d.RequestApology("Chờ ý kiến của Sở Tư pháp", new DateOnly(2026, 12, 15), Vn(12, 3, 9), null);
        Assert.Equal(FormSet.Tt01Of2018, d.FormSet);
        Assert.Equal(FormSet.Tt03Of2025, new DossierOptions().FormSetOn(new DateOnly(2025, 7, 1)));
        var agency = new AgencyInfo(Guid.Empty, "Sở Lao động - Thương binh và Xã hội", "SLĐTBXH", "Lạng Sơn", AgencyKind.Department, Hotline: "0205 3812 345");
        var (name, bytes) = DossierForms.Write(d, DossierForm.Apology, agency, new Dictionary<Guid, string>(), "https://motcua.example/tra-cuu");
        Assert.Equal("mau-04-X-2.docx", name);
        var text = Sipar.Testing.DocumentChecks.ValidWordText(bytes);
        Assert.Contains("PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", text, StringComparison.Ordinal);
        Assert.Contains("Mẫu số 04 – Thông tư 01/2018/TT-VPCP", text, StringComparison.Ordinal);
        Assert.Contains("hẹn trả kết quả vào ngày 15/12/2026", text, StringComparison.Ordinal);
        Assert.Equal("05", DossierForms.Template(FormSet.Tt01Of2018, DossierForm.ControlSheet).Number);
        Assert.Equal("06", DossierForms.Template(FormSet.Tt03Of2025, DossierForm.ControlSheet).Number);
        Assert.Equal([DossierForm.Receipt, DossierForm.Apology, DossierForm.ControlSheet], DossierForms.Available(d));
        Assert.Equal("Dossier.FormNotReached", Assert.Throws<DomainValidationException>(() => DossierForms.Write(d, DossierForm.Refusal, agency, new Dictionary<Guid, string>(), "")).Errors[0].MessageKey);
    }

    [Fact]
    public void Steps_are_read_as_people_write_them_and_may_not_add_up_to_more_than_the_time_limit()
    {
        var errors = new ValidationErrors();
        var stored = ProcedureStep.Normalise("Tiếp nhận, chuyển hồ sơ | 0,5\nThẩm định hồ sơ: 3 ngày làm việc; Trình ký và trả kết quả | 1.5", 5, errors);
        Assert.False(errors.Any);
        Assert.Equal("Tiếp nhận, chuyển hồ sơ | 0.5\nThẩm định hồ sơ | 3\nTrình ký và trả kết quả | 1.5", stored);
        Assert.Equal([0.5m, 3m, 1.5m], ProcedureStep.Parse(stored).Select(s => s.Share));
        var over = new ValidationErrors();
        ProcedureStep.Normalise("Thẩm định | 4\nPhê duyệt | 2", 5, over);
        Assert.Equal(["Procedure.StepsOverLimit"], over.List.Select(e => e.MessageKey));
        var bad = new ValidationErrors();
        ProcedureStep.Normalise("Thẩm định hồ sơ", 5, bad);
        Assert.Equal(("Steps", "Procedure.StepFormat"), (bad.List[0].Field, bad.List[0].MessageKey));
    }

    [Theory]
    [InlineData("Tờ khai đề nghị | 1 bản chính | 1 bản sao", "Tờ khai đề nghị", 1, 1)]
    [InlineData("Tờ khai đề nghị (01 bản chính, 02 bản sao)", "Tờ khai đề nghị", 1, 2)]
    [InlineData("Giấy khai sinh: bản sao có chứng thực", "Giấy khai sinh", 0, 1)]
    [InlineData("Đơn đề nghị - Bản chính", "Đơn đề nghị", 1, 0)]
    [InlineData("Bản sao giấy khai sinh", "Bản sao giấy khai sinh", 0, 0)]
    [InlineData("Tờ khai (mẫu 01)", "Tờ khai (mẫu 01)", 0, 0)]
    [InlineData("Hợp đồng lao động | ban chinh: 2", "Hợp đồng lao động", 2, 0)]
    public void Required_documents_are_read_with_their_originals_and_copies_as_published_lists_write_them(string line, string name, int originals, int copies)
    {
        var d = RequiredDocument.Parse(line);
        Assert.Equal((name, originals, copies), (d.Name, d.Originals, d.Copies));
        Assert.Equal(d, RequiredDocument.Parse(d.ToString()));   // the stored shape reads back the same
    }

    [Fact]
    public void A_procedures_documents_are_stored_in_one_shape_and_the_receipt_lists_originals_and_copies()
    {
        var procedure = Procedure.Create(Guid.NewGuid(), new ProcedureInput("1.2", "Thủ tục", "Việc làm", null, 5, TimeLimitUnit.WorkingDays, null,
            "Tờ khai (01 bản chính, 01 bản sao)\n  Giấy khai sinh: bản sao  \nẢnh 4x6", 0, OnlineLevel.None, null), DateTime.UtcNow);
        Assert.Equal("Tờ khai | 1 bản chính | 1 bản sao\nGiấy khai sinh | 1 bản sao\nẢnh 4x6", procedure.Documents);
        Assert.Equal(["Tờ khai", "Giấy khai sinh", "Ảnh 4x6"], procedure.DocumentList);
        Assert.Equal("1 bản chính, 1 bản sao", procedure.RequiredDocuments[0].Quantities);
        Assert.True(new ProcedureInput("1.2", "Thủ tục", "Việc làm", null, 5, TimeLimitUnit.WorkingDays, null, "Tờ khai (01 bản chính, 01 bản sao)\nGiấy khai sinh: bản sao\nẢnh 4x6", 0, OnlineLevel.None, null).SameAs(procedure));
    }

    private static DateTime Vn(int month, int day, int hour) => new DateTime(2026, month, day, hour, 0, 0, DateTimeKind.Utc).AddHours(-7);
}
