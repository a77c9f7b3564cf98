using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Hotset.Agent.Tests.Verbs.RealQemu;

/// <summary>
/// The private libvirtd the libvirt driver's tests run against: the one <c>scripts/test.sh</c> started
/// (<c>HOTSET_TEST_LIBVIRT</c>), else started now with <c>scripts/libvirt-test.sh start</c>. Failing to get one fails the
/// test, saying why: these tests never skip. <c>virsh</c> is used here only, to check the driver from the side.
/// </summary>
internal static class LibvirtDaemon
{
    private static readonly Lazy<string> StartedUri = new(Start);

    public static string Uri => StartedUri.Value;

    /// <summary>Restarts libvirtd only; its domains keep running.</summary>
    public static void Restart() => Script("restart");

    /// <summary>What libvirt counts as the domain's live vCPUs (<c>virsh vcpucount --live --active</c>).</summary>
    public static int VcpuCount(string domain) => int.Parse(Virsh("vcpucount", domain, "--live", "--active").Trim(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Destroys and undefines <paramref name="domain"/> if libvirt still has it (cleanup after a failed test).</summary>
    public static void Remove(string domain)
    {
        TryVirsh("destroy", domain);
        TryVirsh("undefine", domain);
    }

    public static string Virsh(params string[] args)
    {
        var (code, output, error) = Run("virsh", ["-q", "-c", Uri, .. args]);
        return code == 0 ? output : throw new InvalidOperationException($"virsh {string.Join(' ', args)} failed ({code}): {error}");
    }

    private static void TryVirsh(params string[] args) => Run("virsh", ["-q", "-c", Uri, .. args]);

    private static string Start() =>
        Environment.GetEnvironmentVariable("HOTSET_TEST_LIBVIRT") is { Length: > 0 } uri ? uri : Script("start").Trim();

    private static string Script(string command)
    {
        var (code, output, error) = Run(Path.Combine(RepoRoot(), "scripts", "libvirt-test.sh"), [command]);
        return code == 0 ? output : throw new InvalidOperationException(
            $"scripts/libvirt-test.sh {command} failed ({code}): {error.Trim()} — the libvirt driver's tests need libvirt 9 (apt) and root to run a private libvirtd.");
    }

    private static (int Code, string Output, string Error) Run(string file, string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error);
    }

    private static string RepoRoot([CallerFilePath] string source = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", "..", "..", ".."));
}
