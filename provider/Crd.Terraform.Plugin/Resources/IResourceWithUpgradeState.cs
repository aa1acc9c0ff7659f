namespace Crd.Terraform.Plugin.Resources;

/// <summary>A resource whose schema version moved on and that can read older states.</summary>
public interface IResourceWithUpgradeState
{
    /// <summary>
    /// One upgrader per earlier schema version, each going straight to the current version.
    /// </summary>
    IReadOnlyDictionary<long, StateUpgrader> StateUpgraders { get; }
}
