using System.IO.Compression;
using System.Globalization;
using System.Text;

namespace Sipar.Testing;

/// <summary>Files an attacker would send: deep nesting, zip bombs, lies about sizes, truncated packages, wrong magic.</summary>
public static class HostileFiles
{
    private const string W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    private const string S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /// <summary>A .docx whose body nests <paramref name="depth"/> tables (a few KB zipped).</summary>
    public static byte[] DeepDocx(int depth = 30_000)
    {
        var body = new StringBuilder();
        body.Append("<w:document xmlns:w=\"").Append(W).Append("\"><w:body>");
        for (var i = 0; i < depth; i++)
        {
            body.Append("<w:tbl><w:tr><w:tc>");
        }

        body.Append("<w:p><w:r><w:t>x</w:t></w:r></w:p>");
        for (var i = 0; i < depth; i++)
        {
            body.Append("</w:tc></w:tr></w:tbl>");
        }

        body.Append("</w:body></w:document>");
        return Docx(body.ToString());
    }

    /// <summary>A small .docx that unpacks to about <paramref name="megabytes"/> MB of XML.</summary>
    public static byte[] BombDocx(int megabytes = 200)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            AddWordParts(zip);
            var entry = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize);
            using var stream = entry.Open();
            stream.Write(Encoding.UTF8.GetBytes($"<w:document xmlns:w=\"{W}\"><w:body>"));
            var paragraph = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("<w:p><w:r><w:t>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</w:t></w:r></w:p>", 1000)));
            for (long written = 0; written < megabytes * 1024L * 1024; written += paragraph.Length)
            {
                stream.Write(paragraph);
            }

            stream.Write(Encoding.UTF8.GetBytes("</w:body></w:document>"));
        }

        return buffer.ToArray();
    }

    /// <summary>The bomb again, with its central directory claiming every part is 100 bytes.</summary>
    public static byte[] LyingBombDocx(int megabytes = 48)
    {
        var bytes = BombDocx(megabytes);
        // Central directory headers (PK\x01\x02): uncompressed size at offset 24; local headers (PK\x03\x04) at 22.
        for (var i = 0; i + 46 < bytes.Length; i++)
        {
            if (bytes[i] == 'P' && bytes[i + 1] == 'K' && ((bytes[i + 2] == 1 && bytes[i + 3] == 2) || (bytes[i + 2] == 3 && bytes[i + 3] == 4)))
            {
                var at = i + (bytes[i + 2] == 1 ? 24 : 22);
                BitConverter.TryWriteBytes(bytes.AsSpan(at, 4), 100u);
            }
        }

        return bytes;
    }

    /// <summary>An .xlsx whose first sheet nests <paramref name="depth"/> elements inside a cell's inline string.</summary>
    public static byte[] DeepXlsx(int depth = 30_000)
    {
        var sheet = new StringBuilder();
        sheet.Append("<worksheet xmlns=\"").Append(S).Append("\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is>");
        for (var i = 0; i < depth; i++)
        {
            sheet.Append("<r>");
        }

        for (var i = 0; i < depth; i++)
        {
            sheet.Append("</r>");
        }

        sheet.Append("</is></c></row></sheetData></worksheet>");
        return Xlsx(sheet.ToString());
    }

    /// <summary>A CSV with <paramref name="columns"/> columns in its header and one row.</summary>
    public static byte[] WideCsv(int columns = 5000) =>
        Encoding.UTF8.GetBytes(string.Join(',', Enumerable.Range(0, columns).Select(i => $"c{i}")) + "\n" + string.Join(',', Enumerable.Range(0, columns)) + "\n");

    /// <summary>A JSON document nested <paramref name="depth"/> arrays deep.</summary>
    public static byte[] DeepJson(int depth = 100_000) => Encoding.UTF8.GetBytes("{\"items\":" + new string('[', depth) + new string(']', depth) + "}");

    /// <summary>A .docx with one paragraph of text, the shape a plan import starts from.</summary>
    public static byte[] Docx(string documentXml)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            AddWordParts(zip);
            Write(zip, "word/document.xml", documentXml);
        }

        return buffer.ToArray();
    }

    public static byte[] SimpleDocx(string text) =>
        Docx($"<w:document xmlns:w=\"{W}\"><w:body><w:p><w:r><w:t>{System.Security.SecurityElement.Escape(text)}</w:t></w:r></w:p></w:body></w:document>");

    public static byte[] Xlsx(string sheetXml)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "[Content_Types].xml",
                "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
                "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>");
            Write(zip, "_rels/.rels",
                "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            Write(zip, "xl/workbook.xml",
                $"<workbook xmlns=\"{S}\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            Write(zip, "xl/_rels/workbook.xml.rels",
                "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>");
            Write(zip, "xl/worksheets/sheet1.xml", sheetXml);
        }

        return buffer.ToArray();
    }

    /// <summary>A valid one-sheet .xlsx with inline strings.</summary>
    public static byte[] SimpleXlsx(params string[][] rows)
    {
        var sheet = new StringBuilder($"<worksheet xmlns=\"{S}\"><sheetData>");
        for (var r = 0; r < rows.Length; r++)
        {
            sheet.Append(CultureInfo.InvariantCulture, $"<row r=\"{r + 1}\">");
            for (var c = 0; c < rows[r].Length; c++)
            {
                sheet.Append(CultureInfo.InvariantCulture, $"<c r=\"{(char)('A' + c)}{r + 1}\" t=\"inlineStr\"><is><t>{System.Security.SecurityElement.Escape(rows[r][c])}</t></is></c>");
            }

            sheet.Append("</row>");
        }

        return Xlsx(sheet.Append("</sheetData></worksheet>").ToString());
    }

    /// <summary>Random damage to a valid file: flipped bytes, a cut, or a random prefix, for the fuzz test.</summary>
    public static byte[] Mutate(byte[] valid, Random random)
    {
        ArgumentNullException.ThrowIfNull(valid);
        ArgumentNullException.ThrowIfNull(random);
        var bytes = (byte[])valid.Clone();
        switch (random.Next(4))
        {
            case 0:
                for (var i = 0; i < 1 + random.Next(20); i++)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }

                return bytes;
            case 1:
                return bytes[..random.Next(1, bytes.Length)];
            case 2:
                var junk = new byte[random.Next(1, 4096)];
                random.NextBytes(junk);
                return junk;
            default:
                var start = random.Next(bytes.Length);
                Array.Reverse(bytes, start, Math.Min(bytes.Length - start, random.Next(1, 64)));
                return bytes;
        }
    }

    private static void AddWordParts(ZipArchive zip)
    {
        Write(zip, "[Content_Types].xml",
            "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
            "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");
        Write(zip, "_rels/.rels",
            "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>");
    }

    private static void Write(ZipArchive zip, string name, string content)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
        stream.Write(Encoding.UTF8.GetBytes(content));
    }
}
