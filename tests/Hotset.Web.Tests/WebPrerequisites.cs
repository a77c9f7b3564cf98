using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Hotset.Web.Tests;

/// <summary>
/// What the browser tests need: QEMU 10, the test guest, Debian's Chromium and the published UI. A missing piece
/// fails the tests with a sentence saying how to get it; they are never skipped.
/// </summary>
public static partial class WebPrerequisites
{
    public const string Chromium = "/usr/bin/chromium";

    public static string RepositoryRoot { get; } = Path.GetFullPath(typeof(WebPrerequisites).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!);

    public static string GuestDirectory =>
        Environment.GetEnvironmentVariable("HOTSET_GUEST_DIR") is { Length: > 0 } dir ? dir : Path.Combine(RepositoryRoot, ".guest");

    /// <summary>The published UI beside this build's output (artifacts/publish/Hotset.Web/release/wwwroot).</summary>
    public static string PublishedUi { get; } =
        Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "publish", "Hotset.Web", "release", "wwwroot"));

    public static void CheckUi()
    {
        if (!File.Exists(Path.Combine(PublishedUi, "index.html")))
        {
            throw new InvalidOperationException($"The web UI is not published at {PublishedUi}; run scripts/publish-web.sh.");
        }

        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"{Chromium} is missing; run scripts/install-deps.sh (apt-get install chromium).");
        }
    }

    public static void CheckHypervisor()
    {
        var version = QemuMajor();
        if (version is null or < 10)
        {
            throw new InvalidOperationException(
                $"The browser tests need qemu-system-x86_64 10 or newer; found {version?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}. Run scripts/install-deps.sh.");
        }

        foreach (var file in new[] { "vmlinux", "initramfs.cpio.gz" })
        {
            if (!File.Exists(Path.Combine(GuestDirectory, file)))
            {
                throw new InvalidOperationException($"The test guest is missing ({Path.Combine(GuestDirectory, file)}); run `make guest` first.");
            }
        }
    }

    private static int? QemuMajor()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("qemu-system-x86_64", "--version") { RedirectStandardOutput = true })!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            var match = VersionPattern().Match(output);
            return match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    [GeneratedRegex(@"version (\d+)\.")]
    private static partial Regex VersionPattern();
}
