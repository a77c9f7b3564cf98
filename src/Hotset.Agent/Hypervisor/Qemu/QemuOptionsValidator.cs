using Microsoft.Extensions.Options;

namespace Hotset.Agent.Hypervisor.Qemu;

/// <summary>
/// Refuses to start the agent with a QEMU older than 10, or a configured guest kernel that does not exist — unless the
/// agent runs the simulated hypervisor, which needs neither.
/// </summary>
internal sealed class QemuOptionsValidator(IOptions<AgentOptions> agent) : IValidateOptions<QemuOptions>
{
    public ValidateOptionsResult Validate(string? name, QemuOptions options)
    {
        if (AgentOptions.IsSimulated(agent.Value))
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (QemuVersion.Check(options.Binary, out _) is { } problem)
        {
            failures.Add(problem);
        }

        foreach (var (key, path) in new[] { ("GuestKernel", options.GuestKernel), ("GuestInitrd", options.GuestInitrd) })
        {
            if (path.Length > 0 && !File.Exists(path))
            {
                failures.Add($"Qemu:{key} is '{path}', which does not exist; run 'make guest' or fix the setting.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
