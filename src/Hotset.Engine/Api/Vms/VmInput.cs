using Hotset.Core.Os;
using Hotset.Core.Vms;
using Hotset.Engine.Api.OperatingSystems;
using Hotset.Engine.Api.Representations;
using Hotset.Engine.Vms;

namespace Hotset.Engine.Api.Vms;

/// <summary>
/// Reads a <c>&lt;vm&gt;</c> body into a <see cref="VmPatch"/>: only the elements present change. Topology may be
/// elements (v4) or attributes (v3: <c>&lt;topology sockets="2" cores="1"/&gt;</c>); memory is in bytes.
/// </summary>
public static class VmInput
{
    private const long MiB = 1024 * 1024;

    public static InputShape Shape { get; } = new("vm")
    {
        "name", "description", "comment", "memory", "status", "type", "creation_time", "next_run_configuration_exists",
        "cpu_pinning_policy", "guest_cpu_count", "vcpu_count", "max_vcpus", "stateless", "start_time", "stop_time",
        new InputShape("bios") { "type" },
        new InputShape("cpu")
        {
            "architecture", "mode",
            new InputShape("topology") { "sockets", "cores", "threads" },
            new InputShape("cpu_tune") { new InputShape("vcpu_pins") { new InputShape("vcpu_pin") { "vcpu", "cpu_set" } } },
        },
        new InputShape("os") { "type", "kernel", "initrd", "cmdline", new InputShape("boot") { new InputShape("devices") { "device" } } },
        new InputShape("cluster") { "name" },
        new InputShape("template") { "name" },
        new InputShape("host") { "name" },
        new InputShape("placement_policy") { "affinity" },
    };

    public static VmPatch ToPatch(Node vm, InputErrors errors)
    {
        var cpu = vm.Child("cpu");
        var topology = cpu?.Child("topology");
        var os = vm.Child("os");
        var patch = new VmPatch
        {
            Name = vm.Value("name")?.Trim(),
            Description = vm.Value("description"),
            Comment = vm.Value("comment"),
            Sockets = errors.WholeNumber(topology?.Value("sockets"), "cpu/topology/sockets"),
            Cores = errors.WholeNumber(topology?.Value("cores"), "cpu/topology/cores"),
            Threads = errors.WholeNumber(topology?.Value("threads"), "cpu/topology/threads"),
            MemoryMiB = Memory(vm.Value("memory"), errors),
            OsType = os?.Value("type")?.Trim(),
            Kernel = os?.Value("kernel"),
            Initrd = os?.Value("initrd"),
            KernelArgs = os?.Value("cmdline"),
            CpuPinning = cpu?.Child("cpu_tune") is { } tune ? VcpuPins.FromNode(tune, errors) : null,
            MaxVCpusOverride = errors.WholeNumber(vm.Value("max_vcpus"), "max_vcpus", min: 1),
        };

        if (vm.Child("bios")?.Value("type") is { } bios)
        {
            patch = VmNames.TryParseBiosType(bios, out var chipset)
                ? patch with { Chipset = chipset }
                : Invalid(patch, errors, $"'{bios}' is not a BIOS type; use i440fx_sea_bios or q35_sea_bios.");
        }

        if (vm.Value("cpu_pinning_policy") is { } policyText)
        {
            patch = OvirtNames.TryParsePinningPolicy(policyText, out var policy)
                ? patch with { CpuPinningPolicy = policy }
                : Invalid(patch, errors,
                    $"'{policyText}' is not a CPU pinning policy; use none, manual, resize_and_pin_numa, dedicated or isolate_threads.");
        }

        if (patch.OsType is { } osType && OsRepository.Default.Find(osType) is null)
        {
            errors.Add($"Cannot set OS type '{osType}': it is not a known operating system. " +
                $"GET {ApiPaths.Root}{OperatingSystemEndpoints.Path} lists the known types.");
        }

        if (patch.Name is { } name && !VmNameRule.IsValid(name))
        {
            errors.Add(VmNameRule.Message(name));
        }

        return patch;
    }

    private static int? Memory(string? text, InputErrors errors)
    {
        if (errors.LargeNumber(text, "memory in bytes") is not { } bytes)
        {
            return null;
        }

        if (bytes < MiB || bytes / MiB > int.MaxValue)
        {
            errors.Add($"memory is in bytes and must be at least 1 MiB (1048576), not {bytes}.");
            return null;
        }

        return (int)(bytes / MiB);
    }

    private static VmPatch Invalid(VmPatch patch, InputErrors errors, string message)
    {
        errors.Add(message);
        return patch;
    }
}
