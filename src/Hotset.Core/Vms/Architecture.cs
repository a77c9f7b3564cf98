namespace Hotset.Core.Vms;

/// <summary>Guest CPU architecture; oVirt's <c>ArchitectureType</c> names on the wire (x86_64, ppc64, s390x).</summary>
public enum Architecture
{
    X86_64,
    Ppc64,
    S390x,
}
