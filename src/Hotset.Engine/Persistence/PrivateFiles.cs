namespace Hotset.Engine.Persistence;

/// <summary>
/// The engine's files are its owner's only: its directories mode 0700, its files 0600, created so and tightened when
/// an older version (or a hand-made <c>mkdir</c>) left them readable by others. Nothing to do on Windows.
/// </summary>
public static class PrivateFiles
{
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates <paramref name="path"/> with mode 0700, or sets an existing one to 0700.</summary>
    public static string Directory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return System.IO.Directory.CreateDirectory(path).FullName;
        }

        var directory = System.IO.Directory.CreateDirectory(path, DirectoryMode);
        if (directory.UnixFileMode != DirectoryMode)
        {
            directory.UnixFileMode = DirectoryMode;
        }

        return directory.FullName;
    }

    /// <summary>Creates the directory of <paramref name="path"/> with mode 0700 when it is missing; leaves an existing one alone.</summary>
    public static void ParentOf(string path)
    {
        var parent = Path.GetDirectoryName(Path.GetFullPath(path));
        if (parent is null || System.IO.Directory.Exists(parent))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(parent);
        }
        else
        {
            System.IO.Directory.CreateDirectory(parent, DirectoryMode);
        }
    }

    /// <summary>Creates <paramref name="path"/> empty with mode 0600 when it is missing, or sets an existing one to 0600.</summary>
    public static void File(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        if (!System.IO.File.Exists(path))
        {
            using var created = new FileStream(path, new FileStreamOptions
            {
                Mode = System.IO.FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = FileMode,
            });
            return;
        }

        Tighten(path);
    }

    /// <summary>Sets <paramref name="path"/> to mode 0600 when it exists and is more open.</summary>
    public static void Tighten(string path)
    {
        if (!OperatingSystem.IsWindows() && System.IO.File.Exists(path) && System.IO.File.GetUnixFileMode(path) != FileMode)
        {
            System.IO.File.SetUnixFileMode(path, FileMode);
        }
    }
}
