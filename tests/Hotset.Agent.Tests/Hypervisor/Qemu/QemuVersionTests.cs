using Hotset.Agent.Hypervisor.Qemu;

namespace Hotset.Agent.Tests.Hypervisor.Qemu;

public sealed class QemuVersionTests
{
    [Theory]
    [InlineData("QEMU emulator version 10.0.2 (Debian 1:10.0.2+ds-2+deb13u1~bpo12+1)\nCopyright", "10.0.2")]
    [InlineData("QEMU emulator version 7.2.15 (Debian 1:7.2+dfsg-7+deb12u12)", "7.2.15")]
    [InlineData("QEMU emulator version 9.1.50", "9.1.50")]
    public void Parse_VersionOutput_Version(string output, string expected) =>
        Assert.Equal(Version.Parse(expected), QemuVersion.Parse(output));

    [Fact]
    public void Parse_NotQemu_Null() => Assert.Null(QemuVersion.Parse("bash: qemu: command not found"));

    [Fact]
    public void ParseMachines_HelpOutput_Names()
    {
        const string help = "Supported machines are:\nmicrovm              microvm (i386)\npc                   Standard PC (alias of pc-i440fx-10.0)\nq35                  Standard PC (Q35 + ICH9, 2009) (alias of pc-q35-10.0)\nnone                 empty machine\n";

        Assert.Equal(["microvm", "pc", "q35"], QemuVersion.ParseMachines(help));
    }

    [Fact]
    public void Check_MissingBinary_SaysHowToInstall()
    {
        var problem = QemuVersion.Check("/nonexistent/qemu-system-x86_64", out var version);

        Assert.Null(version);
        Assert.Contains("Cannot run QEMU '/nonexistent/qemu-system-x86_64'", problem, StringComparison.Ordinal);
        Assert.Contains("install-deps.sh", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_OldQemu_RefusedNamingTheVersion()
    {
        var dir = Directory.CreateTempSubdirectory("hotset-oldqemu-");
        try
        {
            var fake = Path.Combine(dir.FullName, "qemu-system-x86_64");
            File.WriteAllText(fake, "#!/bin/sh\necho 'QEMU emulator version 7.2.15 (Debian 1:7.2+dfsg-7+deb12u12)'\n");
            File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserExecute);

            var problem = QemuVersion.Check(fake, out var version);

            Assert.Equal(new Version(7, 2, 15), version);
            Assert.Contains("QEMU 7.2.15 is too old: Hotset needs QEMU 10 or newer", problem, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
