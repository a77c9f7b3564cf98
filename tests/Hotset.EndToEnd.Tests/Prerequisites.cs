using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Hotset.EndToEnd.Tests;

/// <summary>
/// What the end-to-end tests need on this machine: QEMU 10 or newer and the built test guest. Missing pieces fail
/// the tests with a sentence saying how to get them; they are never skipped.
/// </summary>
public static partial class Prerequisites
{
    /// <summary>The repository root (the directory holding <c>Hotset.slnx</c>).</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The test guest's directory: <c>HOTSET_GUEST_DIR</c> or <c>.guest/</c> at the repository root.</summary>
    public static string GuestDirectory =>
        Environment.GetEnvironmentVariable("HOTSET_GUEST_DIR") is { Length: > 0 } dir ? dir : Path.Combine(RepositoryRoot, ".guest");

    public static void Check()
    {
        var version = QemuVersion();
        if (version is null || version.Major < 10)
        {
            throw new InvalidOperationException(
                $"The end-to-end tests need qemu-system-x86_64 10 or newer; found {version?.ToString() ?? "none"}. " +
                "Run scripts/install-deps.sh (QEMU from bookworm-backports).");
        }

        foreach (var file in new[] { "vmlinux", "initramfs.cpio.gz" })
        {
            if (!File.Exists(Path.Combine(GuestDirectory, file)))
            {
                throw new InvalidOperationException(
                    $"The test guest is missing ({Path.Combine(GuestDirectory, file)}); run `make guest` first.");
            }
        }
    }

    private static Version? QemuVersion()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("qemu-system-x86_64", "--version")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            var match = VersionPattern().Match(output);
            return match.Success ? Version.Parse(match.Groups[1].Value) : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>The repository root the build recorded (assembly metadata <c>RepositoryRoot</c>).</summary>
    private static string FindRoot() =>
        typeof(Prerequisites).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>()
            .Single(a => a.Key == "RepositoryRoot").Value is { } root
            ? Path.GetFullPath(root)
            : throw new InvalidOperationException("The build did not record the repository root.");

    [GeneratedRegex(@"version (\d+\.\d+(\.\d+)?)")]
    private static partial Regex VersionPattern();
}
