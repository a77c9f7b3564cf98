namespace Hotset.Agent.Hypervisor;

/// <summary>QEMU (or libvirt) refused or failed; the message is the hypervisor's own text, with context.</summary>
public sealed class HypervisorException(string message, Exception? inner = null) : Exception(message, inner);
