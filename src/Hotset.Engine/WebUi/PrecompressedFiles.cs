using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Hotset.Engine.WebUi;

/// <summary>
/// Serves the copies the UI's publish compressed ahead of time (<c>file.br</c>, <c>file.gz</c> beside <c>file</c>) to
/// a browser that accepts them, with the original's content type, <c>Content-Encoding</c> and
/// <c>Vary: Accept-Encoding</c>. Everything else goes on to the static files as it is. Compressing at publish time
/// (Brotli at its best level) costs the engine nothing per request, unlike response compression.
/// </summary>
internal sealed class PrecompressedFiles(IFileProvider files, IContentTypeProvider types)
{
    // Best first: Brotli is about a fifth smaller than gzip on the WebAssembly files.
    private static readonly (string Encoding, string Suffix)[] Encodings = [("br", ".br"), ("gzip", ".gz")];

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        var path = request.Path.Value;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) || path is null
            || !types.TryGetContentType(path, out var contentType) || !files.GetFileInfo(path).Exists)
        {
            await next(context);
            return;
        }

        var compressed = Encodings.Select(e => (e.Encoding, File: files.GetFileInfo(path + e.Suffix)))
            .Where(e => e.File.Exists).ToList();
        if (compressed.Count == 0)
        {
            await next(context);
            return;
        }

        // The answer depends on Accept-Encoding whichever copy is sent, so caches must key on it.
        context.Response.Headers.Vary = HeaderNames.AcceptEncoding;
        var accepted = request.GetTypedHeaders().AcceptEncoding;
        if (compressed.FirstOrDefault(c => Accepts(accepted, c.Encoding)) is not { File: { } file } chosen)
        {
            await next(context);
            return;
        }

        var response = context.Response;
        response.ContentType = contentType;
        response.Headers.ContentEncoding = chosen.Encoding;
        response.ContentLength = file.Length;
        response.GetTypedHeaders().LastModified = file.LastModified;
        if (HttpMethods.IsGet(request.Method))
        {
            await response.SendFileAsync(file, context.RequestAborted);
        }
    }

    private static bool Accepts(IList<StringWithQualityHeaderValue> accepted, string encoding) =>
        accepted.Any(a => (a.Value.Equals(encoding, StringComparison.OrdinalIgnoreCase) || a.Value == "*")
            && a.Quality is null or > 0);
}
