namespace Hotset.Agent.Tests.Testing;

/// <summary>Writes <c>/bin/sh</c> hook scripts into a hooks directory laid out as the agent expects.</summary>
internal static class HookScripts
{
    public static string Add(string hooksDirectory, string hookPoint, string name, string body, bool executable = true)
    {
        var directory = Directory.CreateDirectory(Path.Combine(hooksDirectory, hookPoint)).FullName;
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, executable
            ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            : UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }
}
