using System.Diagnostics;
using System.Text;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Files;
using Sipar.Modules.Organisation;
using Sipar.Modules.ParIndex;
using Sipar.Modules.Plans;
using Sipar.Testing;

namespace Sipar.Tests.Files;

/// <summary>Every importer meets hostile files with a clear refusal, never a crash or a blown heap.</summary>
public sealed class HostileFileTests
{
    private static string KeyOf(Action read) => Assert.Throws<DomainValidationException>(read).Errors.Single().MessageKey;

    [Fact]
    public void A_docx_nesting_thirty_thousand_tables_is_refused_before_any_DOM_is_built()
    {
        var file = HostileFiles.DeepDocx();
        Assert.True(file.Length < 20_000, $"the attack file is small ({file.Length} bytes)");
        Assert.Equal("Import.OfficeTooLarge", KeyOf(() => PlanDocumentReader.Read("ke-hoach.docx", file)));
    }

    [Fact]
    public void A_docx_that_unpacks_to_200_MB_is_refused_without_holding_it_in_memory()
    {
        var file = HostileFiles.BombDocx(200);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal("Import.OfficeTooLarge", KeyOf(() => PlanDocumentReader.Read("ke-hoach.docx", file)));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 16 * 1024 * 1024, $"allocated {allocated / (1024 * 1024)} MB to refuse it");
    }

    [Fact]
    public void A_zip_bomb_that_lies_about_its_sizes_is_stopped_while_inflating()
    {
        var file = HostileFiles.LyingBombDocx(48);
        var key = KeyOf(() => PlanDocumentReader.Read("ke-hoach.docx", file));
        Assert.Contains(key, new[] { "Import.OfficeTooLarge", "Import.OfficeUnreadable" });
    }

    [Fact]
    public void A_deeply_nested_xlsx_is_refused_by_every_spreadsheet_reader()
    {
        var file = HostileFiles.DeepXlsx();
        Assert.True(file.Length < 20_000);
        Assert.Equal("Import.OfficeTooLarge", KeyOf(() => FrameworkReader.Read("bo-chi-so.xlsx", file)));
        Assert.Equal("Import.OfficeTooLarge", KeyOf(() => ParResults.ReadTable("ket-qua.xlsx", file)));
        Assert.Equal("Import.OfficeTooLarge", KeyOf(() => TableFile.Read("bang.xlsx", file, "Par.ResultsFileType")));
    }

    [Fact]
    public void A_csv_with_thousands_of_columns_is_refused_by_every_csv_reader()
    {
        var file = HostileFiles.WideCsv(5000);
        Assert.Equal("Import.TooManyColumns", KeyOf(() => ParResults.ReadTable("ket-qua.csv", file)));
        var (rows, errors) = UnitCsvImport.Parse(file);
        Assert.Empty(rows);
        Assert.Equal("Import.TooManyColumns", Assert.Single(errors).MessageKey);
    }

    [Fact]
    public void A_csv_cell_that_never_closes_its_quote_is_refused()
    {
        var file = Encoding.UTF8.GetBytes("Cơ quan,Mã tiêu chí,Điểm\n\"" + new string('x', TableFile.MaxCellChars + 10) + "\n");
        Assert.Equal("Import.CellTooLong", KeyOf(() => ParResults.ReadTable("ket-qua.csv", file)));
    }

    [Fact]
    public void Json_nested_a_hundred_thousand_deep_is_a_file_error_not_a_crash()
    {
        var framework = FrameworkReader.Read("bo-chi-so.json", HostileFiles.DeepJson());
        Assert.Equal("Par.JsonInvalid", Assert.Single(framework.FileErrors).MessageKey);
    }

    [Fact]
    public void Files_that_are_not_what_their_name_says_are_refused_with_a_message()
    {
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3 };
        Assert.Equal("Import.OfficeUnreadable", KeyOf(() => PlanDocumentReader.Read("ke-hoach.docx", png)));
        Assert.Equal("Import.OfficeUnreadable", KeyOf(() => FrameworkReader.Read("bo-chi-so.xlsx", png)));
        var truncated = HostileFiles.SimpleDocx("Kế hoạch")[..200];
        Assert.Equal("Import.OfficeUnreadable", KeyOf(() => PlanDocumentReader.Read("ke-hoach.docx", truncated)));
    }

    [Fact]
    public void Valid_files_still_read_through_the_guard()
    {
        var draft = PlanDocumentReader.Read("ke-hoach.docx", HostileFiles.SimpleDocx("KẾ HOẠCH Cải cách hành chính năm 2022"));
        Assert.NotNull(draft);
        var rows = TableFile.Read("bang.xlsx", HostileFiles.SimpleXlsx(["Cơ quan", "Mã tiêu chí", "Điểm"], ["Sở A", "1.1", "1,5"]), "Par.ResultsFileType");
        Assert.Equal(["Sở A", "1.1", "1,5"], rows[1].Cells);
    }

    /// <summary>
    /// Random damage to valid files, for a bounded time, through every importer: each answer is a result or a
    /// Vietnamese refusal (<see cref="DomainValidationException"/>), and the process is still here to count them.
    /// </summary>
    [Fact]
    public void Fuzz_every_importer_with_damaged_files_for_a_bounded_time()
    {
        var random = new Random(20261201);
        var docx = HostileFiles.SimpleDocx("KẾ HOẠCH\nI. MỤC ĐÍCH\n1. Văn phòng chủ trì");
        var xlsx = HostileFiles.SimpleXlsx(["Mã", "Cấp", "Tên", "Điểm tối đa"], ["1", "Lĩnh vực", "Công tác chỉ đạo", "10"], ["1.1", "Tiêu chí", "Kế hoạch", "10"]);
        var csv = Encoding.UTF8.GetBytes("Tên đơn vị,Tên viết tắt,Loại\nVăn phòng Sở,VP,Văn phòng\nThanh tra Sở,TTr,Thanh tra\n");
        var json = Encoding.UTF8.GetBytes("{\"name\":\"Bộ\",\"year\":2022,\"total\":10,\"items\":[{\"code\":\"1\",\"name\":\"A\",\"maxPoints\":10}]}");
        var readers = new (string Name, byte[] Seed, Action<byte[]> Read)[]
        {
            ("plan .docx", docx, b => PlanDocumentReader.Read("ke-hoach.docx", b)),
            ("plan .txt", Encoding.UTF8.GetBytes("KẾ HOẠCH\nI. MỤC ĐÍCH"), b => PlanDocumentReader.Read("ke-hoach.txt", b)),
            ("framework .xlsx", xlsx, b => FrameworkReader.Read("bo-chi-so.xlsx", b)),
            ("framework .json", json, b => FrameworkReader.Read("bo-chi-so.json", b)),
            ("results .xlsx", xlsx, b => ParResults.ReadTable("ket-qua.xlsx", b)),
            ("results .csv", csv, b => ParResults.ReadTable("ket-qua.csv", b)),
            ("units .csv", csv, b => UnitCsvImport.Parse(b)),
        };
        var counts = new Dictionary<string, (int Read, int Refused)>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(4))
        {
            foreach (var (name, seed, read) in readers)
            {
                var input = HostileFiles.Mutate(seed, random);
                var (ok, refused) = counts.GetValueOrDefault(name);
                try
                {
                    read(input);
                    counts[name] = (ok + 1, refused);
                }
                catch (DomainValidationException e)
                {
                    Assert.NotEmpty(e.Errors);
                    counts[name] = (ok, refused + 1);
                }
            }
        }

        foreach (var (name, (ok, refused)) in counts)
        {
            Assert.True(ok + refused > 10, $"{name}: {ok} read, {refused} refused");
        }
    }
}
