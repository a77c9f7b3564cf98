namespace Hotset.Testing.Processes;

/// <summary>Hook scripts as an agent finds them: one executable per script in a directory per hook point.</summary>
public static class HookScript
{
    /// <summary>Writes the <c>/bin/sh</c> script <paramref name="name"/> for <paramref name="hookPoint"/> under <paramref name="hooksDirectory"/>.</summary>
    public static void Write(string hooksDirectory, string hookPoint, string name, string script)
    {
        var dir = Directory.CreateDirectory(Path.Combine(hooksDirectory, hookPoint)).FullName;
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, "#!/bin/sh\n" + script + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
