using System.CommandLine;
using System.Net;
using Hotset.Cli.Output;
using Hotset.Client;

namespace Hotset.Cli;

/// <summary>
/// Makes commands whose actions all end the same way: results through a <see cref="Printer"/>, and every failure as
/// the engine's fault text plus a hint and an exit code, never a stack trace. The one catch site of the CLI.
/// </summary>
public sealed class CommandBuilder(CliContext context, Option<OutputFormat?> output)
{
    public Dictionary<Command, string[]> Examples { get; } = [];

    public Command Command(string name, string description, Func<Invocation, CancellationToken, Task<int>> action,
        params string[] examples)
    {
        var command = new Command(name, description);
        command.SetAction((parse, ct) => RunAsync(parse, action, ct));
        Examples[command] = examples;
        return command;
    }

    public Command Group(string name, string description, params Command[] subcommands)
    {
        var group = new Command(name, description);
        foreach (var sub in subcommands)
        {
            group.Add(sub);
        }

        return group;
    }

    private async Task<int> RunAsync(ParseResult parse, Func<Invocation, CancellationToken, Task<int>> action, CancellationToken ct)
    {
        var format = parse.GetValue(output) ?? OutputFormat.Table;
        try
        {
            return await action(new Invocation(parse, context, new Printer(context, format)), ct);
        }
        catch (CliException e)
        {
            return Fail(e.Message, e.Hint, e.ExitCode);
        }
        catch (HotsetApiException e) when (e.Status == HttpStatusCode.Unauthorized)
        {
            return Fail(Text(e), "Log in again with 'hotset login URL' (or check HOTSET_USER and HOTSET_PASSWORD).",
                ExitCodes.AuthenticationFailed);
        }
        catch (HotsetApiException e)
        {
            return Fail(Text(e), HintFor(e.Status), ExitCodes.Error);
        }
        catch (HttpRequestException e)
        {
            return Fail($"Cannot reach the engine: {e.Message}",
                "Check that the engine runs and the address is right (HOTSET_URL or 'hotset login URL').", ExitCodes.Error);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return Fail("Interrupted.", null, 130);
        }
#pragma warning disable CA1031 // The one catch site: a user sees a sentence, never a stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return Fail($"Unexpected error: {e.Message}", "Run again; if it persists, report it with the command line.", ExitCodes.Error);
        }
    }

    private int Fail(string message, string? hint, int code)
    {
        context.Error.WriteLine("Error: " + message);
        if (hint is not null)
        {
            context.Error.WriteLine("Hint: " + hint);
        }

        return code;
    }

    internal static string Text(HotsetApiException e) => string.IsNullOrEmpty(e.DetailText) ? e.Reason : e.DetailText;

    internal static string? HintFor(HttpStatusCode status) => status switch
    {
        HttpStatusCode.BadRequest => "Fix the request as the message says and run it again.",
        HttpStatusCode.NotFound => "Check the name or id ('hotset vm list', 'hotset host list').",
        HttpStatusCode.Conflict => "The entity is not in a state that allows this now; change its state or wait, then retry.",
        HttpStatusCode.BadGateway => "The host failed; see 'hotset events' and the host's agent log.",
        _ => null,
    };
}
