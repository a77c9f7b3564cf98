using System.Text.Json;
using System.Text.RegularExpressions;
using Hotset.Agent.Faults;
using Hotset.Agent.Hypervisor;
using Hotset.Agent.Vms;
using Hotset.Core.Agent;

namespace Hotset.Agent.Verbs;

/// <summary>
/// <c>VM.migrate {vmID, incomingUri, maxBandwidth?, setupTimeout?, timeout?}</c> (source): starts the live migration
/// to the address the destination's <c>VM.migrationCreate</c> answered and returns at once with the
/// <see cref="MigrationStatus"/>; <see cref="MigrationFollower"/> follows it to its end (<c>VM.migrateStatus</c>).
/// Only <c>unix:</c> and <c>tcp:</c> addresses are taken (QEMU's <c>exec:</c> would run a command).
/// </summary>
internal sealed partial class MigrateVerb(VmRegistry registry, MigrationFollower follower) : IVerb
{
    public const int DefaultMaxBandwidthMiBps = 1024;
    public static readonly TimeSpan DefaultSetupTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    public string Method => AgentMethods.Migrate;

    public int HypervisorFaultCode => AgentErrorCodes.MigrationFailed;

    [GeneratedRegex(@"^(unix:/[^,\s]+|tcp:(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):[0-9]{1,5})$")]
    private static partial Regex MigrationUri();

    public async Task<object> InvokeAsync(JsonElement? parameters, CancellationToken ct)
    {
        var call = VerbParams.Read<MigrateCall>(parameters);
        if (!MigrationUri().IsMatch(call.IncomingUri ?? ""))
        {
            throw AgentFaultException.InvalidParams(
                $"incomingUri '{call.IncomingUri}' must be the address VM.migrationCreate answered: unix:/path or tcp:host:port.");
        }

        if (call.MaxBandwidthMiBps is < 1 || call.SetupTimeoutSeconds is <= 0 || call.TimeoutSeconds is <= 0)
        {
            throw AgentFaultException.InvalidParams("maxBandwidth (MiB/s), setupTimeout and timeout (s) must be positive.");
        }

        var vm = registry.Get(call.VmId);
        using (await vm.EnterAsync(ct))
        {
            var domain = vm.RequireUp();
            vm.RefuseWhileMigrating("migrate it");
            if (domain is not IMigratableDomain { Migration: var migration })
            {
                throw new AgentFaultException(AgentErrorCodes.MigrationFailed, "Fatal error during migration: this host's hypervisor cannot migrate VMs live.");
            }

            if (await migration.RefusalAsync(ct) is { } refusal)
            {
                throw new AgentFaultException(AgentErrorCodes.MigrationFailed, refusal);
            }

            var job = new MigrationJob(vm.VmId, MigrationJob.SourceRole, call.IncomingUri!);
            await migration.StartOutgoingAsync(call.IncomingUri!, (long)(call.MaxBandwidthMiBps ?? DefaultMaxBandwidthMiBps) * 1024 * 1024, ct);
            vm.Migration = job;
            follower.FollowSource(
                vm, domain, migration, job,
                call.SetupTimeoutSeconds is { } setup ? TimeSpan.FromSeconds(setup) : DefaultSetupTimeout,
                call.TimeoutSeconds is { } total ? TimeSpan.FromSeconds(total) : DefaultTimeout);
            return job.Status;
        }
    }
}
