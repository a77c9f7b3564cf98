namespace Hotset.Agent.Hypervisor.Qmp;

/// <summary>
/// QEMU answered a QMP command with an error (its <see cref="ErrorClass"/> and <see cref="Description"/>), or the QMP
/// connection failed (<see cref="Disconnected"/>, <see cref="Timeout"/>).
/// </summary>
public sealed class QmpException(string command, string errorClass, string description, Exception? inner = null)
    : Exception(MessageOf(command, errorClass, description), inner)
{
    /// <summary>Error class of a command that could not be answered because the QMP socket closed.</summary>
    public const string Disconnected = "Disconnected";

    /// <summary>Error class of a command QEMU did not answer within the QMP timeout.</summary>
    public const string Timeout = "Timeout";

    /// <summary>The QMP command, e.g. <c>device_add</c>.</summary>
    public string Command { get; } = command;

    /// <summary>QEMU's error class, e.g. <c>GenericError</c>, <c>DeviceNotFound</c>, or one of the constants here.</summary>
    public string ErrorClass { get; } = errorClass;

    /// <summary>QEMU's own text (<c>desc</c>).</summary>
    public string Description { get; } = description;

    private static string MessageOf(string command, string errorClass, string description) => errorClass switch
    {
        Disconnected or Timeout => $"QMP '{command}' failed: {description}",
        _ => $"QEMU refused '{command}': {description} ({errorClass})",
    };
}
