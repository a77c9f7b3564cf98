using Hotset.Core.Agent;

namespace Hotset.Agent.Hypervisor;

/// <summary>
/// The exit messages of a VM that ended because it was asked to (the guest powered off, the agent quit or destroyed
/// it); every other end — QEMU killed or crashed, a guest panic, a lost monitor — is an error exit (VDSM's
/// <c>exitCode</c> ERROR), which the engine logs as an error.
/// </summary>
internal static class VmExit
{
    public const string GuestPoweredOff = "The guest powered off.";
    public const string Quit = "QEMU was told to quit.";
    public const string Destroyed = "QEMU was stopped by the agent (destroy).";

    /// <summary>The start of the message of a source VM whose migration completed: it runs on the destination now.</summary>
    public const string MigratedAway = "Migration succeeded:";

    /// <summary>The start of the message of a VM powered off because its guest ignored a shutdown request.</summary>
    public const string ShutdownForced = "The guest did not power off within";

    public static int CodeOf(string? exitMessage) =>
        exitMessage is not null && (exitMessage.StartsWith(GuestPoweredOff, StringComparison.Ordinal)
            || exitMessage.StartsWith(Quit, StringComparison.Ordinal)
            || exitMessage.StartsWith(Destroyed, StringComparison.Ordinal)
            || exitMessage.StartsWith(MigratedAway, StringComparison.Ordinal)
            || exitMessage.StartsWith(ShutdownForced, StringComparison.Ordinal))
            ? VmExitCodes.Normal
            : VmExitCodes.Error;
}
