using System.Runtime.Versioning;
using Hotset.Engine.Tests.Testing;

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
    private readonly RunScriptSandbox _sandbox = new("hotset-run-");

    public RunScriptSecretsTests()
    {
        _sandbox.WriteTool("curl", $"""
            #!/bin/sh
            echo "$*" >>"{_sandbox.Root}/curl-args"
            case "$*" in *health/ready*) cat "{_sandbox.Root}/ready.json" ;; esac
            exit 0
            """);
        File.WriteAllText(Path.Combine(_sandbox.Root, "ready.json"), """{"status":"Healthy","checks":{"hosts":{"data":{"local":"up"}}}}""");
    }

    private string Data => _sandbox.Data;

    public void Dispose() => _sandbox.Dispose();

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
        Assert.DoesNotContain(password, await File.ReadAllTextAsync(Path.Combine(_sandbox.Root, "curl-args")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_PasswordFromTheEnvironment_NeverPrintedNorOnACommandLine()
    {
        const string chosen = "env-chosen-password-42";

        var output = await RunAsync(adminPassword: chosen);

        Assert.DoesNotContain(chosen, output, StringComparison.Ordinal);
        Assert.Contains("password from HOTSET_ADMIN_PASSWORD", output, StringComparison.Ordinal);
        Assert.DoesNotContain(chosen, await File.ReadAllTextAsync(Path.Combine(_sandbox.Root, "curl-args")), StringComparison.Ordinal);
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

    private async Task<string> RunAsync(string? adminPassword) =>
        (await _sandbox.RunAsync(new Dictionary<string, string?> { ["HOTSET_ADMIN_PASSWORD"] = adminPassword }, TimeSpan.FromSeconds(60))).Output;
}
