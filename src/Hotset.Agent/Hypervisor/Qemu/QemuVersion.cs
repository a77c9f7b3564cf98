using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Hotset.Agent.Hypervisor.Qemu;

/// <summary>What the QEMU binary says about itself: version (10 or newer required) and machine types.</summary>
public static partial class QemuVersion
{
    public const int MinimumMajor = 10;

    /// <summary>The version in <c>qemu-system-x86_64 --version</c> output (<c>10.0.2</c>), or null.</summary>
    public static Version? Parse(string versionOutput) =>
        VersionPattern().Match(versionOutput) is { Success: true } m ? Version.Parse(m.Groups[1].Value) : null;

    /// <summary>Machine type names in <c>-machine help</c> output.</summary>
    public static IReadOnlyList<string> ParseMachines(string helpOutput) =>
        [.. helpOutput.Split('\n').Skip(1).Select(l => l.Trim().Split(' ')[0]).Where(n => n.Length > 0 && n != "none")];

    /// <summary>Null when <paramref name="binary"/> is QEMU 10 or newer; otherwise a sentence saying what is wrong.</summary>
    public static string? Check(string binary, out Version? version)
    {
        version = null;
        string output;
        try
        {
            output = Run(binary, "--version");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return $"Cannot run QEMU '{binary}': {e.Message}. Install QEMU {MinimumMajor} (scripts/install-deps.sh) or set Qemu:Binary.";
        }

        version = Parse(output);
        return version switch
        {
            null => $"'{binary} --version' printed no QEMU version: {output.Trim()}",
            { Major: < MinimumMajor } => string.Create(CultureInfo.InvariantCulture,
                $"QEMU {version} is too old: Hotset needs QEMU {MinimumMajor} or newer (older QEMU crashes when a vCPU is plugged after an unplug). Install it from bookworm-backports (scripts/install-deps.sh) or set Qemu:Binary."),
            _ => null,
        };
    }

    internal static string Run(string binary, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(binary, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException($"'{binary}' did not start.");
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output;
    }

    [GeneratedRegex(@"version (\d+\.\d+(?:\.\d+)?)")]
    private static partial Regex VersionPattern();
}
