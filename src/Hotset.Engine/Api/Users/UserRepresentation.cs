using Hotset.Engine.Api.Representations;
using Hotset.Engine.Auth;

namespace Hotset.Engine.Api.Users;

/// <summary>oVirt's <c>&lt;user&gt;</c>: <c>name</c>, <c>principal</c>, <c>user_name</c>, <c>namespace</c>, <c>domain</c>.</summary>
public static class UserRepresentation
{
    /// <summary>The one domain, the engine's internal users (oVirt's internal authz domain).</summary>
    public static Guid DomainId { get; } = Guid.Parse("8c67e4a5-bd8a-4d2e-9a6b-2b5b0e6a7c11");

    /// <summary>What a new user may carry: a <c>user_name</c> (or <c>principal</c>) and the <c>password</c> an administrator sets.</summary>
    public static InputShape Shape { get; } = new("user")
    {
        "user_name", "principal", "name", "password", "namespace", "domain_entry_id",
        new InputShape("domain") { "name" },
    };

    public static Node ToNode(EngineUser user)
    {
        var id = user.Id.ToString();
        return new Node("user").Attr("href", $"{ApiPaths.Root}/users/{id}").Attr("id", id)
            .Add("name", user.Principal)
            .Add("domain_entry_id", id)
            .Add("namespace", "*")
            .Add("principal", user.Principal)
            .Add("user_name", user.UserName)
            .Add(new Node("domain").Attr("id", DomainId.ToString()).Add("name", EngineUser.Domain));
    }

    public static Node ToList(IEnumerable<EngineUser> users) => Node.Collection("users", "user", users.Select(ToNode));
}
