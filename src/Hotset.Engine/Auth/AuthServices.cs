using Microsoft.AspNetCore.Authorization;

namespace Hotset.Engine.Auth;

public static class AuthServices
{
    /// <summary>
    /// Bearer and Basic authentication with failed logins throttled (<c>Engine:Logins</c>); every endpoint requires a
    /// user unless it allows anonymous access.
    /// </summary>
    public static IServiceCollection AddEngineAuth(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<LoginThrottleOptions>().BindConfiguration(LoginThrottleOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<Authenticator>();
        services.AddHostedService<AdminInitializer>();
        services.AddAuthentication(EngineAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, EngineAuthenticationHandler>(
                EngineAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return services;
    }
}
