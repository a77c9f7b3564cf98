namespace Hotset.Engine.Api.Representations;

/// <summary>Bounds that hold for any request body, XML or JSON, before its elements are looked at.</summary>
public static class InputLimits
{
    /// <summary>
    /// Deepest element nesting accepted, the root being level 1. The deepest input paths
    /// (<c>vm/cpu/cpu_tune/vcpu_pins/vcpu_pin/cpu_set</c>) need 6; 32 leaves room and keeps a hostile body from exhausting
    /// the stack of anything that walks the tree.
    /// </summary>
    public const int MaxDepth = 32;
}
