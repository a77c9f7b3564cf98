using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace Hotset.Engine.Persistence.Secrets;

internal static class SecretProtectionServices
{
    /// <summary>
    /// Data Protection with its key ring in <see cref="DatabaseOptions.KeyDirectoryOrDefault"/> (mode 0700, key files
    /// 0600), and the <see cref="ISecretProtector"/> the stores use.
    /// </summary>
    public static IServiceCollection AddSecretProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("Hotset.Engine");
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<DatabaseOptions>, ILoggerFactory>((o, database, logs) =>
        {
            var directory = PrivateFiles.Directory(database.Value.KeyDirectoryOrDefault);
            o.XmlRepository = new PrivateXmlRepository(new FileSystemXmlRepository(new DirectoryInfo(directory), logs), directory);
        });
        services.AddSingleton<ISecretProtector, DataProtectionSecretProtector>();
        return services;
    }
}
