using Hotset.Agent.Hypervisor;
using Hotset.Agent.Hypervisor.Qemu;
using Hotset.Core.Agent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hotset.Agent.Tests.Hypervisor.Qemu;

/// <summary>Which kernel a VM boots: its own, else <c>Qemu:GuestKernel</c>; with neither, a refusal that says so.</summary>
public sealed class QemuHypervisorBootFilesTests : IDisposable
{
    private readonly string _runDirectory = TestGuest.NewRunDirectory();

    public void Dispose() => Directory.Delete(_runDirectory, recursive: true);

    [Fact]
    public async Task StartAsync_NoKernelAnywhere_RefusedNamingTheSettingWithoutStartingQemu()
    {
        var hypervisor = new QemuHypervisor(Options.Create(new QemuOptions { Binary = "/nonexistent/qemu" }), TimeProvider.System, NullLogger<QemuHypervisor>.Instance);
        var vm = new VmDefinition { VmId = "id1", VmName = "no-kernel", NumberOfCpus = 1, MaxVCpus = 2 };

        var e = await Assert.ThrowsAsync<HypervisorException>(() => hypervisor.StartAsync(vm, _runDirectory, CancellationToken.None));

        Assert.StartsWith("Cannot start VM 'no-kernel': it brings no kernel and Qemu:GuestKernel is not set.", e.Message, StringComparison.Ordinal);
    }
}
