using System.CommandLine;
using Hotset.Cli.Connection;
using Hotset.Cli.Output;
using Hotset.Client;

namespace Hotset.Cli;

/// <summary>One run of a command: its parsed line, the process context, and the printer for its result.</summary>
public sealed class Invocation(ParseResult parse, CliContext context, Printer printer)
{
    public ParseResult Parse => parse;
    public CliContext Context => context;
    public Printer Printer => printer;

    public T? Get<T>(Option<T> option) => parse.GetValue(option);

    public T Get<T>(Argument<T> argument) => parse.GetRequiredValue(argument);

    public Task<HotsetClient> ConnectAsync(CancellationToken ct) => Session.ConnectAsync(context, ct);

    public static async Task<Vm> VmAsync(HotsetClient client, string nameOrId, CancellationToken ct) =>
        await client.Vms.FindAsync(nameOrId, ct)
        ?? throw new CliException($"There is no VM named or with id '{nameOrId}'.", "List the VMs with 'hotset vm list'.");

    public static async Task<Host> HostAsync(HotsetClient client, string nameOrId, CancellationToken ct) =>
        await client.Hosts.FindAsync(nameOrId, ct)
        ?? throw new CliException($"There is no host named or with id '{nameOrId}'.", "List the hosts with 'hotset host list'.");
}
