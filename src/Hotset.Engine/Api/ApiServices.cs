using Hotset.Engine.Api.Clusters;
using Hotset.Engine.Api.DataCenters;
using Hotset.Engine.Api.EngineConfig;
using Hotset.Engine.Api.Events;
using Hotset.Engine.Api.Hosts;
using Hotset.Engine.Api.OperatingSystems;
using Hotset.Engine.Api.Permissions;
using Hotset.Engine.Api.Representations;
using Hotset.Engine.Api.Roles;
using Hotset.Engine.Api.Templates;
using Hotset.Engine.Api.Users;
using Hotset.Engine.Api.Vms;
using Hotset.Engine.Auth;
using Hotset.Engine.Auth.Permissions;
using Scalar.AspNetCore;

namespace Hotset.Engine.Api;

public static class ApiServices
{
    /// <summary>The OpenAPI document of the REST API.</summary>
    public static IServiceCollection AddApi(this IServiceCollection services)
    {
        services.AddOpenApi();
        services.AddScoped<VmStatistics>();
        services.AddKeyedSingleton<EntryCache>(VmListResult.CacheKey);
        services.AddOptions<RequestLimitsOptions>().BindConfiguration(RequestLimitsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }

    /// <summary>
    /// The request pipeline and every route: oVirt's REST API under <c>/ovirt-engine/api</c> (and <c>/v4</c>), the
    /// SSO endpoints, and the OpenAPI document and reference page under <c>/ovirt-engine/apidoc</c>.
    /// </summary>
    public static WebApplication UseApi(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            PathRewrite.Apply(context.Request);
            return next(context);
        });
        app.UseMiddleware<CorrelationMiddleware>();
        app.UseMiddleware<ApiExceptionMiddleware>();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<PermissionMiddleware>();

        app.MapSso();
        app.MapOpenApi(ApiPaths.DocRoot + "/openapi.json").AllowAnonymous();
        app.MapScalarApiReference(ApiPaths.DocRoot, o => o.WithOpenApiRoutePattern(ApiPaths.DocRoot + "/openapi.json"))
            .AllowAnonymous();

        var api = app.MapGroup(ApiPaths.Root);
        api.MapRoot();
        api.MapVms();
        api.MapHosts();
        api.MapClusters();
        api.MapTemplates();
        api.MapEvents();
        api.MapEngineConfig();
        api.MapOperatingSystems();
        api.MapUsers();
        api.MapRoles();
        api.MapPermissions();
        api.MapDataCenters();
        api.MapVmSubCollections();
        api.MapHostStatistics();
        return app;
    }
}
