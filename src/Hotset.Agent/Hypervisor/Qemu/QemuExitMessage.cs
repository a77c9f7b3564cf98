namespace Hotset.Agent.Hypervisor.Qemu;

/// <summary>Why a QEMU ended, in a sentence: QEMU's <c>SHUTDOWN</c> reason and the last lines of the serial console.</summary>
internal static class QemuExitMessage
{
    public static string For(string? shutdownReason, string consoleLog)
    {
        var why = shutdownReason switch
        {
            "guest-shutdown" => VmExit.GuestPoweredOff,
            "host-qmp-quit" => VmExit.Quit,
            "guest-panic" => "The guest kernel panicked.",
            null => "QEMU exited unexpectedly.",
            _ => $"QEMU stopped ({shutdownReason}).",
        };
        var tail = ConsoleTail(consoleLog, 5);
        return tail.Length == 0 ? why : $"{why} Last console lines: {tail}";
    }

    private static string ConsoleTail(string consoleLog, int lines)
    {
        try
        {
            var text = File.ReadLines(consoleLog).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('\u001b')).TakeLast(lines);
            return string.Join(" | ", text);
        }
        catch (IOException)
        {
            return "";
        }
    }
}
