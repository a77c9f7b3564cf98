using System.Diagnostics;
using Hotset.Agent.Hypervisor;
using Hotset.Agent.Hypervisor.Qemu;
using Hotset.Core.Agent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hotset.Agent.Tests.Hypervisor.Qemu;

/// <summary>One test-guest VM (1 vCPU, at most 4) booted for a test class, and always stopped afterwards.</summary>
public sealed class BootedVm : IAsyncLifetime
{
    public const int MaxVcpus = 4;
    private string? _runDirectory;

    internal QemuDomain Domain { get; private set; } = null!;

    public VmDefinition Definition { get; } = TestGuest.Vm("hotset-test", 1, MaxVcpus);

    /// <summary>From StartAsync to QMP answering.</summary>
    public TimeSpan QemuStart { get; private set; }

    /// <summary>From StartAsync to the guest agent's first answer.</summary>
    public TimeSpan BootToGuestAgent { get; private set; }

    public async Task InitializeAsync()
    {
        var guest = new TestGuest();
        var hypervisor = new QemuHypervisor(Options.Create(guest.Options()), TimeProvider.System, NullLogger<QemuHypervisor>.Instance);
        _runDirectory = TestGuest.NewRunDirectory();
        var clock = Stopwatch.StartNew();
        Domain = (QemuDomain)await hypervisor.StartAsync(Definition, _runDirectory, CancellationToken.None);
        QemuStart = clock.Elapsed;
        await GuestWait.UntilAgentAnswersAsync(Domain, GuestWait.Boot);
        BootToGuestAgent = clock.Elapsed;
    }

    public async Task DisposeAsync()
    {
        await StopAsync(Domain, _runDirectory);
    }

    /// <summary>QMP <c>quit</c>, then a kill by PID, then the run directory: safe to call whatever state the test left.</summary>
    internal static async Task StopAsync(IDomain? domain, string? runDirectory)
    {
        if (domain is not null)
        {
            try
            {
                await domain.Lifetime.DestroyAsync(CancellationToken.None);
            }
            finally
            {
                if (QemuProcessProbe.IsAlive(domain.Lifetime.ProcessId))
                {
                    Process.GetProcessById(domain.Lifetime.ProcessId).Kill();
                }
            }
        }

        if (runDirectory is not null && Directory.Exists(runDirectory))
        {
            Directory.Delete(runDirectory, recursive: true);
        }
    }
}

internal static class QemuProcessProbe
{
    public static bool IsAlive(int pid) => File.Exists($"/proc/{pid}/stat") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z", StringComparison.Ordinal);
}
