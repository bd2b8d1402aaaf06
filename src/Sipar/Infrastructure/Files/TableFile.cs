using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Sipar.Infrastructure.Errors;

namespace Sipar.Infrastructure.Files;

/// <summary>
/// Rows of an uploaded table, CSV (UTF-8, "," ";" or tab) or the first sheet of an .xlsx (through
/// <see cref="OfficeFiles"/>), with the same limits for both: columns, rows and characters in a cell. Cells come
/// in column order (A, B, C…) as written; the importer gives them meaning.
/// </summary>
public static class TableFile
{
    public const int MaxColumns = 200;

    public const int MaxRows = 100_000;

    public const int MaxCellChars = 10_000;

    public static IReadOnlyList<(int Row, IReadOnlyList<string> Cells)> Read(string fileName, byte[] content, string wrongTypeKey)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Length == 0)
        {
            throw new DomainValidationException("file", "Import.EmptyFile");
        }

        return Path.GetExtension(fileName ?? "").ToLowerInvariant() switch
        {
            ".xlsx" => ReadXlsx(content),
            ".csv" or ".txt" => ReadCsv(content),
            _ => throw new DomainValidationException("file", wrongTypeKey),
        };
    }

    /// <summary>
    /// Rows of a large CSV file read as a stream (the command line's bulk imports: no row limit, the other limits
    /// kept); an .xlsx is read whole, with the usual limits.
    /// </summary>
    public static IEnumerable<(int Row, IReadOnlyList<string> Cells)> Stream(string path, string wrongTypeKey)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension == ".xlsx")
        {
            foreach (var row in Read(path, File.ReadAllBytes(path), wrongTypeKey))
            {
                yield return row;
            }

            yield break;
        }

        if (extension is not (".csv" or ".txt"))
        {
            throw new DomainValidationException("file", wrongTypeKey);
        }

        using var reader = new StreamReader(path, new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvReader(reader, CsvConfiguration());
        while (true)
        {
            bool more;
            try
            {
                more = csv.Read();
            }
            catch (CsvHelperException)
            {
                throw new DomainValidationException("file", "Import.CellTooLong", MaxCellChars);
            }
            catch (DecoderFallbackException)
            {
                throw new DomainValidationException("file", "Import.NotUtf8");
            }

            if (!more)
            {
                yield break;
            }

            var record = csv.Parser.Record ?? [];
            if (record.Length > MaxColumns)
            {
                throw new DomainValidationException("file", "Import.TooManyColumns", MaxColumns);
            }

            yield return (csv.Parser.Row, record);
        }
    }

    /// <summary>The configuration every CSV reader in Sipar uses: delimiter detected, cells capped at <see cref="MaxCellChars"/>.</summary>
    public static CsvConfiguration CsvConfiguration() => new(CultureInfo.InvariantCulture)
    {
        DetectDelimiter = true,
        DetectDelimiterValues = [",", ";", "\t"],
        BadDataFound = null,
        MissingFieldFound = null,
        MaxFieldSize = MaxCellChars,
    };

    /// <summary>Strict UTF-8 text of a CSV upload, without its BOM; binary content is refused.</summary>
    public static string CsvText(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(content).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            throw new DomainValidationException("file", "Import.NotUtf8");
        }

        return text.Contains('\0', StringComparison.Ordinal) ? throw new DomainValidationException("file", "Import.NotCsv") : text;
    }

    /// <summary>Checks one CSV record against the limits (columns, rows); <paramref name="rowCount"/> counts records read so far.</summary>
    public static void CheckRecord(IReadOnlyCollection<string>? record, int rowCount)
    {
        if (record is { Count: > MaxColumns })
        {
            throw new DomainValidationException("file", "Import.TooManyColumns", MaxColumns);
        }

        if (rowCount > MaxRows)
        {
            throw new DomainValidationException("file", "Import.TooManyRows", MaxRows);
        }
    }

    private static List<(int Row, IReadOnlyList<string> Cells)> ReadCsv(byte[] content)
    {
        using var reader = new StringReader(CsvText(content));
        using var csv = new CsvReader(reader, CsvConfiguration());
        var rows = new List<(int, IReadOnlyList<string>)>();
        try
        {
            while (csv.Read())
            {
                CheckRecord(csv.Parser.Record, rows.Count + 1);
                rows.Add((csv.Parser.Row, csv.Parser.Record ?? []));
            }
        }
        catch (CsvHelperException)
        {
            throw new DomainValidationException("file", "Import.CellTooLong", MaxCellChars);
        }

        return rows;
    }

    private static List<(int Row, IReadOnlyList<string> Cells)> ReadXlsx(byte[] content)
    {
        using var document = OfficeFiles.OpenSpreadsheet(content);
        try
        {
            var workbook = document.WorkbookPart ?? throw OfficeFiles.Unreadable();
            var sheet = workbook.Workbook?.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw OfficeFiles.Unreadable();
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id?.Value ?? throw OfficeFiles.Unreadable());
            var shared = workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
            var result = new List<(int, IReadOnlyList<string>)>();
            foreach (var row in part.Worksheet?.Descendants<Row>() ?? [])
            {
                var cells = new SortedDictionary<int, string>();
                foreach (var c in row.Elements<Cell>())
                {
                    var letters = new string((c.CellReference?.Value ?? "").TakeWhile(char.IsAsciiLetter).Take(4).ToArray());
                    var column = letters.Aggregate(0, (n, ch) => (n * 26) + (char.ToUpperInvariant(ch) - 'A' + 1)) - 1;
                    if (column >= MaxColumns)
                    {
                        throw new DomainValidationException("file", "Import.TooManyColumns", MaxColumns);
                    }

                    var text = c.DataType?.Value == CellValues.SharedString && int.TryParse(c.CellValue?.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < shared.Count
                        ? shared[i]
                        : c.DataType?.Value == CellValues.InlineString ? c.InlineString?.InnerText ?? "" : c.CellValue?.Text ?? "";
                    if (text.Length > MaxCellChars)
                    {
                        throw new DomainValidationException("file", "Import.CellTooLong", MaxCellChars);
                    }

                    cells[Math.Max(column, 0)] = text;
                }

                if (cells.Count > 0)
                {
                    if (result.Count >= MaxRows)
                    {
                        throw new DomainValidationException("file", "Import.TooManyRows", MaxRows);
                    }

                    var width = cells.Keys.Max() + 1;
                    result.Add(((int)(row.RowIndex?.Value ?? 0), Enumerable.Range(0, width).Select(k => cells.GetValueOrDefault(k, "")).ToList()));
                }
            }

            return result;
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException or FormatException or System.Xml.XmlException or ArgumentException or InvalidOperationException or InvalidCastException)
        {
            throw OfficeFiles.Unreadable();
        }
    }
}
