namespace Hotset.Cli.Tests;

/// <summary>What the CLI does before it reaches an engine: help, usage errors, missing login.</summary>
public sealed class CliBasicsTests : IDisposable
{
    private readonly string _config = Directory.CreateTempSubdirectory("hotset-cli-basics-").FullName;

    public void Dispose() => Directory.Delete(_config, recursive: true);

    private Task<CliResult> RunAsync(params string[] args) => CliRun.RunAsync(new Dictionary<string, string?>(), _config, args);

    [Fact]
    public async Task Help_SetCpus_ShowsExitCodesAndExamples()
    {
        var result = await RunAsync("vm", "set-cpus", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("hotset vm set-cpus <VM> [options]", result.Out, StringComparison.Ordinal);
        Assert.Contains("4  hot set failed on the host (event 2034", result.Out, StringComparison.Ordinal);
        Assert.Contains("7  applied but not confirmed by the guest", result.Out, StringComparison.Ordinal);
        Assert.Contains("Examples:\n  hotset vm set-cpus web1 --sockets 4", result.Out.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("vm")]
    [InlineData("events")]
    [InlineData("config")]
    [InlineData("host")]
    [InlineData("login")]
    public async Task Help_EveryCommandGroup_HasExamplesOrSubcommands(string command)
    {
        var result = await RunAsync(command, "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.True(result.Out.Contains("Examples:", StringComparison.Ordinal) || result.Out.Contains("Commands:", StringComparison.Ordinal), result.Out);
    }

    [Theory]
    [InlineData("vm", "set-cpus", "web1")]
    [InlineData("vm", "set-cpus", "web1", "--sockets", "many")]
    [InlineData("vm", "frobnicate")]
    [InlineData("vm")]
    [InlineData("config", "set", "MaxNumOfVmSockets")]
    public async Task BadCommandLine_ExitsWithUsageCodeAndHint(params string[] args)
    {
        var result = await RunAsync(args);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.StartsWith("Error: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("--help' for usage and examples.", result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task NotLoggedIn_ExitsWithAuthenticationCodeAndHint()
    {
        var result = await RunAsync("vm", "list");

        Assert.Equal(ExitCodes.AuthenticationFailed, result.ExitCode);
        Assert.Contains("Not logged in", result.Error, StringComparison.Ordinal);
        Assert.Contains("Hint: Run 'hotset login URL'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EngineUnreachable_SentenceAndHintNoStackTrace()
    {
        var env = new Dictionary<string, string?> { ["HOTSET_URL"] = "http://127.0.0.1:9", ["HOTSET_PASSWORD"] = "x" };

        var result = await CliRun.RunAsync(env, _config, ["vm", "list"]);

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.StartsWith("Error: Cannot reach the engine", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }
}

/// <summary>The table renderer on a terminal and when piped.</summary>
public sealed class PrinterTests
{
    private static readonly string[] Headers = ["NAME", "STATUS"];

    private static string Render(bool terminal, Output.OutputFormat format)
    {
        using var writer = new StringWriter();
        var printer = new Output.Printer(new CliContext { Out = writer, Error = TextWriter.Null, IsTerminal = terminal }, format);
        printer.Table(Headers, [["web1", "up"], ["[db]", "down"]], new[] { new { name = "web1" } });
        return writer.ToString();
    }

    [Fact]
    public void Table_OnTerminal_DrawsBoxWithCellsVerbatim()
    {
        var text = Render(terminal: true, Output.OutputFormat.Table);

        Assert.Contains("╭", text, StringComparison.Ordinal);
        Assert.Contains("[db]", text, StringComparison.Ordinal);
        Assert.Contains("STATUS", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Table_Piped_PlainAlignedColumns()
    {
        Assert.Equal("NAME  STATUS\nweb1  up\n[db]  down\n", Render(terminal: false, Output.OutputFormat.Table).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Json_EvenOnTerminal_IsJson()
    {
        Assert.Equal("[\n  {\n    \"name\": \"web1\"\n  }\n]\n", Render(terminal: true, Output.OutputFormat.Json).ReplaceLineEndings("\n"));
    }
}
