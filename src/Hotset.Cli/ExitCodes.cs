namespace Hotset.Cli;

/// <summary>The exit codes of <c>hotset</c>, documented in <c>hotset --help</c> and docs/cli.md. Stable: scripts test them.</summary>
public static class ExitCodes
{
    /// <summary>Done: for set-cpus, the VM runs with (or, when down, will start with) the requested count.</summary>
    public const int Success = 0;

    /// <summary>The engine refused or failed for another reason (not found, unreachable, conflict…).</summary>
    public const int Error = 1;

    /// <summary>The command line is wrong (unknown command, missing or bad option).</summary>
    public const int Usage = 2;

    /// <summary>The change was refused by validation (HTTP 400/409): nothing changed.</summary>
    public const int Refused = 3;

    /// <summary>The hot set failed on the host (event 2034): the VM keeps its old count.</summary>
    public const int HotSetFailed = 4;

    /// <summary>The change was stored for the next run: the running VM does not have it yet.</summary>
    public const int NextRun = 5;

    /// <summary>--wait: the engine did not answer within --timeout (the hot set may still complete).</summary>
    public const int TimedOut = 6;

    /// <summary>--wait: the hypervisor applied the change but the guest did not report the new count within --timeout.</summary>
    public const int NotConfirmed = 7;

    /// <summary>Not logged in, wrong user or password, or an expired token.</summary>
    public const int AuthenticationFailed = 8;

    public const string HelpText = """
        Exit codes:
          0  success (set-cpus: the VM runs with, or when down will start with, the requested count)
          1  error (not found, engine unreachable, conflict, other faults)
          2  usage error (bad command line)
          3  refused by validation (HTTP 400/409, nothing changed)
          4  hot set failed on the host (event 2034, the VM keeps its count)
          5  stored for the next run (the running VM does not have the change yet)
          6  timed out (--wait: no answer within --timeout; the hot set may still complete)
          7  applied but not confirmed by the guest within --timeout (--wait)
          8  authentication failed (not logged in, wrong password, expired token)
        """;
}
