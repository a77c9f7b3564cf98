using Hotset.Core.Agent;
using Hotset.Engine.Hosts;
using Hotset.Engine.Persistence.Secrets;
using Host = Hotset.Engine.Hosts.Host;

namespace Hotset.Engine.Persistence.Hosts;

/// <summary>A <c>hosts</c> row; the secret column holds the agent secret encrypted (<see cref="ISecretProtector"/>).</summary>
internal sealed class HostRow
{
    public const string Columns = "id, name, cluster_id, address, secret, status, capabilities, version";

    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    public string ClusterId { get; init; } = "";
    public string Address { get; init; } = "";
    public string Secret { get; init; } = "";
    public string Status { get; init; } = "";
    public string? Capabilities { get; init; }
    public long Version { get; init; }

    public static HostRow From(Host h, ISecretProtector secrets) => new()
    {
        Id = Ids.Text(h.Id),
        Name = h.Name,
        ClusterId = Ids.Text(h.ClusterId),
        Address = h.Address,
        Secret = secrets.Protect(h.Secret),
        Status = h.Status.ToString(),
        Capabilities = h.Capabilities is null ? null : DbJson.Write(h.Capabilities),
        Version = h.Version,
    };

    public Host ToHost(ISecretProtector secrets) => new()
    {
        Id = Ids.Parse(Id),
        Name = Name,
        ClusterId = Ids.Parse(ClusterId),
        Address = Address,
        Secret = secrets.Unprotect(Secret),
        Status = Enum.Parse<HostStatus>(Status),
        Capabilities = Capabilities is null ? null : DbJson.Read<HostCapabilities>(Capabilities),
        Version = Version,
    };
}
