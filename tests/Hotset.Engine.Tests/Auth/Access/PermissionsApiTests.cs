using System.Net;
using Hotset.Engine.Api.Vms;
using Hotset.Engine.Audit;
using Hotset.Engine.Tests.Api;

namespace Hotset.Engine.Tests.Auth.Access;

/// <summary>
/// Permissions at work: a UserVmManager sees and runs only its VM, hot plugs its CPUs through the engine's real
/// commands, and its actions are logged under its name; revoking the permission ends it.
/// </summary>
public sealed class PermissionsApiTests : IAsyncLifetime
{
    private readonly EngineApp _app = new(fakeHost: true);
    private HttpClient _admin = null!;
    private string _userId = "";
    private string _vmA = "";
    private string _vmB = "";

    public async Task InitializeAsync()
    {
        _admin = _app.Admin();
        await _app.AddUpHostAsync();
        _vmA = await _admin.AddVmAsync("mine");
        _vmB = await _admin.AddVmAsync("theirs");
        _userId = await _admin.AddUserAsync("vmuser");
    }

    public Task DisposeAsync()
    {
        _admin.Dispose();
        _app.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task UserVmManager_ListShowsOnlyItsVm_AndNoPermissionShowsNone()
    {
        using var user = _app.As("vmuser");
        Assert.Empty((await (await user.GetAsync(ApiClient.Api + "/vms")).XmlOf()).Elements("vm"));

        await _admin.GrantAsync(_userId, "UserVmManager", _vmA);
        var vms = await (await user.GetAsync(ApiClient.Api + "/vms")).XmlOf();
        Assert.Equal([_vmA], vms.Elements("vm").Select(v => v.Attribute("id")!.Value));
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync($"{ApiClient.Api}/vms/{_vmA}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync($"{ApiClient.Api}/vms/{_vmB}")).StatusCode);
        // An unknown VM is refused like a VM the user may not see: ids cannot be probed.
        Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync($"{ApiClient.Api}/vms/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task UserVmManager_StartsAndHotPlugsItsVm_EventsNameTheUser()
    {
        await _admin.GrantAsync(_userId, "UserVmManager", _vmA);
        using var user = _app.As("vmuser");
        Assert.Equal(HttpStatusCode.OK, (await user.PostAsync($"{ApiClient.Api}/vms/{_vmA}/start", ApiClient.Xml("<action/>"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync($"{ApiClient.Api}/vms/{_vmA}/cpuoptions")).StatusCode);

        var response = await user.PutAsync($"{ApiClient.Api}/vms/{_vmA}",
            ApiClient.Xml("<vm><cpu><topology><sockets>2</sockets></topology></cpu></vm>"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("applied", Assert.Single(response.Headers.GetValues(HotSetHeader.Name)), StringComparison.Ordinal);
        Assert.Equal(2, (await _app.VmAsync(_vmA)).Configuration.Topology.Sockets);

        var events = await _app.EventsAsync();
        Assert.Contains(events, e => e.Code == AuditEventCodes.VmStarted && e.UserName == "vmuser@internal"
            && e.Message.Contains("started by vmuser@internal", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Code == AuditEventCodes.HotSet && e.VmId == Guid.Parse(_vmA));
        Assert.Contains(events, e => e.Code == AuditEventCodes.VmUpdated && e.UserName == "vmuser@internal");

        Assert.Equal(HttpStatusCode.Forbidden, (await user.PostAsync($"{ApiClient.Api}/vms/{_vmB}/start", ApiClient.Xml("<action/>"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await user.PutAsync($"{ApiClient.Api}/vms/{_vmB}",
            ApiClient.Xml("<vm><cpu><topology><sockets>2</sockets></topology></cpu></vm>"))).StatusCode);
    }

    [Fact]
    public async Task Permissions_ListedInOvirtShape_RevokeEndsAccess()
    {
        var pid = await _admin.GrantAsync(_userId, "UserVmManager", _vmA);
        var list = await (await _admin.GetAsync($"{ApiClient.Api}/vms/{_vmA}/permissions")).XmlOf();
        var permission = Assert.Single(list.Elements("permission"));
        Assert.Equal(pid, permission.Attribute("id")?.Value);
        Assert.Equal($"{ApiClient.Api}/vms/{_vmA}/permissions/{pid}", permission.Attribute("href")?.Value);
        Assert.Equal("UserVmManager", permission.Element("role")?.Element("name")?.Value);
        Assert.Equal(_userId, permission.Element("user")?.Attribute("id")?.Value);
        Assert.Equal(_vmA, permission.Element("vm")?.Attribute("id")?.Value);
        Assert.Empty((await (await _admin.GetAsync($"{ApiClient.Api}/vms/{_vmB}/permissions")).XmlOf()).Elements("permission"));

        using var user = _app.As("vmuser");
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync($"{ApiClient.Api}/vms/{_vmA}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.DeleteAsync($"{ApiClient.Api}/vms/{_vmB}/permissions/{pid}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _admin.DeleteAsync($"{ApiClient.Api}/vms/{_vmA}/permissions/{pid}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync($"{ApiClient.Api}/vms/{_vmA}")).StatusCode);

        var events = await _app.EventsAsync();
        Assert.Contains(events, e => e.Code == AuditEventCodes.PermissionAdded && e.UserName == "admin@internal"
            && e.Message == "User/Group vmuser@internal was granted permission for Role UserVmManager on VM mine, by admin@internal.");
        Assert.Contains(events, e => e.Code == AuditEventCodes.PermissionRemoved
            && e.Message == "User/Group vmuser@internal Role UserVmManager permission was removed from VM mine by admin@internal.");
    }

    [Fact]
    public async Task SystemPermissions_AdminIsSuperUserAndCannotLoseIt_ReadOnlyAdminReadsAll()
    {
        var system = await (await _admin.GetAsync(ApiClient.Api + "/permissions")).XmlOf();
        var adminPermission = Assert.Single(system.Elements("permission"));
        Assert.Equal("SuperUser", adminPermission.Element("role")?.Element("name")?.Value);
        Assert.Null(adminPermission.Element("vm"));
        var refused = await _admin.DeleteAsync($"{ApiClient.Api}/permissions/{adminPermission.Attribute("id")!.Value}");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);

        await _admin.GrantAsync(_userId, "ReadOnlyAdmin", null);
        using var user = _app.As("vmuser");
        Assert.Equal(2, (await (await user.GetAsync(ApiClient.Api + "/vms")).XmlOf()).Elements("vm").Count());
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync(ApiClient.Api + "/hosts")).StatusCode);
        var denied = await user.PutAsync($"{ApiClient.Api}/vms/{_vmA}", ApiClient.Xml("<vm><comment>x</comment></vm>"));
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.StartsWith("[User is not authorized to perform this action. vmuser@internal may not do this",
            await denied.FaultDetailAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<permission><role><name>Nope</name></role><user id=\"{user}\"/></permission>", HttpStatusCode.BadRequest, "is not one")]
    [InlineData("<permission><role><name>UserVmManager</name></role><user><user_name>ghost@internal</user_name></user></permission>",
        HttpStatusCode.BadRequest, "that exists")]
    [InlineData("<permission><role><name>UserVmManager</name></role><user><user_name>vmuser</user_name></user></permission>",
        HttpStatusCode.Created, "")]
    public async Task Grant_ReadsRoleAndUser(string body, HttpStatusCode status, string detail)
    {
        var response = await _admin.PostAsync($"{ApiClient.Api}/vms/{_vmA}/permissions", ApiClient.Xml(body.Replace("{user}", _userId, StringComparison.Ordinal)));
        Assert.Equal(status, response.StatusCode);
        if (status != HttpStatusCode.Created)
        {
            Assert.Contains(detail, await response.FaultDetailAsync(), StringComparison.Ordinal);
        }
        else
        {
            var again = await _admin.PostAsync($"{ApiClient.Api}/vms/{_vmA}/permissions", ApiClient.Xml(body));
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }
    }

    [Fact]
    public async Task Roles_ListsThePredefinedRoles()
    {
        using var user = _app.As("vmuser");
        var roles = await (await user.GetAsync(ApiClient.Api + "/roles")).XmlOf();
        Assert.Equal(["SuperUser", "UserVmManager", "ReadOnlyAdmin"], roles.Elements("role").Select(r => r.Element("name")!.Value));
    }
}
