using System.IO.Compression;
using System.Xml;
using DocumentFormat.OpenXml.Packaging;
using Sipar.Infrastructure.Errors;

namespace Sipar.Infrastructure.Files;

/// <summary>
/// The one way into an uploaded .docx or .xlsx. Before the Open XML SDK builds any DOM, the package is checked with
/// a streaming reader: the number of parts, each part's uncompressed size (as declared and as really inflated, so a
/// zip bomb that lies about its sizes is stopped too), the total, and the XML nesting depth (deep nesting would
/// otherwise overflow the stack, which .NET cannot catch). A file that fails is refused on field <c>file</c> with a
/// Vietnamese "unreadable" or "too large / too complex" message; nothing is saved.
/// </summary>
public static class OfficeFiles
{
    /// <summary>Largest uncompressed part (document.xml, a worksheet…).</summary>
    public const long MaxPartBytes = 32L * 1024 * 1024;

    /// <summary>Largest uncompressed package, all parts together.</summary>
    public const long MaxTotalBytes = 64L * 1024 * 1024;

    public const int MaxParts = 1000;

    /// <summary>Deepest XML nesting; a real document (tables in tables included) stays well under 40.</summary>
    public const int MaxDepth = 100;

    public static WordprocessingDocument OpenWord(byte[] content)
    {
        Check(content);
        return Open(() => WordprocessingDocument.Open(new MemoryStream(content, writable: false), false, Settings));
    }

    public static SpreadsheetDocument OpenSpreadsheet(byte[] content)
    {
        Check(content);
        return Open(() => SpreadsheetDocument.Open(new MemoryStream(content, writable: false), false, Settings));
    }

    private static readonly OpenSettings Settings = new() { MaxCharactersInPart = MaxPartBytes };

    /// <summary>True when the bytes start like a zip package (PK\x03\x04).</summary>
    public static bool LooksLikeZip(ReadOnlySpan<byte> content) =>
        content.Length > 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4;

    /// <summary>Checks the package without building a DOM; throws <see cref="DomainValidationException"/> on field <c>file</c>.</summary>
    public static void Check(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!LooksLikeZip(content))
        {
            throw Unreadable();
        }

        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxParts)
            {
                throw TooLarge();
            }

            long total = 0;
            foreach (var entry in zip.Entries)
            {
                if (entry.Length > MaxPartBytes || (total += entry.Length) > MaxTotalBytes)
                {
                    throw TooLarge();
                }
            }

            long inflated = 0;
            foreach (var entry in zip.Entries.Where(IsXml))
            {
                using var part = new CappedStream(entry.Open(), Math.Min(MaxPartBytes, MaxTotalBytes - inflated));
                CheckXml(part);
                inflated += part.Count;
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException or XmlException or NotSupportedException or ArgumentException)
        {
            throw e is CappedStream.LimitException ? TooLarge() : Unreadable();
        }
    }

    private static bool IsXml(ZipArchiveEntry entry) =>
        entry.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)
        || entry.FullName.EndsWith(".rels", StringComparison.OrdinalIgnoreCase)
        || entry.FullName.EndsWith(".vml", StringComparison.OrdinalIgnoreCase);

    private static void CheckXml(Stream part)
    {
        using var reader = XmlReader.Create(part, new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreWhitespace = true,
            MaxCharactersInDocument = MaxPartBytes,
        });
        while (reader.Read())
        {
            if (reader.Depth > MaxDepth)
            {
                throw TooLarge();
            }
        }
    }

    private static T Open<T>(Func<T> open)
    {
        try
        {
            return open();
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException or FormatException or XmlException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            throw Unreadable();
        }
    }

    public static DomainValidationException Unreadable() => new("file", "Import.OfficeUnreadable");

    public static DomainValidationException TooLarge() => new("file", "Import.OfficeTooLarge", MaxPartBytes / (1024 * 1024), MaxDepth);

    /// <summary>Passes reads through and fails once more than <c>limit</c> bytes have come out.</summary>
    private sealed class CappedStream(Stream inner, long limit) : Stream
    {
        public long Count { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Count; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            Count += read;
            return Count > limit ? throw new LimitException() : read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        internal sealed class LimitException : IOException;
    }
}
