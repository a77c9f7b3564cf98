namespace Hotset.Engine.Tests.Testing;

/// <summary>The repository this test assembly was built from (the directory holding <c>Hotset.slnx</c>).</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Hotset.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root (Hotset.slnx) was not found.");
    }
}
