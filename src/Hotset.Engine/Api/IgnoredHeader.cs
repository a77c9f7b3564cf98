namespace Hotset.Engine.Api;

/// <summary>
/// <c>Hotset-Ignored: vm/memory_policy, vm/display</c>: the elements of a request body that oVirt's API model has but
/// Hotset does not manage, so they were accepted and left unapplied (an oVirt client sends whole representations).
/// </summary>
public static class IgnoredHeader
{
    public const string Name = "Hotset-Ignored";

    /// <summary>Longer lists are cut here (with "..."), so a huge body cannot make a huge header.</summary>
    internal const int MaxNames = 50;

    public static void Set(HttpResponse response, IReadOnlyList<string> ignored)
    {
        if (ignored.Count == 0)
        {
            return;
        }

        var names = ignored.Distinct(StringComparer.Ordinal).ToList();
        response.Headers[Name] = string.Join(", ", names.Take(MaxNames)) + (names.Count > MaxNames ? ", ..." : "");
    }
}
