using Hotset.Core.Agent;

namespace Hotset.Agent.Hooks;

/// <summary>Runs the scripts of one hook point for one VM.</summary>
internal interface IHookRunner
{
    /// <summary>
    /// Runs the executables in <c>&lt;hooks&gt;/&lt;hookPoint&gt;/</c> in lexical order with <c>vmId</c>, <c>vmName</c>,
    /// <c>_hook_domxml</c> and <paramref name="environment"/> set. A script that exits with 1 (or any code but 0
    /// and 2) fails the point after the remaining scripts ran; one that exits with 2, is killed at the timeout or cannot
    /// be started fails it at once.
    /// </summary>
    Task<HookRunResult> RunAsync(
        string hookPoint, VmDefinition vm, IReadOnlyDictionary<string, string> environment, CancellationToken ct);

    /// <summary>Whether <c>&lt;hooks&gt;/&lt;hookPoint&gt;/</c> holds a script that <see cref="RunAsync"/> would run.</summary>
    bool HasScripts(string hookPoint);
}

/// <summary>The scripts that ran, and the failure that stopped them, if any.</summary>
internal sealed record HookRunResult(IReadOnlyList<string> Ran, HookFailure? Failure)
{
    public bool Succeeded => Failure is null;
}

/// <summary>
/// A script that exited with a code other than 0, could not be started, or ran out of time (then <see cref="ExitCode"/> is
/// null). <see cref="Stderr"/> is the end of what it wrote to standard error, trimmed.
/// </summary>
internal sealed record HookFailure(string HookPoint, string Script, string Reason, int? ExitCode, string Stderr)
{
    /// <summary>E.g. <c>before_set_num_of_cpus/50_check exited with 1: guest agent not ready</c>.</summary>
    public override string ToString() =>
        Stderr.Length == 0 ? $"{HookPoint}/{Script} {Reason}" : $"{HookPoint}/{Script} {Reason}: {Stderr}";
}
