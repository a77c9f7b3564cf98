namespace Hotset.Engine.Persistence.Migrations;

/// <summary>One numbered schema script; applied once, in order, recorded in <c>schema_version</c>.</summary>
public sealed record Migration(int Version, string Description, string Sql);
