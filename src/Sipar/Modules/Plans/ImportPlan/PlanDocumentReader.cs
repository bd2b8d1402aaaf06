using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Files;

namespace Sipar.Modules.Plans;

/// <summary>
/// Turns an uploaded plan file into a <see cref="PlanDraft"/>: plain text or Markdown (UTF-8), or Word (.docx).
/// Anything else (an image, a spreadsheet, an empty or oversized file) is refused with a Vietnamese message on
/// field <c>file</c>; nothing is saved either way.
/// </summary>
internal static class PlanDocumentReader
{
    public const int MaxBytes = 10 * 1024 * 1024;

    private static readonly string[] TextExtensions = [".txt", ".md", ".markdown", ".text"];

    public static PlanDraft Read(string fileName, byte[] content, ILogger? log = null) => ReadWithSource(fileName, content, log).Draft;

    /// <summary>The draft and the text it was read from (a .docx as its Markdown-like text), for the review page.</summary>
    public static (PlanDraft Draft, string Source) ReadWithSource(string fileName, byte[] content, ILogger? log = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        var extension = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        if (content.Length == 0)
        {
            throw new DomainValidationException("file", "Plan.FileEmpty");
        }

        if (content.Length > MaxBytes)
        {
            throw new DomainValidationException("file", "Plan.FileTooLarge", MaxBytes / (1024 * 1024));
        }

        var isZip = OfficeFiles.LooksLikeZip(content);
        if (extension == ".docx" || (isZip && extension is not ".xlsx" and not ".pptx"))
        {
            var docx = DocxToText(content);
            return (PlanTextParser.Parse(docx, log), docx);
        }

        if (!TextExtensions.Contains(extension) || isZip || content.AsSpan(0, Math.Min(content.Length, 8000)).Contains((byte)0))
        {
            throw new DomainValidationException("file", "Plan.FileType");
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            throw new DomainValidationException("file", "Plan.NotUtf8");
        }

        return (PlanTextParser.Parse(text, log), text);
    }

    /// <summary>
    /// The document's paragraphs as Markdown-like text: headings and wholly bold paragraphs in <c>**</c>, list
    /// paragraphs as <c>- </c> bullets, tables cell by cell, line breaks kept.
    /// </summary>
    public static string DocxToText(byte[] content)
    {
        using var document = OfficeFiles.OpenWord(content);
        try
        {
            var body = document.MainDocumentPart?.Document?.Body ?? throw OfficeFiles.Unreadable();
            var text = new StringBuilder();
            foreach (var paragraph in body.Descendants<Paragraph>())
            {
                var line = new StringBuilder();
                var runs = paragraph.Descendants<Run>().ToList();
                foreach (var run in runs)
                {
                    foreach (var child in run.ChildElements)
                    {
                        switch (child)
                        {
                            case Text t:
                                line.Append(t.Text);
                                break;
                            case TabChar:
                                line.Append(' ');
                                break;
                            case Break or CarriageReturn:
                                line.Append('\n');
                                break;
                        }
                    }
                }

                var value = line.ToString().Trim();
                if (value.Length == 0)
                {
                    continue;
                }

                var style = paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value ?? "";
                var heading = style.StartsWith("Heading", StringComparison.OrdinalIgnoreCase) || style.Equals("Title", StringComparison.OrdinalIgnoreCase);
                var bold = runs.Where(r => r.InnerText.Trim().Length > 0).All(r => r.RunProperties?.Bold is { } b && (b.Val is null || b.Val.Value));
                var listItem = paragraph.ParagraphProperties?.NumberingProperties is not null;
                foreach (var piece in value.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    var p = listItem ? "- " + piece : piece;
                    text.Append(heading || bold ? "**" + p + "**" : p).Append("\n\n");
                }
            }

            return text.ToString();
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException or FormatException or System.Xml.XmlException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            throw OfficeFiles.Unreadable();
        }
    }
}
