using System.Text.Json.Nodes;

namespace Hotset.Testing.Qmp;

/// <summary>What <see cref="FakeQmpServer"/> answers to one command: events first, then a return or an error.</summary>
public sealed record FakeQmpReply
{
    public JsonNode? Return { get; init; }

    /// <summary>QEMU's error <c>class</c> and <c>desc</c>; null for a successful reply.</summary>
    public (string Class, string Desc)? Error { get; init; }

    /// <summary>Events sent before the reply, e.g. <c>DEVICE_DELETED</c> racing a later command's answer.</summary>
    public IReadOnlyList<(string Name, JsonObject? Data)> EventsBefore { get; init; } = [];

    /// <summary>No reply at all (a hung QEMU).</summary>
    public bool Silent { get; init; }

    /// <summary>Closes the connection instead of replying (QEMU exiting mid-command).</summary>
    public bool Hangup { get; init; }

    public static FakeQmpReply Ok(JsonNode? value = null) => new() { Return = value ?? new JsonObject() };

    public static FakeQmpReply Fail(string errorClass, string desc) => new() { Error = (errorClass, desc) };

    public static FakeQmpReply NoReply() => new() { Silent = true };

    public static FakeQmpReply Disconnect() => new() { Hangup = true };
}
