using System.Text.Json;
using Hotset.Engine.Api.Representations;
using Hotset.Engine.Vms.Preview;

namespace Hotset.Engine.Api.Vms;

/// <summary>
/// <c>GET /vms/{id}/cpuoptions</c> (SPEC §13): <c>&lt;cpu_options&gt;</c> with one <c>&lt;cpu_option&gt;</c> per sockets
/// value in XML, the same names with typed values in JSON. A refused option carries the status and fault
/// <c>PUT /vms/{id}</c> answers, built by <see cref="FaultResults"/> as PUT builds them.
/// </summary>
public static class CpuOptionsRepresentation
{
    public static TypedNodeResult ToResult(CpuOptions options) =>
        new(() => ToNode(options), writer => WriteJson(writer, options));

    public static Node ToNode(CpuOptions o)
    {
        var id = o.Vm.Id.ToString();
        var t = o.Topology;
        var node = new Node("cpu_options")
            .Add(new Node("vm").Attr("href", $"{ApiPaths.Root}/vms/{id}").Attr("id", id))
            .Add("next_run", o.NextRun)
            .Add("status", VmNames.Status(o.Vm.Status))
            .Add(new Node("topology").Add("sockets", t.Sockets).Add("cores", t.Cores).Add("threads", t.Threads))
            .Add("configured_vcpus", o.ConfiguredVCpus);
        if (o.VcpuCount is { } vcpus)
        {
            node.Add("vcpu_count", vcpus);
        }

        if (o.GuestCpuCount is { } guest)
        {
            node.Add("guest_cpu_count", guest);
        }

        node.Add("max_vcpus", o.MaxVCpus).Add("unplug_allowed", o.UnplugAllowed);
        foreach (var option in o.Options)
        {
            node.Add(ToNode(option));
        }

        return node;
    }

    public static void WriteJson(Utf8JsonWriter w, CpuOptions o)
    {
        var id = o.Vm.Id.ToString();
        var t = o.Topology;
        w.WriteStartObject();
        w.WriteStartObject("vm");
        w.WriteString("id", id);
        w.WriteString("href", $"{ApiPaths.Root}/vms/{id}");
        w.WriteEndObject();
        w.WriteBoolean("next_run", o.NextRun);
        w.WriteString("status", VmNames.Status(o.Vm.Status));
        w.WriteStartObject("topology");
        w.WriteNumber("sockets", t.Sockets);
        w.WriteNumber("cores", t.Cores);
        w.WriteNumber("threads", t.Threads);
        w.WriteEndObject();
        w.WriteNumber("configured_vcpus", o.ConfiguredVCpus);
        if (o.VcpuCount is { } vcpus)
        {
            w.WriteNumber("vcpu_count", vcpus);
        }

        if (o.GuestCpuCount is { } guest)
        {
            w.WriteNumber("guest_cpu_count", guest);
        }

        w.WriteNumber("max_vcpus", o.MaxVCpus);
        w.WriteBoolean("unplug_allowed", o.UnplugAllowed);
        w.WriteStartArray("cpu_option");
        foreach (var option in o.Options)
        {
            WriteJson(w, option);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>The wire name of an outcome.</summary>
    public static string NameOf(CpuOptionOutcome outcome) => outcome switch
    {
        CpuOptionOutcome.Unchanged => "unchanged",
        CpuOptionOutcome.HotPlug => "hot_plug",
        CpuOptionOutcome.HotUnplug => "hot_unplug",
        CpuOptionOutcome.NextRun => "next_run",
        CpuOptionOutcome.NotApplied => "not_applied",
        CpuOptionOutcome.Refused => "refused",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown outcome."),
    };

    private static Node ToNode(CpuOption option)
    {
        var node = new Node("cpu_option").Add("sockets", option.Sockets).Add("vcpus", option.VCpus)
            .Add("outcome", NameOf(option.Outcome))
            .Add("reason", option.Reason);
        if (option.Event is { } e)
        {
            node.Add(new Node("event").Add("code", e.Code).Add("description", e.Message));
        }

        if (option.Outcome == CpuOptionOutcome.Refused)
        {
            var fault = option.Faults.ToFaultResult();
            node.Add("status", fault.StatusCode).Add(fault.Node);
        }

        return node;
    }

    private static void WriteJson(Utf8JsonWriter w, CpuOption option)
    {
        w.WriteStartObject();
        w.WriteNumber("sockets", option.Sockets);
        w.WriteNumber("vcpus", option.VCpus);
        w.WriteString("outcome", NameOf(option.Outcome));
        if (option.Reason is { } reason)
        {
            w.WriteString("reason", reason);
        }

        if (option.Event is { } e)
        {
            w.WriteStartObject("event");
            w.WriteNumber("code", e.Code);
            w.WriteString("description", e.Message);
            w.WriteEndObject();
        }

        if (option.Outcome == CpuOptionOutcome.Refused)
        {
            var fault = option.Faults.ToFaultResult();
            w.WriteNumber("status", fault.StatusCode);
            w.WriteStartObject("fault");
            w.WriteString("reason", fault.Node.Value("reason"));
            w.WriteString("detail", fault.Node.Value("detail"));
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }
}
