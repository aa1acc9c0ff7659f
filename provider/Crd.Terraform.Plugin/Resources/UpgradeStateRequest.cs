namespace Crd.Terraform.Plugin.Resources;

/// <summary>Input of a <see cref="StateUpgrader"/>.</summary>
/// <param name="Version">The schema version the state was written with.</param>
/// <param name="RawStateJson">The stored state JSON (UTF-8).</param>
/// <param name="PriorState">The stored state decoded with the upgrader's prior schema, when it has one.</param>
public sealed record UpgradeStateRequest(long Version, ReadOnlyMemory<byte> RawStateJson, ResourceData? PriorState);
