namespace Hotset.Core.Agent;

/// <summary>JSON-RPC method names of the host agent, as VDSM names its verbs.</summary>
public static class AgentMethods
{
    public const string GetCapabilities = "Host.getCapabilities";
    public const string GetAllVmStats = "Host.getAllVmStats";
    public const string Create = "VM.create";
    public const string Destroy = "VM.destroy";
    public const string Shutdown = "VM.shutdown";
    public const string GetStats = "VM.getStats";
    public const string SetNumberOfCpus = "VM.setNumberOfCpus";
    public const string SetGuestCpus = "VM.setGuestCpus";

    /// <summary>Destination of a live migration: start QEMU waiting for the VM's state (<c>-incoming</c>).</summary>
    public const string MigrationCreate = "VM.migrationCreate";

    /// <summary>Source of a live migration: send the VM to the destination's incoming address.</summary>
    public const string Migrate = "VM.migrate";
    public const string MigrateStatus = "VM.migrateStatus";
    public const string MigrateCancel = "VM.migrateCancel";

    /// <summary>HTTP path the agent serves JSON-RPC 2.0 on (POST, <c>Authorization: Bearer &lt;host secret&gt;</c>).</summary>
    public const string Path = "/jsonrpc";
}
