using System.Globalization;

namespace Hotset.Engine.Api;

/// <summary>Parses input values, collecting a sentence for every bad one so the caller hears all at once.</summary>
public sealed class InputErrors
{
    private readonly List<string> _messages = [];

    public IReadOnlyList<string> Messages => _messages;

    public bool Any => _messages.Count > 0;

    public void Add(string message) => _messages.Add(message);

    /// <summary>Null when <paramref name="text"/> is null; otherwise the whole number or an error.</summary>
    public int? WholeNumber(string? text, string what, int min = int.MinValue)
    {
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            Add($"'{text}' is not a whole number ({what}).");
            return null;
        }

        if (value < min)
        {
            Add($"{what} must be at least {min}, not {value}.");
        }

        return value;
    }

    public long? LargeNumber(string? text, string what)
    {
        if (text is null)
        {
            return null;
        }

        if (long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Add($"'{text}' is not a whole non-negative number ({what}).");
        return null;
    }

    public bool? Flag(string? text, string what)
    {
        if (text is null)
        {
            return null;
        }

        if (bool.TryParse(text.Trim(), out var value))
        {
            return value;
        }

        Add($"'{text}' is not true or false ({what}).");
        return null;
    }

    public double? RealNumber(string? text, string what)
    {
        if (text is null)
        {
            return null;
        }

        if (double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Add($"'{text}' is not a number ({what}).");
        return null;
    }

    public Guid? Id(string? text, string what)
    {
        if (text is null)
        {
            return null;
        }

        if (Guid.TryParse(text.Trim(), out var id))
        {
            return id;
        }

        Add($"'{text}' is not an id ({what}).");
        return null;
    }

    /// <summary>The 400 fault with every message, oVirt style.</summary>
    public NodeResult ToFault() => FaultResults.ToFaultResult(
        [.. _messages.Select(ApiFaults.BadRequest)]);
}
