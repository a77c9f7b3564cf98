using System.Text.Json;
using Hotset.Core.Agent;

namespace Hotset.Agent.Hooks;

/// <summary>The file <c>_hook_domxml</c> names: the VM definition as indented JSON, readable by the agent's user only.</summary>
internal static class HookDefinitionFile
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static async Task<string> WriteAsync(VmDefinition vm, CancellationToken ct)
    {
        var path = Path.Combine(Path.GetTempPath(), $"hotset-hook-{Guid.NewGuid():N}.json");
        var file = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        await using var stream = new FileStream(path, file);
        await JsonSerializer.SerializeAsync(stream, vm, Json, ct);
        return path;
    }
}
