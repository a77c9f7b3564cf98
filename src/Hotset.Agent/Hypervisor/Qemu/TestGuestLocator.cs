namespace Hotset.Agent.Hypervisor.Qemu;

/// <summary>Finds the test guest <c>guest/build.sh</c> builds into <c>.guest/</c>.</summary>
public static class TestGuestLocator
{
    public const string KernelFile = "vmlinux";
    public const string InitrdFile = "initramfs.cpio.gz";

    /// <summary>The <c>.guest</c> directory holding a built guest, or null; <paramref name="searched"/> lists where it looked.</summary>
    public static string? Find(out IReadOnlyList<string> searched)
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("HOTSET_GUEST_DIR") is { Length: > 0 } env)
        {
            candidates.Add(env);
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                candidates.Add(Path.Combine(dir.FullName, ".guest"));
            }
        }

        searched = candidates;
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, KernelFile)) && File.Exists(Path.Combine(d, InitrdFile)));
    }
}
