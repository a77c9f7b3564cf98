using System.Text.RegularExpressions;

namespace Hotset.Engine.Api.Vms;

/// <summary>oVirt's VM name rule: 1–64 letters, digits, <c>-</c>, <c>_</c> or <c>.</c>.</summary>
public static partial class VmNameRule
{
    public static bool IsValid(string name) => Pattern().IsMatch(name);

    public static string Message(string name) =>
        $"The VM name '{name}' is not valid; use 1 to 64 letters, digits, '-', '_' or '.'.";

    [GeneratedRegex(@"^[\p{L}\p{Nd}_.\-]{1,64}$")]
    private static partial Regex Pattern();
}
