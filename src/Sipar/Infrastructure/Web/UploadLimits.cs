using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Sipar.Infrastructure.Web;

/// <summary>
/// Uploads on pages are read here, before the page, so a file that is too large never ends on a bare error page and
/// never costs the other fields. Every file is kept up to <see cref="Files.EvidenceCheck.MaxBytes"/> (the largest any page
/// accepts); a larger one is read to its end and handed on as a file of its real length with no content, so the page's
/// own size check puts "Tệp vượt quá 20 MB." next to its field, with the note typed beside it still in the form.
/// Only a body larger than <c>Uploads:MaxRequestMegabytes</c> (default 100), or the page's own
/// <c>[RequestSizeLimit]</c>, is refused outright (413, with its Vietnamese page). The API reads its uploads itself.
/// </summary>
internal sealed class UploadLimits(RequestDelegate next, IConfiguration configuration)
{
    private const int MaxTextBytes = 4 * 1024 * 1024;
    private readonly long maxRequest = configuration.GetValue("Uploads:MaxRequestMegabytes", 100L) * 1024 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method) || request.Path.StartsWithSegments("/api")
            || !MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            await next(context);
            return;
        }

        var limit = context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? maxRequest;
        if (request.ContentLength > limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        FormCollection form;
        try
        {
            form = await ReadAsync(request.Body, boundary, context.RequestAborted);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            context.Response.StatusCode = e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest;
            return;
        }

        context.Features.Set<IFormFeature>(new FormFeature(form));
        await next(context);
    }

    private static async Task<FormCollection> ReadAsync(Stream body, string boundary, CancellationToken ct)
    {
        var reader = new MultipartReader(boundary, body) { HeadersLengthLimit = 16 * 1024, BodyLengthLimit = null };
        var fields = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);
        var files = new FormFileCollection();
        long text = 0;
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.Name.HasValue)
            {
                continue;
            }

            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value!;
            if (disposition.IsFileDisposition())
            {
                var kept = new MemoryStream();
                var length = await CopyAsync(section.Body, kept, Files.EvidenceCheck.MaxBytes, ct);
                var content = length > Files.EvidenceCheck.MaxBytes ? new MemoryStream() : kept;
                content.Position = 0;
                var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "";
                var headers = new HeaderDictionary();
                foreach (var (key, value) in section.Headers ?? [])
                {
                    headers[key] = value;
                }

                files.Add(new FormFile(content, 0, length, name, fileName) { Headers = headers });
            }
            else
            {
                using var value = new StreamReader(section.Body, System.Text.Encoding.UTF8);
                var s = await value.ReadToEndAsync(ct);
                text += s.Length;
                if (text > MaxTextBytes)
                {
                    throw new InvalidDataException("form fields too large");
                }

                fields[name] = StringValues.Concat(fields.GetValueOrDefault(name), s);
            }
        }

        return new FormCollection(fields, files);
    }

    /// <summary>Copies up to <paramref name="keep"/> bytes and reads (and drops) the rest: the part's whole length.</summary>
    private static async Task<long> CopyAsync(Stream from, Stream to, long keep, CancellationToken ct)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await from.ReadAsync(buffer, ct)) > 0)
        {
            if (total + read <= keep)
            {
                await to.WriteAsync(buffer.AsMemory(0, read), ct);
            }
            else
            {
                to.SetLength(0);
            }

            total += read;
        }

        return total;
    }
}
