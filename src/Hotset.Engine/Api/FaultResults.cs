using Hotset.Core.Faults;
using Hotset.Engine.Api.Representations;
using Hotset.Engine.Commands;

namespace Hotset.Engine.Api;

/// <summary>Turns faults into oVirt-shaped HTTP responses. The only place that knows status codes.</summary>
public static class FaultResults
{
    public const string Reason = "Operation Failed";

    public static NodeResult ToFaultResult(this CommandResult result) => ToFaultResult(result.Faults);

    /// <summary>
    /// <c>&lt;fault&gt;&lt;reason&gt;Operation Failed&lt;/reason&gt;&lt;detail&gt;[msg1, msg2]&lt;/detail&gt;&lt;/fault&gt;</c>
    /// with the status of the first fault: the faults come in the order of the rules (SPEC §4: limits on the request
    /// itself first, host capacity last), so the status says what the caller hears first.
    /// </summary>
    public static NodeResult ToFaultResult(this IReadOnlyList<Fault> faults) =>
        new(new Node("fault").Add("reason", Reason).Add("detail", "[" + string.Join(", ", faults.Select(f => f.Message)) + "]"),
            faults.Count > 0 ? StatusOf(faults[0].Kind) : StatusCodes.Status500InternalServerError);

    public static NodeResult Fault(Fault fault) => ToFaultResult([fault]);

    public static NodeResult BadRequest(string message) => Fault(ApiFaults.BadRequest(message));

    public static NodeResult NotFound(string what, string id) => Fault(ApiFaults.NotFound(what, id));

    public static int StatusOf(FaultKind kind) => kind switch
    {
        FaultKind.BadRequest or FaultKind.NotSupported => StatusCodes.Status400BadRequest,
        FaultKind.NotFound => StatusCodes.Status404NotFound,
        FaultKind.Conflict => StatusCodes.Status409Conflict,
        FaultKind.HostFailure => StatusCodes.Status502BadGateway,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown fault kind."),
    };
}
