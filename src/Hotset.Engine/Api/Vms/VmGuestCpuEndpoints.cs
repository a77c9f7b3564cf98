using Hotset.Core.Agent;
using Hotset.Core.Faults;
using Hotset.Core.Vms;
using Hotset.Engine.Api.Representations;
using Hotset.Engine.Auth.Permissions;
using Hotset.Engine.Hosts;
using Hotset.Engine.Vms;

namespace Hotset.Engine.Api.Vms;

/// <summary>
/// <c>POST /vms/{id}/guestcpus</c>, an action that onlines or offlines CPUs inside a running guest through its guest
/// agent — for guests that do not online hot-plugged CPUs themselves, or to take load off a CPU without unplugging
/// it. Body: <c>&lt;action&gt;&lt;vcpus&gt;&lt;vcpu&gt;&lt;index&gt;1&lt;/index&gt;&lt;online&gt;false&lt;/online&gt;&lt;/vcpu&gt;…</c>
/// (JSON <c>{"vcpus":{"vcpu":[{"index":1,"online":false}]}}</c>). The vCPUs stay plugged and keep their pins; the
/// configured CPU count does not change. Answers 200 <c>&lt;action&gt;&lt;status&gt;complete&lt;/status&gt;</c>.
/// </summary>
public static class VmGuestCpuEndpoints
{
    private static readonly InputShape Shape = new("action")
    {
        "status", new InputShape("vcpus") { new InputShape("vcpu") { "index", "online" } },
    };

    public static IEndpointRouteBuilder MapVmGuestCpus(this IEndpointRouteBuilder vms)
    {
        vms.MapPost("/{id}/guestcpus", SetAsync)
            .WithSummary("Online or offline CPUs inside the running guest (guest agent); the vCPUs stay plugged and pinned.")
            .RequireOnVm(ActionGroup.OperateVm);
        return vms;
    }

    private static async Task<IResult> SetAsync(string id, HttpRequest request, IVmStore store, IHostStore hosts,
        IHostAgents agents, CancellationToken ct)
    {
        if (await VmEndpoints.Find(id, store, ct) is not { } vm)
        {
            return FaultResults.NotFound("VM", id);
        }

        var (body, fault) = await ApiInput.ReadAsync(request, Shape, ct);
        if (body is null)
        {
            return fault!;
        }

        var errors = new InputErrors();
        var cpus = new List<GuestCpuState>();
        foreach (var vcpu in body.Child("vcpus")?.All("vcpu") ?? [])
        {
            var index = errors.WholeNumber(vcpu.Value("index") ?? "", "vcpu/index", min: 0);
            var online = errors.Flag(vcpu.Value("online") ?? "", "vcpu/online");
            if (index is { } i && online is { } o)
            {
                cpus.Add(new GuestCpuState(i, o));
            }
        }

        if (cpus.Count == 0 && !errors.Any)
        {
            errors.Add("The action needs vcpus/vcpu with an index and online (true or false).");
        }

        if (errors.Any)
        {
            return errors.ToFault();
        }

        if (vm.Status != VmStatus.Up || vm.RunOnHostId is not { } hostId || await hosts.GetAsync(hostId, ct) is not { } host)
        {
            return FaultResults.Fault(new Fault("GUEST_CPUS_VM_NOT_UP", FaultKind.Conflict,
                $"Cannot set the guest CPUs of VM {vm.Name}: the VM is {vm.Status.ToOvirtName()}, not Up."));
        }

        try
        {
            await agents.For(host).SetGuestCpusAsync(vm.Id.ToString(), cpus, ct);
        }
        catch (AgentException e)
        {
            return FaultResults.Fault(new Fault("GUEST_CPUS_FAILED", FaultKind.Conflict,
                $"Cannot set the guest CPUs of VM {vm.Name}: {e.Message}"));
        }

        return new NodeResult(new Node("action").Add("status", "complete"));
    }
}
