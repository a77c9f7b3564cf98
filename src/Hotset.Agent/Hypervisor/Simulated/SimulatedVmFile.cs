using System.Text.Json;

namespace Hotset.Agent.Hypervisor.Simulated;

/// <summary>
/// What a simulated VM has, kept in its run directory as a real QEMU keeps its state in its process: it outlives the
/// agent, so a restarted agent re-attaches to it. Written whole to a temp file and renamed over the old one.
/// </summary>
internal sealed record SimulatedVmFile(int ProcessId, int Vcpus, int Created)
{
    public const string Name = "simulated-vm.json";

    public static SimulatedVmFile? Read(string runDirectory)
    {
        try
        {
            return JsonSerializer.Deserialize<SimulatedVmFile>(File.ReadAllText(Path.Combine(runDirectory, Name)));
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void Write(string runDirectory)
    {
        Directory.CreateDirectory(runDirectory);
        var path = Path.Combine(runDirectory, Name);
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(this));
        File.Move(temp, path, overwrite: true);
    }

    public static void Delete(string runDirectory) => File.Delete(Path.Combine(runDirectory, Name));
}
