using System.Security.Cryptography;
using Sipar.Infrastructure.Data;

namespace Sipar.Infrastructure.Files;

/// <summary>
/// Uploaded files, stored outside the web root under <c>{Sipar:DataDirectory}/files</c> by an opaque key; the
/// original name lives in the database. Nothing here is ever served as a static file.
/// </summary>
public sealed class FileStore(IConfiguration configuration)
{
    private string Root => Path.Combine(DataModule.DataDirectory(configuration), "files");

    public async Task<(string Key, string Sha256)> SaveAsync(byte[] content, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        var key = $"{now:yyyy}/{now:MM}/{Guid.CreateVersion7():N}";
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, content, ct);
        return (key, Convert.ToHexStringLower(SHA256.HashData(content)));
    }

    public Stream Open(string key) => File.OpenRead(PathOf(key));

    private string PathOf(string key)
    {
        var path = Path.GetFullPath(Path.Combine(Root, key));
        if (!path.StartsWith(Path.GetFullPath(Root) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("File key outside the store.");
        }

        return path;
    }
}

/// <summary>Evidence files: PDF, Office documents and images, checked by name, size and content.</summary>
public static class EvidenceCheck
{
    /// <summary>Evidence is always a download (attachment, no sniffing, sandboxed), never rendered in the browser.</summary>
    public static IResult Download(HttpResponse response, Stream content, string fileName)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return TypedResults.File(content, "application/octet-stream", fileName);
    }

    public const int MaxBytes = 20 * 1024 * 1024;

    private static readonly Dictionary<string, string> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = "application/pdf",
        [".doc"] = "application/msword",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".xls"] = "application/vnd.ms-excel",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [".ppt"] = "application/vnd.ms-powerpoint",
        [".pptx"] = "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        [".odt"] = "application/vnd.oasis.opendocument.text",
        [".ods"] = "application/vnd.oasis.opendocument.spreadsheet",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".png"] = "image/png",
    };

    /// <summary>The file input's <c>accept</c>: the kinds of evidence Sipar takes.</summary>
    public static string Accept => string.Join(',', Types.Keys);

    /// <summary>Reads and checks an uploaded evidence file; returns its safe name, content type and bytes.</summary>
    public static async Task<(string Name, string ContentType, byte[] Content)> ReadAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            throw new Errors.DomainValidationException("file", "Evidence.Empty");
        }

        if (file.Length > MaxBytes)
        {
            throw new Errors.DomainValidationException("file", "Evidence.TooLarge", MaxBytes / (1024 * 1024));
        }

        var name = Path.GetFileName(file.FileName ?? "").Trim();
        if (!IsPlainName(name))
        {
            throw new Errors.DomainValidationException("file", "Import.BadName");
        }

        var extension = Path.GetExtension(name);
        if (!Types.TryGetValue(extension, out var contentType))
        {
            throw new Errors.DomainValidationException("file", "Evidence.Type");
        }

        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        if (!ContentMatches(extension.ToLowerInvariant(), bytes))
        {
            throw new Errors.DomainValidationException("file", "Evidence.Content");
        }

        return (name, contentType, bytes);
    }

    /// <summary>A file name to keep: not empty, at most 200 characters, no path or invalid characters, not hidden.</summary>
    public static bool IsPlainName(string name) =>
        name is { Length: > 0 and <= 200 } && name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0 && !name.StartsWith('.');

    /// <summary>Whether the first bytes are those of a file with this (lower-case) extension.</summary>
    public static bool ContentMatches(string extension, byte[] b)
    {
        bool Starts(params byte[] magic) => b.Length >= magic.Length && b.AsSpan(0, magic.Length).SequenceEqual(magic);
        return extension switch
        {
            ".pdf" => Starts(0x25, 0x50, 0x44, 0x46),
            ".doc" or ".xls" or ".ppt" => Starts(0xD0, 0xCF, 0x11, 0xE0),
            ".docx" or ".xlsx" or ".pptx" or ".odt" or ".ods" => Starts(0x50, 0x4B, 0x03, 0x04),
            ".jpg" or ".jpeg" => Starts(0xFF, 0xD8, 0xFF),
            ".png" => Starts(0x89, 0x50, 0x4E, 0x47),
            _ => false,
        };
    }
}
