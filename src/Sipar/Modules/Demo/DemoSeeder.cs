using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Time;
using Sipar.Modules.Accounts;
using Sipar.Modules.Organisation;
using Sipar.Modules.Plans;

namespace Sipar.Modules.Demo;

/// <summary>
/// Creates a demo province when <c>Sipar:Demo</c> is true (Development only by default) and the database has no
/// agency: the seed plan's department with its units, a second department, the appraising body, and one user per
/// role. The demo password is generated, never written in code, and kept in the data folder so it can be shown again.
/// </summary>
internal sealed partial class DemoSeeder(IConfiguration configuration, UserAdministration users, UnitReporting reporting, ReportTypes reportTypes, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> t, ILogger<DemoSeeder> logger) : IDatabaseSeeder
{
    public const string LoginsFileName = "demo-logins.txt";

    public int Order => 100;

    public async Task SeedAsync(SiparDbContext db, CancellationToken cancellationToken)
    {
        if (!configuration.GetValue<bool>("Sipar:Demo") || await db.Set<Agency>().AnyAsync(cancellationToken))
        {
            return;
        }

        var sld = Agency.Create("Sở Lao động – Thương binh và Xã hội tỉnh Lạng Sơn", "SLĐTBXH", "Lạng Sơn", AgencyKind.Department, hotline: "0205 3 812 345", email: "motcua.sldtbxh@langson.demo");
        var stp = Agency.Create("Sở Tư pháp tỉnh Lạng Sơn", "STP", "Lạng Sơn", AgencyKind.Department, hotline: "0205 3 870 123", email: "motcua.stp@langson.demo");
        var snv = Agency.Create("Sở Nội vụ tỉnh Lạng Sơn", "SNV", "Lạng Sơn", AgencyKind.AppraisingBody);
        db.AddRange(sld, stp, snv);

        var order = 0;
        Unit U(Agency a, string name, string? shortName, UnitKind kind, Unit? parent = null)
        {
            var unit = Unit.Create(a.Id, name, shortName, kind, parent, ++order);
            db.Add(unit);
            return unit;
        }

        var office = U(sld, "Văn phòng Sở", "VP", UnitKind.Office);
        U(sld, "Thanh tra Sở", "TTr", UnitKind.Inspectorate);
        var planning = U(sld, "Phòng Kế hoạch – Tài chính", "Phòng KH-TC", UnitKind.Division);
        U(sld, "Phòng Lao động – Tiền lương – Bảo hiểm xã hội", "Phòng LĐ-TL-BHXH", UnitKind.Division);
        U(sld, "Phòng Việc làm – An toàn lao động", "Phòng VL-ATLĐ", UnitKind.Division);
        U(sld, "Phòng Giáo dục nghề nghiệp", "Phòng GDNN", UnitKind.Division);
        U(sld, "Phòng Người có công", "Phòng NCC", UnitKind.Division);
        U(sld, "Phòng Bảo trợ xã hội", "Phòng BTXH", UnitKind.Division);
        U(sld, "Phòng Trẻ em và Bình đẳng giới", "Phòng TE-BĐG", UnitKind.Division);
        U(sld, "Chi cục Phòng, chống tệ nạn xã hội", "Chi cục PCTNXH", UnitKind.Division);
        var desk = U(sld, "Bộ phận Một cửa tại Trung tâm Phục vụ hành chính công tỉnh", "Bộ phận Một cửa", UnitKind.OneStopDesk, office);
        U(sld, "Trung tâm Dịch vụ việc làm", "TTDVVL", UnitKind.Affiliated);
        U(sld, "Trung tâm Bảo trợ xã hội", "TTBTXH", UnitKind.Affiliated);
        U(sld, "Cơ sở cai nghiện ma túy", "CSCNMT", UnitKind.Affiliated);
        U(sld, "Trường Cao đẳng nghề Lạng Sơn", "Trường CĐN Lạng Sơn", UnitKind.Affiliated);

        var stpOffice = U(stp, "Văn phòng Sở", "VP", UnitKind.Office);
        U(stp, "Phòng Hành chính tư pháp", "Phòng HCTP", UnitKind.Division);
        U(stp, "Phòng Bổ trợ tư pháp", "Phòng BTTP", UnitKind.Division);
        var snvOffice = U(snv, "Phòng Cải cách hành chính", "Phòng CCHC", UnitKind.Division);
        await db.SaveChangesAsync(cancellationToken);

        var password = PasswordGenerator.Generate(14);
        var people = new (string Email, string Name, Agency? Agency, Unit? Unit, Role Role)[]
        {
            ("quantri@sipar.demo", "Quản trị hệ thống", null, null, Role.Administrator),
            ("vanphong@sldtbxh.demo", "Nguyễn Thị Hà (Văn phòng)", sld, office, Role.Office),
            ("lanhdao@sldtbxh.demo", "Hoàng Văn Đức (Lãnh đạo Sở)", sld, office, Role.Leader),
            ("phongkhtc@sldtbxh.demo", "Lương Thị Mai (Phòng KH-TC)", sld, planning, Role.UnitOfficer),
            ("motcua@sldtbxh.demo", "Vi Văn Nam (Một cửa)", sld, desk, Role.DeskOfficer),
            ("dieutra@sldtbxh.demo", "Lăng Thị Thu (Điều tra viên)", sld, office, Role.Surveyor),
            ("vanphong@stp.demo", "Đinh Văn Long (Văn phòng Sở Tư pháp)", stp, stpOffice, Role.Office),
            ("thamdinh@snv.demo", "Hà Thị Lan (Thẩm định, Sở Nội vụ)", snv, snvOffice, Role.Appraiser),
        };
        var text = new StringBuilder();
        text.AppendLine("Tài khoản demo / demo logins (mật khẩu chung / shared password: " + password + ")");
        await users.CreateManyAsync(people.Select(p => new UserInput(p.Email, p.Name, p.Agency?.Id, p.Unit?.Id, [p.Role])), password, cancellationToken);
        foreach (var p in people)
        {
            // The role as the Vietnamese UI names it (the resources' default language), then its English name.
            text.AppendLine(CultureInfo.InvariantCulture, $"  {t["Role." + p.Role].Value + " (" + p.Role + "):",-48} {p.Email}");
        }

        await SeedPlanAsync(db, sld.Id, cancellationToken);
        await SeedDossiersAsync(db, sld.Id, desk.Id, cancellationToken);
        await SeedParIndexAsync(db, [sld.Id, stp.Id], cancellationToken);
        var staff = await db.Set<Sipar.Modules.Accounts.User>().Where(u => u.Email == "vanphong@sldtbxh.demo" || u.Email == "dieutra@sldtbxh.demo").Select(u => u.Id).ToListAsync(cancellationToken);
        await SeedSipasAsync(db, sld.Id, office.Id, staff, cancellationToken);
        await SeedFeedbackAsync(db, sld.Id, planning.Id, desk.Id, cancellationToken);

        var dir = DataModule.DataDirectory(configuration);
        Directory.CreateDirectory(dir);
        await File.WriteAllTextAsync(Path.Combine(dir, LoginsFileName), text.ToString(), cancellationToken);
        LogCreated(logger, people.Length);
    }

