using Hotset.Engine.Api.Representations;
using Hotset.Engine.Audit;
using Hotset.Engine.Auth;
using Hotset.Engine.Auth.Permissions;
using Hotset.Engine.Persistence.Auth;

namespace Hotset.Engine.Api.Users;

/// <summary>
/// <c>/ovirt-engine/api/users</c>: the engine's internal users. Unlike oVirt, where users come from a directory,
/// an administrator adds a user with its first password (<c>&lt;user&gt;&lt;user_name&gt;bob@internal&lt;/user_name&gt;
/// &lt;password&gt;…&lt;/password&gt;&lt;/user&gt;</c>); a new user may do nothing until it is given a permission.
/// </summary>
public static class UserEndpoints
{
    public static IEndpointRouteBuilder MapUsers(this IEndpointRouteBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("users");
        users.MapGet("/", async (IUserStore store, CancellationToken ct) =>
            new NodeResult(UserRepresentation.ToList(await store.ListAsync(ct))))
            .WithSummary("List the internal users.").RequireOnSystem(ActionGroup.ReadSystem);
        users.MapGet("/{id}", async (string id, IUserStore store, CancellationToken ct) =>
            await FindAsync(id, store, ct) is { } user ? new NodeResult(UserRepresentation.ToNode(user)) : FaultResults.NotFound("user", id))
            .WithSummary("A user.").RequireOnSystem(ActionGroup.ReadSystem);
        users.MapPost("/", AddAsync).WithSummary("Add an internal user with the password the administrator sets.")
            .RequireOnSystem(ActionGroup.ConfigureSystem);
        users.MapDelete("/{id}", RemoveAsync).WithSummary("Remove a user with its permissions and access tokens.")
            .RequireOnSystem(ActionGroup.ConfigureSystem);
        return api;
    }

    private static async Task<IResult> AddAsync(HttpContext context, IUserStore store, IAuditLog audit, TimeProvider clock,
        CancellationToken ct)
    {
        var (node, fault) = await ApiInput.ReadAsync(context.Request, UserRepresentation.Shape, ct);
        if (node is null)
        {
            return fault!;
        }

        var errors = new InputErrors();
        if (UserInput.Read(node, errors) is not { } input)
        {
            return errors.ToFault();
        }

        var (userName, password) = input;
        var user = new EngineUser(Guid.NewGuid(), userName, clock.GetUtcNow());
        try
        {
            await store.AddAsync(user, PasswordHasher.Hash(password), ct);
        }
        catch (DuplicateNameException)
        {
            return FaultResults.Fault(ApiFaults.Conflict($"A user named '{userName}' already exists; choose another name."));
        }

        await audit.AddAsync(PermissionEvents.UserAdded(user, ApiCaller.Of(context)), ct);
        var result = new NodeResult(UserRepresentation.ToNode(user), StatusCodes.Status201Created);
        result.Headers["Location"] = $"{ApiPaths.Root}/users/{user.Id}";
        return result;
    }

    private static async Task<IResult> RemoveAsync(string id, HttpContext context, IUserStore store, IAuditLog audit,
        Authenticator authenticator, CancellationToken ct)
    {
        if (await FindAsync(id, store, ct) is not { } user)
        {
            return FaultResults.NotFound("user", id);
        }

        if (user.UserName == AdminInitializer.AdminUser)
        {
            return FaultResults.Fault(ApiFaults.Conflict(
                $"{AdminInitializer.AdminUser} is the built-in administrator and cannot be removed; change its password instead."));
        }

        if (!await store.RemoveAsync(user.Id, ct))
        {
            return FaultResults.NotFound("user", id);
        }

        // A remembered Basic password of the removed user must not keep working for its last minute.
        authenticator.ForgetVerified();
        await audit.AddAsync(PermissionEvents.UserRemoved(user, ApiCaller.Of(context)), ct);
        return new NodeResult(new Node("action").Add("status", "complete"));
    }

    internal static async Task<EngineUser?> FindAsync(string id, IUserStore store, CancellationToken ct) =>
        Guid.TryParse(id, out var guid) ? await store.GetAsync(guid, ct) : null;
}
