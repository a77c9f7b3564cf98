using System.CommandLine;
using System.CommandLine.Help;
using Hotset.Cli.Commands;
using Hotset.Cli.Output;

namespace Hotset.Cli;

/// <summary>The <c>hotset</c> command line: builds the command tree and runs one command line to an exit code.</summary>
public static class HotsetCli
{
    private const string Overview = """
        Manage a Hotset engine from the command line: VMs, their CPUs (live hot plug), hosts, events and configuration.

        Connection: 'hotset login URL' stores a token; or set HOTSET_URL, HOTSET_USER (default admin@internal) and
        HOTSET_PASSWORD to log in per command. Output: a table (plain columns when piped), or JSON with --output json.
        """;

    /// <summary>Runs <paramref name="args"/> and returns the exit code; output goes to <paramref name="context"/>'s writers.</summary>
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken ct = default)
    {
        var root = Build(context);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not HelpWithExamples)
        {
            foreach (var error in parse.Errors)
            {
                await context.Error.WriteLineAsync("Error: " + error.Message);
            }

            var command = string.Join(' ', Path(parse.CommandResult.Command));
            await context.Error.WriteLineAsync($"Hint: see '{command} --help' for usage and examples.");
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(new InvocationConfiguration
        {
            Output = context.Out,
            Error = context.Error,
            EnableDefaultExceptionHandler = false,
        }, ct);
    }

    public static Command Build(CliContext context)
    {
        var output = new Option<OutputFormat?>("--output", "-o")
        {
            Description = "Output format: table (default; plain columns when piped) or json.",
            HelpName = "table|json",
            Recursive = true,
        };
        var cli = new CommandBuilder(context, output);
        // Not a RootCommand: that one takes the process's name, which is "testhost" or "dotnet" when not run as hotset.
        var root = new Command("hotset", Overview + "\n\n" + ExitCodes.HelpText) { output, new HelpOption(), new VersionOption() };
        foreach (var command in LoginCommands.Create(cli))
        {
            root.Add(command);
        }

        root.Add(VmCommands.Create(cli));
        root.Add(HostCommands.Create(cli));
        root.Add(EventsCommand.Create(cli));
        root.Add(ConfigCommands.Create(cli));
        cli.Examples[root] = ["hotset login http://localhost:8080", "hotset vm list", "hotset vm set-cpus web1 --sockets 4 --wait",
            "hotset events --follow"];
        UseExamplesInHelp(root, cli.Examples);
        return root;
    }

    private static void UseExamplesInHelp(Command root, Dictionary<Command, string[]> examples)
    {
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new HelpWithExamples((HelpAction)help.Action!, examples);
    }

    private static List<string> Path(Command command)
    {
        var names = new List<string>();
        for (Symbol? s = command; s is not null; s = s.Parents.FirstOrDefault())
        {
            names.Insert(0, s.Name);
        }

        return names;
    }
}
