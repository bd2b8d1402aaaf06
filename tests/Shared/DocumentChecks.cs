using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;

namespace Sipar.Testing;

/// <summary>Opens generated Office files, fails on any Open XML SDK validation error, and returns their text.</summary>
public static class DocumentChecks
{
    public static string ValidWordText(byte[] content)
    {
        using var stream = new MemoryStream(content);
        using var doc = WordprocessingDocument.Open(stream, false);
        AssertValid(doc);
        return string.Join("\n", doc.MainDocumentPart!.Document!.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText));
    }

    public static string ValidSheetText(byte[] content)
    {
        using var stream = new MemoryStream(content);
        using var doc = SpreadsheetDocument.Open(stream, false);
        AssertValid(doc);
        return string.Join("\n", doc.WorkbookPart!.WorksheetParts.SelectMany(p => p.Worksheet!.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>()).Select(c => c.InnerText));
    }

    private static void AssertValid(DocumentFormat.OpenXml.Packaging.OpenXmlPackage package)
    {
        var errors = new OpenXmlValidator().Validate(package).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Open XML validation failed:\n" + string.Join("\n", errors.Take(10)));
        }
    }
}
