using System.Diagnostics;
using Hotset.Core.Agent;

namespace Hotset.Agent.Hypervisor.Qemu;

public sealed partial class QemuHypervisor
{
    private void Validate(VmDefinition vm, VcpuTopology topology)
    {
        if (vm.NumberOfCpus < 1 || vm.NumberOfCpus > vm.MaxVCpus)
        {
            throw new HypervisorException($"Cannot start VM '{vm.VmName}' with {vm.NumberOfCpus} vCPUs: it needs between 1 and its maximum of {vm.MaxVCpus}.");
        }

        if (vm.CoresPerSocket < 1 || vm.ThreadsPerCore < 1 || vm.MaxVCpus > topology.Slots)
        {
            throw new HypervisorException(
                $"Cannot start VM '{vm.VmName}' with at most {vm.MaxVCpus} vCPUs of {vm.CoresPerSocket} cores × {vm.ThreadsPerCore} threads per socket: QEMU on this host offers {topology.Slots} vCPU slots for that topology (budget {_options.VcpuBudget}).");
        }
    }

    private (string Kernel, string? Initrd) BootFiles(VmDefinition vm)
    {
        if (!string.IsNullOrEmpty(vm.Kernel))
        {
            return (vm.Kernel, vm.Initrd);
        }

        if (_options.GuestKernel.Length > 0)
        {
            return (_options.GuestKernel, _options.GuestInitrd.Length > 0 ? _options.GuestInitrd : null);
        }

        throw new HypervisorException(
            $"Cannot start VM '{vm.VmName}': it brings no kernel and Qemu:GuestKernel is not set. Set Qemu:GuestKernel (and Qemu:GuestInitrd) to the kernel and initramfs of VMs that bring none, e.g. the test guest's .guest/vmlinux and .guest/initramfs.cpio.gz ('make guest').");
    }

    private static QemuRunFiles PrepareRunDirectory(VmDefinition vm, string runDirectory)
    {
        var files = new QemuRunFiles(Path.GetFullPath(runDirectory));
        if (files.GuestAgentSocket.Length > QemuRunFiles.MaxSocketPath || files.QmpSocket.Length > QemuRunFiles.MaxSocketPath)
        {
            throw new HypervisorException(
                $"Cannot start VM '{vm.VmName}': its run directory {files.Directory} is too long for Unix sockets (at most {QemuRunFiles.MaxSocketPath} characters per socket path); use a shorter state directory.");
        }

        Directory.CreateDirectory(files.Directory);
        foreach (var file in files.RuntimeFiles.Append(files.ConsoleLog))
        {
            File.Delete(file);
        }

        return files;
    }

    // QEMU forks, and the parent exits once the VM is set up: a failed start is a non-zero exit with QEMU's text.
    private async Task RunDaemonizingAsync(VmDefinition vm, IReadOnlyList<string> args, CancellationToken ct)
    {
        var info = new ProcessStartInfo(_options.Binary)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new HypervisorException($"Cannot run QEMU '{_options.Binary}'.");
        using var timeout = new CancellationTokenSource(_options.StartTimeout, _time);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(cts.Token);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            process.Kill();
            throw new HypervisorException($"QEMU did not start VM '{vm.VmName}' within {_options.StartTimeout.TotalSeconds:0} s.");
        }

        if (process.ExitCode != 0)
        {
            var text = (await stderr).Trim();
            throw new HypervisorException($"QEMU could not start VM '{vm.VmName}' (exit code {process.ExitCode}): {(text.Length > 0 ? text : "no message")}");
        }
    }
}
