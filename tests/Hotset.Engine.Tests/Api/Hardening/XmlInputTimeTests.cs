using System.Diagnostics;
using System.Text;
using Hotset.Engine.Api.Representations;

namespace Hotset.Engine.Tests.Api.Hardening;

/// <summary>Reading XML takes time linear in the body, however its text is split.</summary>
public sealed class XmlInputTimeTests
{
    [Fact]
    public async Task ReadAsync_TextIn70000CdataSections_ReadWholeWithinASecond()
    {
        const int sections = 70_000;
        var xml = new StringBuilder("<vm><description>");
        xml.Insert(xml.Length, "<![CDATA[ab]]>", sections).Append("</description></vm>");
        using var body = new MemoryStream(Encoding.UTF8.GetBytes(xml.ToString()));
        var watch = Stopwatch.StartNew();

        var vm = await XmlInput.ReadAsync(body, CancellationToken.None);

        Assert.InRange(watch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        Assert.Equal(2 * sections, vm.Child("description")!.Text!.Length);
    }

    [Fact]
    public async Task ReadAsync_MixedTextAndChildren_KeepsLeafTextAndAttributes()
    {
        using var body = new MemoryStream(Encoding.UTF8.GetBytes(
            "<vm id=\"7\"><name> a<![CDATA[b]]>c </name><cpu><topology sockets=\"2\"/></cpu><empty/></vm>"));

        var vm = await XmlInput.ReadAsync(body, CancellationToken.None);

        Assert.Equal("abc", vm.Value("name"));
        Assert.Equal("7", vm.Value("id"));
        Assert.Equal("2", vm.Child("cpu")!.Child("topology")!.Value("sockets"));
        Assert.Null(vm.Child("empty")!.Text);
        Assert.Null(vm.Text);
    }
}
