using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text;

namespace Hotset.Engine.Tests.Api.Hardening;

/// <summary>
/// <c>make run</c> (<c>scripts/run.sh</c>) with stand-ins for <c>dotnet</c> and <c>curl</c> on the PATH: the admin
/// password is printed only on the run that generated it, never reaches a command line, and the data directory,
/// password file and logs are their owner's only.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class RunScriptSecretsTests : IDisposable
{
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerDirectory = OwnerFile | UnixFileMode.UserExecute;
    private static readonly string Repository = FindRepository();

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("hotset-run-");

    public RunScriptSecretsTests()
    {
        var bin = Directory.CreateDirectory(Path.Combine(_root.FullName, "bin")).FullName;
        WriteExecutable(Path.Combine(bin, "dotnet"), """
            #!/bin/sh
            case "$1" in
              build) exit 0 ;;
              Hotset.Agent.dll)
                for a in "$@"; do case "$a" in --Agent:StateDirectory=*) state=${a#*=} ;; esac; done
                echo "0123456789abcdef" >"$state/agent.secret"
                echo "agent running"; exec sleep 30 ;;
              *) echo "engine running"; exec sleep 30 ;;
            esac
            """);
        WriteExecutable(Path.Combine(bin, "curl"), $"""
            #!/bin/sh
            echo "$*" >>"{_root.FullName}/curl-args"
            case "$*" in *health/ready*) cat "{_root.FullName}/ready.json" ;; esac
            exit 0
            """);
        File.WriteAllText(Path.Combine(_root.FullName, "ready.json"), """{"status":"Healthy","checks":{"hosts":{"data":{"local":"up"}}}}""");
        Directory.CreateDirectory(Path.Combine(_root.FullName, "artifacts", "bin", "Hotset.Agent", "release"));
        Directory.CreateDirectory(Path.Combine(_root.FullName, "artifacts", "bin", "Hotset.Engine", "release"));
    }

    private string Data => Path.Combine(_root.FullName, "data");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task Run_GeneratedPassword_PrintedOnTheFirstRunOnly()
    {
        var first = await RunAsync(adminPassword: null);
        var password = (await File.ReadAllTextAsync(Path.Combine(Data, "admin-password"))).Trim();
        Assert.True(password.Length >= 16, first);
        Assert.Contains(password, first, StringComparison.Ordinal);

        var second = await RunAsync(adminPassword: null);

        Assert.DoesNotContain(password, second, StringComparison.Ordinal);
        Assert.Contains($"password in {Data}/admin-password", second, StringComparison.Ordinal);
        Assert.DoesNotContain(password, await File.ReadAllTextAsync(Path.Combine(_root.FullName, "curl-args")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_PasswordFromTheEnvironment_NeverPrintedNorOnACommandLine()
    {
        const string chosen = "env-chosen-password-42";

        var output = await RunAsync(adminPassword: chosen);

        Assert.DoesNotContain(chosen, output, StringComparison.Ordinal);
        Assert.Contains("password from HOTSET_ADMIN_PASSWORD", output, StringComparison.Ordinal);
        Assert.DoesNotContain(chosen, await File.ReadAllTextAsync(Path.Combine(_root.FullName, "curl-args")), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Data, "admin-password")));
    }

    [Fact]
    public async Task Run_OlderDataReadableByOthers_DataDirectoryPasswordAndLogsBecomeOwnerOnly()
    {
        const UnixFileMode open = UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        Directory.CreateDirectory(Path.Combine(Data, "agent"), OwnerDirectory | open | UnixFileMode.OtherExecute);
        new DirectoryInfo(Data).UnixFileMode = OwnerDirectory | open | UnixFileMode.OtherExecute;
        foreach (var old in new[] { "engine.log", "agent.log", "build.log", "admin-password" })
        {
            var path = Path.Combine(Data, old);
            await File.WriteAllTextAsync(path, "old-content-0123456789\n");
            File.SetUnixFileMode(path, OwnerFile | open);
        }

        await RunAsync(adminPassword: null);

        Assert.Equal(OwnerDirectory, new DirectoryInfo(Data).UnixFileMode);
        Assert.Equal(OwnerDirectory, new DirectoryInfo(Path.Combine(Data, "agent")).UnixFileMode);
        foreach (var file in new[] { "engine.log", "engine.log.1", "agent.log", "agent.log.1", "build.log", "admin-password" })
        {
            Assert.True(File.GetUnixFileMode(Path.Combine(Data, file)) == OwnerFile, $"{file} is {File.GetUnixFileMode(Path.Combine(Data, file))}");
        }
    }

    /// <summary>Runs run.sh until it has printed its tour, then stops it as Ctrl-C would; returns what it printed.</summary>
    private async Task<string> RunAsync(string? adminPassword)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(Repository, "scripts", "run.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PATH"] = Path.Combine(_root.FullName, "bin") + ":" + Environment.GetEnvironmentVariable("PATH");
        start.Environment["HOTSET_DATA_DIR"] = Data;
        start.Environment["HOTSET_ARTIFACTS"] = Path.Combine(_root.FullName, "artifacts");
        start.Environment["HOTSET_GUEST_DIR"] = Path.Combine(_root.FullName, "guest");
        start.Environment.Remove("HOTSET_ADMIN_PASSWORD");
        if (adminPassword is not null)
        {
            start.Environment["HOTSET_ADMIN_PASSWORD"] = adminPassword;
        }

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var errors = process.StandardError.ReadToEndAsync();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(stop.Token) is { } line)
            {
                output.AppendLine(line);
                if (line.StartsWith("Ctrl-C stops", StringComparison.Ordinal))
                {
                    break;
                }
            }
        }
        finally
        {
            using (var interrupt = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await interrupt.WaitForExitAsync();
            }

            output.Append(await process.StandardOutput.ReadToEndAsync());
            await process.WaitForExitAsync();
        }

        return output + await errors;
    }

    private static void WriteExecutable(string path, string text)
    {
        File.WriteAllText(path, text.ReplaceLineEndings("\n") + "\n");
        File.SetUnixFileMode(path, OwnerDirectory);
    }

    private static string FindRepository()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Hotset.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root (Hotset.slnx) was not found.");
    }
}
