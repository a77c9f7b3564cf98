using System.Runtime.InteropServices;

namespace Hotset.Agent.Hypervisor.Libvirt.Native;

/// <summary>libvirt's last error of the calling thread, read right after the call that failed.</summary>
internal static class LibvirtError
{
    /// <summary><c>VIR_ERR_OPERATION_TIMEOUT</c>: e.g. a vCPU unplug whose <c>DEVICE_DELETED</c> never came.</summary>
    public const int OperationTimeout = 68;

    public static (int Code, string Message) Last()
    {
        var message = Marshal.PtrToStringUTF8(LibvirtNative.GetLastErrorMessage()) ?? "unknown libvirt error";
        return (LibvirtNative.GetLastErrorCode(), message);
    }

    /// <summary>A <see cref="LibvirtCallException"/> with libvirt's own text after "<paramref name="what"/>: ".</summary>
    public static LibvirtCallException Exception(string what)
    {
        var (code, message) = Last();
        return new LibvirtCallException(code, $"{what}: {message}");
    }

    /// <summary>Takes a string libvirt allocated for the caller, and frees it.</summary>
    public static string? TakeString(nint pointer)
    {
        if (pointer == 0)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(pointer);
        }
        finally
        {
            LibvirtNative.Free(pointer);
        }
    }
}

/// <summary>A libvirt call failed; <see cref="Code"/> is libvirt's <c>virErrorNumber</c>.</summary>
internal sealed class LibvirtCallException(int code, string message) : Exception(message)
{
    public int Code { get; } = code;
}
