using Hotset.Agent.Hypervisor.Qemu;

namespace Hotset.Agent.Tests.Hypervisor.Qemu;

public sealed class CreatedVcpusFileTests : IDisposable
{
    private readonly string _directory = TestGuest.NewRunDirectory();

    private string Path => System.IO.Path.Combine(_directory, "vcpus-created");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void AddAndSet_EachWriteIsReadBackByTheNextAgent()
    {
        File.WriteAllText(Path, "7");
        using var file = CreatedVcpusFile.Open(Path, CreatedVcpusFile.Read(Path)!.Value);

        file.Add(1);
        Assert.Equal((8, 8), (file.Count, CreatedVcpusFile.Read(Path)));
        file.Add(95);
        Assert.Equal((103, 103), (file.Count, CreatedVcpusFile.Read(Path)));
        file.Set(104);
        Assert.Equal(104, CreatedVcpusFile.Read(Path));
    }

    [Fact]
    public void Add_OverALongerOlderValue_LeavesNoDigitsOfIt()
    {
        File.WriteAllText(Path, "123456789");
        using var file = CreatedVcpusFile.Open(Path, 2);

        file.Add(1);

        Assert.Equal(3, CreatedVcpusFile.Read(Path));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("x1")]
    public void Read_MissingOrUnreadable_IsNull(string? content)
    {
        if (content is not null)
        {
            File.WriteAllText(Path, content);
        }

        Assert.Null(CreatedVcpusFile.Read(Path));
    }
}
