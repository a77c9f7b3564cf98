using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Hotset.Cli;

/// <summary>The standard <c>--help</c> followed by an <c>Examples:</c> section for the command asked about.</summary>
internal sealed class HelpWithExamples(HelpAction help, IReadOnlyDictionary<Command, string[]> examples) : SynchronousCommandLineAction
{
    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        var code = help.Invoke(parseResult);
        var output = parseResult.InvocationConfiguration.Output;
        if (examples.TryGetValue(parseResult.CommandResult.Command, out var lines) && lines.Length > 0)
        {
            output.WriteLine("Examples:");
            foreach (var line in lines)
            {
                output.WriteLine("  " + line);
            }

            output.WriteLine();
        }

        return code;
    }
}
