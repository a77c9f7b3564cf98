namespace Hotset.Core.Vms;

/// <summary>x86 chipset: i440fx (QEMU machine <c>pc</c>) or Q35 (machine <c>q35</c>); it bounds max vCPUs.</summary>
public enum Chipset
{
    I440fx,
    Q35,
}
