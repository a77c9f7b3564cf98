using System.Globalization;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Hotset.Agent.Hypervisor.Qemu;

/// <summary>
/// How many vCPUs QEMU has created over the VM's life, kept in its run directory so that the count survives an agent
/// restart (<see cref="QemuOptions.VcpuBudget"/>). The file stays open and is overwritten in place at a fixed width:
/// one small write per change, no truncation and no rename, both of which make ext4 start a writeback. The count only
/// grows, so nothing of an older value is left behind. An agent crash keeps the last write (it is in the page cache);
/// only a host crash can lose it, and that ends QEMU too.
/// </summary>
internal sealed class CreatedVcpusFile : IDisposable
{
    private const int Width = 10;
    private readonly SafeFileHandle _handle;
    private readonly Lock _lock = new();
    private int _count;

    private CreatedVcpusFile(SafeFileHandle handle, int count)
    {
        _handle = handle;
        _count = count;
    }

    public int Count => Volatile.Read(ref _count);

    /// <summary>Opens (or creates) the file for a VM that has created <paramref name="count"/> vCPUs so far.</summary>
    public static CreatedVcpusFile Open(string path, int count) =>
        new(File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite), count);

    /// <summary>The count in the file at <paramref name="path"/>; null when it is missing or unreadable.</summary>
    public static int? Read(string path) => QemuProcess.ReadNumberFile(path);

    /// <summary>Adds <paramref name="created"/> vCPUs to the count and writes it.</summary>
    public void Add(int created)
    {
        lock (_lock)
        {
            Write(_count + created);
        }
    }

    /// <summary>Sets the count (when the file was lost) and writes it.</summary>
    public void Set(int count)
    {
        lock (_lock)
        {
            Write(count);
        }
    }

    public void Dispose() => _handle.Dispose();

    private void Write(int count)
    {
        var text = count.ToString(CultureInfo.InvariantCulture).PadLeft(Width) + "\n";
        RandomAccess.Write(_handle, Encoding.ASCII.GetBytes(text), 0);
        Volatile.Write(ref _count, count);
    }
}
