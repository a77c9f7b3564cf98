namespace Hotset.Engine.WebUi;

/// <summary>Where the published web admin UI is (bound from <c>Engine:WebUi</c>).</summary>
public sealed class WebUiOptions
{
    public const string Section = "Engine:WebUi";

    /// <summary>
    /// The published <c>wwwroot</c> of Hotset.Web. Empty: <c>webui/</c> beside the engine's binaries, else the build
    /// tree's <c>artifacts/publish/Hotset.Web/release/wwwroot</c>. When neither exists the engine runs without a UI.
    /// </summary>
    public string Directory { get; set; } = "";

    /// <summary>The directory to serve, or null when the UI was not built.</summary>
    public string? Find()
    {
        string[] candidates = Directory.Length > 0
            ? [Directory]
            : [Path.Combine(AppContext.BaseDirectory, "webui"),
                Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "publish", "Hotset.Web", "release", "wwwroot")];
        return candidates.Select(Path.GetFullPath).FirstOrDefault(d => File.Exists(Path.Combine(d, "index.html")));
    }
}
