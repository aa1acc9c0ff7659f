using Crd.Terraform.Plugin.Schema;

namespace Crd.Terraform.Plugin.Resources;

/// <summary>
/// Upgrades a state written under one earlier schema version straight to the current version.
/// </summary>
/// <param name="PriorSchema">
/// The schema of that version. When given, the stored JSON is decoded with it into
/// <see cref="UpgradeStateRequest.PriorState"/>; otherwise the upgrader reads the raw JSON.
/// </param>
/// <param name="Upgrade">Fills <see cref="UpgradeStateResponse.State"/> (current schema).</param>
public sealed record StateUpgrader(SchemaDefinition? PriorSchema, Action<UpgradeStateRequest, UpgradeStateResponse> Upgrade);
