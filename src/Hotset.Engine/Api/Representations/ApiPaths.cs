namespace Hotset.Engine.Api.Representations;

/// <summary>Where the API lives; hrefs are written under <see cref="Root"/> as oVirt v4 writes them.</summary>
public static class ApiPaths
{
    public const string Root = "/ovirt-engine/api";
    public const string V4Root = "/ovirt-engine/api/v4";
    public const string DocRoot = "/ovirt-engine/apidoc";
}
