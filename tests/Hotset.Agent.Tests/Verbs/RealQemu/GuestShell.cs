using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Hotset.Agent.Hypervisor;
using Hotset.Agent.Hypervisor.Qemu;

namespace Hotset.Agent.Tests.Verbs.RealQemu;

/// <summary>
/// Runs shell commands in the test guest through its guest agent (<c>guest-exec</c>, busybox <c>sh</c>), on the
/// agent's own guest agent connection, so the tests read the guest's own view (sysfs, /proc) of its CPUs.
/// </summary>
internal sealed class GuestShell(RealAgent agent, string vmId)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>Runs <paramref name="script"/> and answers its standard output once it exited.</summary>
    public async Task<string> RunAsync(string script)
    {
        var pid = (await CallAsync("guest-exec", new JsonObject
        {
            ["path"] = "/bin/sh",
            ["arg"] = new JsonArray("-c", script),
            ["capture-output"] = true,
        }))["pid"]!.GetValue<long>();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var status = await CallAsync("guest-exec-status", new JsonObject { ["pid"] = pid });
            if (status["exited"]!.GetValue<bool>())
            {
                return status["out-data"] is JsonValue data ? Encoding.UTF8.GetString(Convert.FromBase64String(data.GetValue<string>())) : "";
            }

            Assert.True(clock.Elapsed < Deadline, $"'{script}' did not end in the guest within {Deadline.TotalSeconds} s.");
            await Task.Delay(100);
        }
    }

    /// <summary>Starts <paramref name="script"/> in the background of the guest and does not wait for it.</summary>
    public async Task StartAsync(string script) =>
        await CallAsync("guest-exec", new JsonObject { ["path"] = "/bin/sh", ["arg"] = new JsonArray("-c", script) });

    /// <summary>Each line of <paramref name="script"/>'s output as "key value…", by key.</summary>
    public async Task<IReadOnlyDictionary<string, string>> LinesAsync(string script) =>
        (await RunAsync(script)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split(' ', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");

    /// <summary>One guest agent command; retried while the guest agent gives no answer (busy guest under TCG).</summary>
    public async Task<JsonObject> CallAsync(string command, JsonObject arguments)
    {
        var domain = agent.Factory.Vm(vmId).Snapshot().Domain!;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await CallOnceAsync(domain, RealAgent.DomainName(vmId), command, arguments) is JsonObject reply)
            {
                return reply;
            }

            Assert.True(clock.Elapsed < Deadline, $"The guest agent did not answer {command} within {Deadline.TotalSeconds} s.");
            await Task.Delay(200);
        }
    }

    /// <summary>
    /// The QEMU driver's own guest agent connection; under the libvirt driver libvirt holds the agent's socket, so the
    /// command goes through <c>virsh qemu-agent-command</c> as an admin would send it.
    /// </summary>
    private static async Task<JsonNode?> CallOnceAsync(IDomain domain, string domainName, string command, JsonObject arguments)
    {
        if (domain is QemuDomain qemu)
        {
            return await qemu.GuestAgent.CallAsync(command, arguments, CancellationToken.None);
        }

        var request = new JsonObject { ["execute"] = command, ["arguments"] = arguments.DeepClone() }.ToJsonString();
        try
        {
            return JsonNode.Parse(LibvirtDaemon.Virsh("qemu-agent-command", domainName, request, "--timeout", "5"))?["return"];
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