    /// <summary>
    /// The one-stop desk: three published procedures of the department, and three dossiers received this week — one
    /// accepted, one waiting for documents, one returned — so the register, the lookup and the indicators show something.
    /// </summary>
    private static async Task SeedDossiersAsync(SiparDbContext db, Guid agencyId, Guid deskUnit, CancellationToken ct)
    {
        var now = DateTime.UtcNow;
        Sipar.Modules.Dossiers.Procedure P(string code, string name, string field, int days, string documents, long fee, Sipar.Modules.Dossiers.OnlineLevel level, string steps) =>
            Sipar.Modules.Dossiers.Procedure.Create(agencyId, new Sipar.Modules.Dossiers.ProcedureInput(code, name, field, null, days, Sipar.Modules.Dossiers.TimeLimitUnit.WorkingDays,
                new TimeOnly(15, 0), documents, fee, level, "Luật Việc làm 2013; Nghị định 152/2020/NĐ-CP", "Cấp tỉnh", "Tại Bộ phận Một cửa; qua bưu chính", steps), now);
        var permit = P("1.000459", "Cấp giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam", "Việc làm", 5,
            "Văn bản đề nghị cấp giấy phép lao động | 1 bản chính\nGiấy chứng nhận sức khỏe | 1 bản chính\nHộ chiếu | 1 bản sao", 600_000, Sipar.Modules.Dossiers.OnlineLevel.Partial,
            "Tiếp nhận, chuyển hồ sơ | 0,5\nThẩm định hồ sơ | 3\nTrình ký, trả kết quả | 1,5");
        var benefit = P("1.001776", "Giải quyết hưởng trợ cấp xã hội hằng tháng", "Bảo trợ xã hội", 15, "Tờ khai đề nghị trợ giúp xã hội (01 bản chính)", 0, Sipar.Modules.Dossiers.OnlineLevel.Full,
            "Tiếp nhận | 1\nThẩm định, xác minh | 10\nQuyết định, trả kết quả | 4");
        var record = P("2.000286", "Xác nhận quá trình công tác", "Người có công", 3, "Đơn đề nghị xác nhận", 0, Sipar.Modules.Dossiers.OnlineLevel.None, "");
        db.AddRange(permit, benefit, record);
        var calendar = Sipar.Modules.Calendar.CalendarService.Shipped();
        var forms = new Sipar.Modules.Dossiers.DossierOptions();
        var day = DateTime.UtcNow.ToString("yyMMdd", CultureInfo.InvariantCulture);
        Sipar.Modules.Dossiers.Dossier D(int n, Sipar.Modules.Dossiers.Procedure procedure, string name, string phone, DateTime at) =>
            Sipar.Modules.Dossiers.Dossier.Receive(agencyId, $"SLDTBXH-{day}-{n:0000}", procedure, new Sipar.Modules.Dossiers.DossierApplicant(name, phone, null, "Thành phố Lạng Sơn"),
                Sipar.Modules.Dossiers.DossierChannel.Online, at, deskOpen: true, forms.FormSetOn(Sipar.Infrastructure.Time.VietnamTime.DateOf(at)), null);
        var accepted = D(1, permit, "John Smith", "0912000001", now.AddHours(-3));
        accepted.Accept(permit.DocumentList, calendar, now.AddHours(-3), null);
        accepted.Assign(deskUnit, null, 0, null, now.AddHours(-2), null);
        var waiting = D(2, benefit, "Hoàng Thị Xuân", "0912000002", now.AddHours(-2));
        waiting.RequestSupplement(["Giấy xác nhận khuyết tật (bản sao)"], now.AddHours(-2), null, null, false);
        var returned = D(3, record, "Nông Văn Bình", "0912000003", now.AddHours(-1));
        returned.Accept(record.DocumentList, calendar, now.AddHours(-1), null);
        returned.Assign(deskUnit, null, null, null, now.AddMinutes(-50), null);
        returned.SubmitForSignature(now.AddMinutes(-40), null);
        returned.Sign(now.AddMinutes(-30), null, calendar);
        returned.Return(Sipar.Modules.Dossiers.ResultDelivery.AtDesk, now.AddMinutes(-20), null);
        db.AddRange(accepted, waiting, returned);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Feedback: four items of the department — one just received on the web, one with the planning division, one
    /// conduct complaint naming the one-stop desk (seen only by leaders and the office), and one answered, published
    /// and rated — so the register, the public answers and the indicators have something to show.
    /// </summary>
    private static async Task SeedFeedbackAsync(SiparDbContext db, Guid agencyId, Guid planningUnit, Guid deskUnit, CancellationToken ct)
    {
        var now = DateTime.UtcNow;
        var calendar = Sipar.Modules.Calendar.CalendarService.Shipped();
        var today = VietnamTime.DateOf(now);
        var categories = Sipar.Modules.Feedback.FeedbackCategory.Defaults.ToDictionary(c => c.Code);
        Sipar.Modules.Feedback.FeedbackItem F(string category, string text, string? name, string? phone, bool consent, Sipar.Modules.Feedback.FeedbackChannel channel, DateTime at) =>
            Sipar.Modules.Feedback.FeedbackItem.Receive(agencyId, categories[category], new Sipar.Modules.Feedback.FeedbackIntakeInput(
                categories[category].Id, text, null, null, null, name, phone, null, name is null, consent), channel, at, calendar, null);
        var fresh = F("truc-tuyen", "Cổng dịch vụ công báo lỗi khi tải tờ khai đề nghị trợ cấp xã hội lên, đã thử nhiều lần trong buổi sáng.", "Lý Thị Hoa", "0913000001", true,
            Sipar.Modules.Feedback.FeedbackChannel.Web, now.AddHours(-5));
        var assigned = F("thu-tuc", "Đề nghị hướng dẫn rõ hơn thành phần hồ sơ đề nghị cấp giấy phép lao động cho người nước ngoài.", "Công ty TNHH Minh Phát", "0913000002", true,
            Sipar.Modules.Feedback.FeedbackChannel.Hotline, now.AddDays(-3));
        assigned.Classify(categories["thu-tuc"], null, VietnamTime.DateOf(now.AddDays(-3)), 10, calendar, now.AddDays(-3), null);
        assigned.Assign(planningUnit, now.AddDays(-3), null);
        var conduct = F("cong-vu", "Cán bộ tại quầy gợi ý nộp thêm tiền để được trả kết quả sớm.", null, null, false, Sipar.Modules.Feedback.FeedbackChannel.Web, now.AddDays(-2));
        conduct.Classify(categories["cong-vu"], deskUnit, VietnamTime.DateOf(now.AddDays(-2)), 10, calendar, now.AddDays(-2), null);
        var answered = F("chat-luong", "Khu vực chờ tại Bộ phận Một cửa thiếu ghế ngồi vào giờ cao điểm. Liên hệ tôi qua số 0913000003.", "Vy Văn Nam", "0913000003", true,
            Sipar.Modules.Feedback.FeedbackChannel.Web, now.AddDays(-12));
        answered.Classify(categories["chat-luong"], null, VietnamTime.DateOf(now.AddDays(-12)), 10, calendar, now.AddDays(-12), null);
        answered.Assign(planningUnit, now.AddDays(-11), null);
        answered.WriteAnswer("Sở đã bổ sung 20 ghế chờ và bố trí thêm một quầy vào buổi sáng thứ Hai. Cảm ơn Ông đã phản ánh.", now.AddDays(-6), null);
        answered.Approve(null, "Khu vực chờ tại Bộ phận Một cửa thiếu ghế ngồi vào giờ cao điểm.", "Sở đã bổ sung 20 ghế chờ và bố trí thêm một quầy vào buổi sáng thứ Hai.", false, now.AddDays(-5), null);
        answered.Send(VietnamTime.DateOf(now.AddDays(-5)), calendar, now.AddDays(-5), null);
        answered.Rate(true, null, false, today, 10, calendar, now.AddDays(-4));
        db.AddRange(fresh, assigned, conduct, answered);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// SIPAS: the two standard questionnaires and the department's published 2025 wave — 60 people who received a result, 45
    /// drawn with seed 2025, answers online, on paper and by phone (two refused), so the wave page, the public
    /// results page and the PAR link have figures to show.
    /// </summary>
    private static async Task SeedSipasAsync(SiparDbContext db, Guid agencyId, Guid unitId, IReadOnlyList<Guid> staff, CancellationToken ct)
    {
        var now = new DateTime(2026, 1, 20, 2, 0, 0, DateTimeKind.Utc);
        Sipar.Modules.Sipas.Questionnaire? service = null;
        foreach (var name in Sipar.Modules.Sipas.QuestionnaireLibrary.Standard)
        {
            var q = Sipar.Modules.Sipas.Questionnaire.Create(Sipar.Modules.Sipas.QuestionnaireDocument.Parse(Sipar.Modules.Sipas.QuestionnaireLibrary.StandardJson(name)), null, now);
            db.Add(q);
            service ??= q;
        }

        var wave = Sipar.Modules.Sipas.Wave.Create(agencyId, new Sipar.Modules.Sipas.WaveSettings(
            "Khảo sát sự hài lòng năm 2025", new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31), new DateOnly(2026, 1, 31), service!.Id, [agencyId], [],
            Sipar.Modules.Sipas.SurveyChannels.Online | Sipar.Modules.Sipas.SurveyChannels.Paper | Sipar.Modules.Sipas.SurveyChannels.Phone,
            0.1m, Sipar.Modules.Sipas.Stratification.None, MinCell: 30, StaffIds: staff), now);
        db.Add(wave);
        var doc = service.Document;
        var codes = doc.Items.Select(i => i.Code).ToList();
        var random = new Random(2025);
        var contacts = Enumerable.Range(1, 60).Select(i => Sipar.Modules.Sipas.Contact.InFrame(wave.Id, i, "", new Sipar.Modules.Sipas.FramePerson(
            $"Người dân {i:00}", $"0915{i:000000}", null, agencyId, unitId, "1.001776", "Giải quyết hưởng trợ cấp xã hội hằng tháng", new DateOnly(2025, 1 + (i % 12), 10),
            Sipar.Modules.Sipas.ContactSource.Imported, $"row {i + 1}"))).ToList();
        var ranks = Sipar.Modules.Sipas.SampleDesign.Ranks(contacts.Count, 2025, "");
        var drawn = Sipar.Modules.Sipas.SampleDesign.Size(contacts.Count, 0.1m);
        var channels = new[] { Sipar.Modules.Sipas.ResponseChannel.Online, Sipar.Modules.Sipas.ResponseChannel.Paper, Sipar.Modules.Sipas.ResponseChannel.Phone };
        for (var i = 0; i < contacts.Count; i++)
        {
            var c = contacts[i];
            c.Ranked(ranks[i]);
            if (ranks[i] > drawn)
            {
                continue;
            }

            c.Draw(null);
            if (ranks[i] % 15 == 0)
            {
                c.NotReached(Sipar.Modules.Sipas.ContactState.Refused, "Không muốn tham gia");
                continue;
            }

            var channel = channels[ranks[i] % 3];
            var r = Sipar.Modules.Sipas.Response.Start(wave.Id, service.Id, c, channel, codes.Count, now.AddMinutes(-ranks[i] * 7), null);
            var lean = ranks[i] % 5 == 0 ? "233344" : "3444455555";
            var items = codes.ToDictionary(x => x, _ => lean[random.Next(lean.Length)].ToString());
            var profile = doc.Profile.ToDictionary(p => p.Code, p => p.Options[random.Next(p.Options.Count)]);
            Sipar.Modules.Sipas.SurveyCollection.Fill(r, doc, new Sipar.Modules.Sipas.SurveyAnswers(items, profile, [1 + random.Next(8)], new Dictionary<string, string>()));
            r.Submit(now.AddMinutes(-ranks[i] * 7 + 6), Sipar.Modules.Sipas.ValidityRules.Check(r.Answers, TimeSpan.FromMinutes(6), channel, Sipar.Modules.Sipas.ValidityOptions.Default));
            c.Answered();
            db.Add(r);
        }

        db.AddRange(contacts);
        wave.Sampled(2025, now.AddDays(-19));
        wave.Publish();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// PAR INDEX: the demo framework (2017 shape) and its copies for 2021 and 2022; published 2021 results for the two
    /// departments (so the 2021 gap list can feed the 2022 plan); and a 2022 campaign in self-assessment.
    /// </summary>
    private static async Task SeedParIndexAsync(SiparDbContext db, IReadOnlyList<Guid> departments, CancellationToken ct)
    {
        var now = DateTime.UtcNow;
        var demo = ParIndex.Framework.FromFile(ParIndex.FrameworkReader.Read("demo.json", ParIndex.ParIndexModule.DemoFramework()), 2017, AgencyKind.Department, null, now);
        var y2021 = demo.CopyForYear(2021, "Bộ chỉ số CCHC cấp sở — mẫu (demo) 2021", now);
        var y2022 = y2021.CopyForYear(2022, "Bộ chỉ số CCHC cấp sở — mẫu (demo) 2022", now);
        db.AddRange(demo, y2021, y2022);
        var parents = y2021.Items.Where(i => i.ParentId is not null).Select(i => i.ParentId!.Value).ToHashSet();
        var leaves = y2021.Items.Where(i => !parents.Contains(i.Id) && i.MaxPoints > 0).OrderBy(i => i.Order).ToList();
        for (var a = 0; a < departments.Count; a++)
        {
            // Deterministic demo points: most items full, every third or fourth item short by a share.
            for (var i = 0; i < leaves.Count; i++)
            {
                var item = leaves[i];
                var share = (i + a) % 3 == 0 ? 0.5m : (i + a) % 4 == 0 ? 0.75m : 1m;
                db.Add(ParIndex.ParResult.Imported(2021, departments[a], item.Code, Math.Round(item.MaxPoints * share, 2), now));
            }
        }

        await db.SaveChangesAsync(ct);
        var today = VietnamTime.DateOf(now);
        var campaign = ParIndex.ParCampaign.Create(2022, "Đánh giá Chỉ số CCHC năm 2022 (demo)", today.AddDays(30), today.AddDays(60), today.AddDays(75), now);
        db.Add(campaign);
        foreach (var agency in departments)
        {
            db.Add(ParIndex.ParAssessment.Start(campaign.Id, agency, y2022));
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>The real plan this product was born from, imported as the office would, and issued.</summary>
    private async Task SeedPlanAsync(SiparDbContext db, Guid agencyId, CancellationToken ct)
    {
        using var stream = typeof(DemoSeeder).Assembly.GetManifestResourceStream("Sipar.Demo.plan-demo.txt")!;
        using var reader = new StreamReader(stream);
        var draft = PlanTextParser.Parse(await reader.ReadToEndAsync(ct));
        var units = await db.Set<Unit>().Where(u => u.AgencyId == agencyId).Select(u => new { u.Id, u.Name, u.ShortName }).ToListAsync(ct);
        var matcher = new UnitMatcher(units.Select(u => (u.Id, u.Name, u.ShortName)));
        var sections = draft.Sections.Select(s =>
        {
            var all = s.LeadUnit == PlanTextParser.AllUnits;
            return new SectionContent(s.Code, s.Heading, all ? null : matcher.Match(s.LeadUnit), all, matcher.MatchAll(s.CoordinatingUnits), s.Tasks.Select(t => t.Text).ToList());
        }).ToList();
        var content = new PlanContent(draft.Year ?? 2022, null, draft.Symbol, draft.Issuer, draft.Place, null, draft.Title ?? "Kế hoạch", draft.LegalBases,
            draft.Purposes, draft.Requirements, sections, draft.Duties, draft.Recipients, draft.Signer.Title, draft.Signer.Name, null);
        var plan = Plan.CreateDraft(agencyId, content, units.Select(u => u.Id).ToHashSet(), DateTime.UtcNow);
        plan.Issue("123", new DateOnly(2022, 8, 5));
        db.Add(plan);
        await reporting.CreatePeriodsAsync(plan, ct);
        await db.SaveChangesAsync(ct);

        // The other reports the seed owes, as the office would import them, and the digital-transformation report its
        // section II.5 asks for, owed by that task's units.
        await reportTypes.ImportForOperatorAsync(agencyId, ReportTypes.Samples(), apply: true, ct);
        var cds = await db.Set<ReportType>().Where(t => t.AgencyId == agencyId && t.Code == "CDS").Select(t => t.Id).FirstAsync(ct);
        var task = plan.Sections.SelectMany(s => s.Tasks).FirstOrDefault(t => Infrastructure.Localization.VietnameseText.Fold(t.Text).Contains("chuyen doi so", StringComparison.Ordinal));
        if (task is not null)
        {
            await reporting.AddObligationForOperatorAsync(plan, cds, task.Id, ct);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo province created with {Count} demo users")]
    private static partial void LogCreated(ILogger logger, int count);
}
