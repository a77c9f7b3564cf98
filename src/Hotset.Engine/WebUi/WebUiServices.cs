using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace Hotset.Engine.WebUi;

/// <summary>
/// Serves the web admin UI (Blazor WebAssembly, published by <c>scripts/publish-web.sh</c>) at <c>/</c>: its files,
/// and <c>index.html</c> for every other path outside <c>/ovirt-engine</c> so the UI's own routes survive a reload.
/// <c>/ovirt-engine/webadmin</c> redirects there. The publish's Brotli/gzip copies go to browsers that accept them. Without a published UI the engine still runs and <c>/</c> says how
/// to build it. The UI is a client of the REST API like any other: nothing here grants it access.
/// </summary>
public static partial class WebUiServices
{
    private const string WebAdminPath = "/ovirt-engine/webadmin";

    // Everything outside /ovirt-engine without a file extension in its last segment is a page of the UI.
    private const string PagePattern = "{*path:regex(^(?!ovirt-engine(/|$)).*$):nonfile}";

    public static IServiceCollection AddWebUi(this IServiceCollection services)
    {
        services.AddOptions<WebUiOptions>().BindConfiguration(WebUiOptions.Section);
        return services;
    }

    /// <summary>Call before <c>UseApi</c>: the UI's files are public, ahead of the API's authentication.</summary>
    public static WebApplication UseWebUi(this WebApplication app)
    {
        app.MapGet(WebAdminPath + "/{**rest}", () => Results.Redirect("/")).AllowAnonymous().ExcludeFromDescription();
        var root = app.Services.GetRequiredService<IOptions<WebUiOptions>>().Value.Find();
        if (root is null)
        {
            LogNotBuilt(app.Logger);
            app.MapGet("/", () => Results.Content(NotBuiltPage, "text/html; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();
            return app;
        }

        LogServing(app.Logger, root);
        var files = new PhysicalFileProvider(root);
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".wasm"] = "application/wasm";
        types.Mappings[".dat"] = "application/octet-stream";
        types.Mappings[".blat"] = "application/octet-stream";
        var precompressed = new PrecompressedFiles(files, types);
        app.Use(precompressed.InvokeAsync);
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files, ContentTypeProvider = types });
        RequestDelegate index = async context =>
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.CacheControl = "no-cache";
            await context.Response.SendFileAsync(files.GetFileInfo("index.html"), context.RequestAborted);
        };
        app.MapGet("/", index).AllowAnonymous().ExcludeFromDescription();
        app.MapFallback(PagePattern, index).AllowAnonymous();
        return app;
    }

    private const string NotBuiltPage = """
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Hotset</title></head><body>
        <h1>Hotset</h1><p>The web UI has not been built. Run <code>make build</code> (or <code>scripts/publish-web.sh</code>)
        and restart the engine.</p><p>The REST API is at <a href="/ovirt-engine/api">/ovirt-engine/api</a>.</p></body></html>
        """;

    [LoggerMessage(1901, LogLevel.Information, "Web UI served from {Directory}")]
    private static partial void LogServing(ILogger logger, string directory);

    [LoggerMessage(1902, LogLevel.Warning, "The web UI has not been built (scripts/publish-web.sh); / explains how to build it")]
    private static partial void LogNotBuilt(ILogger logger);
}
