using System.Text.Json.Nodes;

namespace Hotset.Agent.Hypervisor.Qmp;

/// <summary>One QMP command with its arguments (null: none), for <see cref="QmpClient.ExecuteInOrder"/>.</summary>
public sealed record QmpCommand(string Command, JsonObject? Arguments = null);
