using System.Text.Json;

namespace Hotset.Client;

/// <summary><c>/operatingsystems</c>: the OS types a VM's <c>os/type</c> may name.</summary>
public sealed class OperatingSystemsApi
{
    private readonly ApiTransport _api;

    internal OperatingSystemsApi(ApiTransport api) => _api = api;

    public async Task<IReadOnlyList<OperatingSystemInfo>> ListAsync(CancellationToken ct = default) =>
        [.. (await _api.GetAsync("operatingsystems", ct)).Items("operating_system").Select(OperatingSystemInfo.From)];
}

/// <summary>
/// An OS type of the engine's OS matrix: <see cref="Id"/> is what <c>os/type</c> takes (e.g. <c>rhel_9x64</c>),
/// <see cref="Description"/> the name to show; the OS decides whether vCPUs may be hot plugged and unplugged.
/// </summary>
public sealed record OperatingSystemInfo
{
    public required string Id { get; init; }
    public string Name { get; init; } = "";
    public string Description { get; init; } = "";
    public string Architecture { get; init; } = "";

    internal static OperatingSystemInfo From(JsonElement os) => new()
    {
        Id = os.String("id"),
        Name = os.String("name"),
        Description = os.String("description"),
        Architecture = os.String("architecture"),
    };
}
