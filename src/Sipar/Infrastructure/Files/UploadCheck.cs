using Sipar.Infrastructure.Errors;

namespace Sipar.Infrastructure.Files;

/// <summary>Checks on uploaded files (size, type, name) before anything reads them.</summary>
public static class UploadCheck
{
    private static readonly string[] CsvTypes = ["text/csv", "text/plain", "application/vnd.ms-excel", "application/csv", "application/octet-stream"];

    /// <summary>Reads an uploaded CSV file after checking it; throws <see cref="DomainValidationException"/> on field "file".</summary>
    public static async Task<byte[]> ReadCsvAsync(IFormFile? file, int maxBytes, CancellationToken ct)
    {
        var name = CheckSizeAndName(file, maxBytes);
        var extension = Path.GetExtension(name).ToUpperInvariant();
        if (extension is not (".CSV" or ".TXT") || !CsvTypes.Contains((file.ContentType ?? "").Split(';')[0].Trim().ToLowerInvariant()))
        {
            throw new DomainValidationException("file", "Import.NotCsv");
        }

        return await ReadAsync(file, ct);
    }

    /// <summary>Reads an uploaded table (.csv, .txt or .xlsx) after checking its size and name; the reader checks its content.</summary>
    public static Task<byte[]> ReadTableAsync(IFormFile? file, int maxBytes, CancellationToken ct) =>
        ReadUploadAsync(file, maxBytes, [".csv", ".txt", ".xlsx"], "Par.ResultsFileType", ct);

    /// <summary>Reads an upload after checking its size, name and extension (<paramref name="wrongTypeKey"/> when it is not one of them).</summary>
    public static async Task<byte[]> ReadUploadAsync(IFormFile? file, int maxBytes, IReadOnlyCollection<string> extensions, string wrongTypeKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(extensions);
        if (!extensions.Contains(Path.GetExtension(CheckSizeAndName(file, maxBytes)), StringComparer.OrdinalIgnoreCase))
        {
            throw new DomainValidationException("file", wrongTypeKey);
        }

        return await ReadAsync(file, ct);
    }

    /// <summary>
    /// The file a preview page kept in a hidden field (base64) for its apply step; anything unreadable comes back as
    /// an empty file, which the reader then refuses with its usual message.
    /// </summary>
    public static byte[] FromPreview(string? base64)
    {
        try
        {
            return Convert.FromBase64String(base64 ?? "");
        }
        catch (FormatException)
        {
            return [];
        }
    }

    /// <summary>Refuses an empty or oversized upload, or one whose name is empty, too long or not a plain file name; returns the name.</summary>
    private static string CheckSizeAndName([System.Diagnostics.CodeAnalysis.NotNull] IFormFile? file, int maxBytes)
    {
        if (file is null || file.Length == 0)
        {
            throw new DomainValidationException("file", "Import.EmptyFile");
        }

        if (file.Length > maxBytes)
        {
            throw new DomainValidationException("file", "Import.TooLarge", maxBytes / 1024);
        }

        var name = Path.GetFileName(file.FileName ?? "");
        if (name.Length is 0 or > 200 || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            throw new DomainValidationException("file", "Import.BadName");
        }

        return name;
    }

    private static async Task<byte[]> ReadAsync(IFormFile file, CancellationToken ct)
    {
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }

    /// <summary>The content types a raw request body may declare for a file of each kind.</summary>
    private static readonly Dictionary<string, string[]> BodyTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".json"] = ["application/json"],
        [".xlsx"] = ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
        [".docx"] = ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
        [".csv"] = ["text/csv"],
        [".txt"] = ["text/plain"],
        [".md"] = ["text/markdown", "text/plain"],
        [".markdown"] = ["text/markdown", "text/plain"],
    };

    /// <summary>
    /// Refuses a raw request body whose declared content type is not the real one for <paramref name="fileName"/>
    /// (JSON as <c>application/json</c>, .xlsx as the spreadsheet type…): a cross-site form can only send
    /// <c>text/plain</c>, <c>multipart/form-data</c> or form fields, so a real type also closes that door.
    /// </summary>
    public static void RequireBodyType(HttpRequest request, string? fileName)
    {
        ArgumentNullException.ThrowIfNull(request);
        var type = (request.ContentType ?? "").Split(';')[0].Trim();
        var extension = Path.GetExtension(fileName ?? "");
        if (!BodyTypes.TryGetValue(extension, out var allowed) || !allowed.Contains(type, StringComparer.OrdinalIgnoreCase))
        {
            throw new DomainValidationException("file", "Import.WrongContentType", allowed is null ? extension : string.Join(", ", allowed));
        }
    }

    /// <summary>Reads a request body sent as <c>text/csv</c>, up to <paramref name="maxBytes"/>.</summary>
    public static Task<byte[]> ReadCsvBodyAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!(request.ContentType ?? "").StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            throw new DomainValidationException("file", "Import.NotCsv");
        }

        return ReadBodyAsync(request, maxBytes, "Import.TooLarge", maxBytes / 1024, ct);
    }

    /// <summary>
    /// Reads a request body, refusing it (field <c>file</c>, <paramref name="tooLargeKey"/>) as soon as it passes
    /// <paramref name="maxBytes"/>, so an oversized upload is never held in memory whole.
    /// </summary>
    public static async Task<byte[]> ReadBodyAsync(HttpRequest request, int maxBytes, string tooLargeKey, int shownLimit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new DomainValidationException("file", tooLargeKey, shownLimit);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
