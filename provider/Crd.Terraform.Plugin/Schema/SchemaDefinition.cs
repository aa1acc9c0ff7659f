namespace Crd.Terraform.Plugin.Schema;

/// <summary>
/// The schema of a provider, resource, data source or ephemeral resource: a versioned root block
/// (<c>Schema</c> message of the protocol). Resources bump <see cref="Version"/> when their state
/// layout changes and supply upgraders from every earlier version.
/// </summary>
/// <param name="Version">Schema version stored with each state.</param>
/// <param name="Block">The root block.</param>
public sealed record SchemaDefinition(long Version, Block Block)
{
    /// <summary>Creates a version-0 schema.</summary>
    public SchemaDefinition(Block block)
        : this(0, block)
    {
    }
}
