using Hotset.Engine.Auth.Permissions;
using Hotset.Engine.Persistence.Auth;
using Microsoft.Extensions.Options;

namespace Hotset.Engine.Auth;

/// <summary>
/// At start: gives <c>admin@internal</c> the configured password, or a generated one shown once, and its SuperUser
/// permission on the system (stored so that <c>GET /permissions</c> shows it; the admin is a SuperUser regardless).
/// </summary>
internal sealed partial class AdminInitializer(IUserStore users, IPermissionStore permissions, IOptions<AuthOptions> options,
    ILogger<AdminInitializer> logger) : IHostedService
{
    public const string AdminUser = "admin@internal";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await SetPasswordAsync(cancellationToken);
        var admin = await users.FindAsync(AdminUser, cancellationToken)
            ?? throw new InvalidOperationException($"{AdminUser} was stored but cannot be read back.");
        var onSystem = await permissions.ListOnAsync(null, cancellationToken);
        if (!onSystem.Any(p => p.UserId == admin.Id && p.RoleId == Roles.SuperUser.Id))
        {
            await permissions.AddAsync(new Permission(Guid.NewGuid(), admin.Id, Roles.SuperUser.Id, null), cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task SetPasswordAsync(CancellationToken cancellationToken)
    {
        var configured = options.Value.AdminPassword;
        var stored = await users.GetPasswordHashAsync(AdminUser, cancellationToken);
        if (!string.IsNullOrEmpty(configured))
        {
            if (stored is null || !PasswordHasher.Verify(configured, stored))
            {
                await users.SetPasswordHashAsync(AdminUser, PasswordHasher.Hash(configured), cancellationToken);
            }

            return;
        }

        if (stored is null)
        {
            var generated = PasswordHasher.Generate();
            await users.SetPasswordHashAsync(AdminUser, PasswordHasher.Hash(generated), cancellationToken);
            Console.WriteLine($"Hotset: the password of {AdminUser} is {generated} (shown once; set HOTSET_ADMIN_PASSWORD to choose one).");
            LogGenerated(AdminUser);
        }
    }

    [LoggerMessage(1101, LogLevel.Warning, "Generated a password for {User}; it was printed on the console once")]
    private partial void LogGenerated(string user);
}
