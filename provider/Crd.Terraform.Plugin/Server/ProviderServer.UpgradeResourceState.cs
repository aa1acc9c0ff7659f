using Crd.Terraform.Plugin.Cty.Json;
using Crd.Terraform.Plugin.Resources;

namespace Crd.Terraform.Plugin.Server;

public sealed partial class ProviderServer
{
    /// <summary>
    /// UpgradeResourceState: Terraform calls it for every stored instance, even at the current
    /// version (internal/terraform/upgrade_resource_state.go); then the JSON is decoded with the
    /// current schema, ignoring attributes that no longer exist. Older versions go through the
    /// resource's upgrader for that version.
    /// </summary>
    internal Task<StateResult> UpgradeResourceStateAsync(string typeName, long version, ReadOnlyMemory<byte> rawJson, bool hasFlatmap, CancellationToken cancellationToken)
        => RunAsync("UpgradeResourceState", typeName, cancellationToken, (diagnostics, _) =>
        {
            var failed = new StateResult([], [], diagnostics);
            if (!TryGetResource(typeName, diagnostics, out var resource))
            {
                return Task.FromResult(failed);
            }

            var schema = resource.Schema;
            var type = schema.Block.ImpliedType();
            if (rawJson.IsEmpty)
            {
                if (hasFlatmap)
                {
                    diagnostics.AddError("Unsupported State Format", $"The state of {typeName} is in the flatmap format of Terraform 0.11, which this provider does not read. Upgrade it with Terraform 0.12 and a 0.12-era provider first, or remove and re-import the resource.");
                    return Task.FromResult(failed);
                }

                return Task.FromResult(new StateResult(EncodeNull(schema.Block), [], diagnostics));
            }

            if (version > schema.Version)
            {
                diagnostics.AddError("Resource State From Newer Provider", $"The state of {typeName} was written with schema version {version}, newer than this provider's {schema.Version}. Use the newer provider version.");
                return Task.FromResult(failed);
            }

            if (version == schema.Version)
            {
                var current = CtyJsonCodec.DecodeIgnoringUndefinedAttributes(rawJson.Span, type);
                return Task.FromResult(new StateResult(Encode(current, type), [], diagnostics));
            }

            if (resource is not IResourceWithUpgradeState upgradable || !upgradable.StateUpgraders.TryGetValue(version, out var upgrader))
            {
                diagnostics.AddError("Unable to Upgrade Resource State", $"{typeName} has no state upgrader from schema version {version} to {schema.Version}. This is a bug in the provider.");
                return Task.FromResult(failed);
            }

            ResourceData? priorState = null;
            if (upgrader.PriorSchema is { } priorSchema)
            {
                var prior = CtyJsonCodec.DecodeIgnoringUndefinedAttributes(rawJson.Span, priorSchema.Block.ImpliedType());
                priorState = new ResourceData(priorSchema.Block, prior);
            }

            var response = new UpgradeStateResponse(ResourceData.Empty(schema.Block));
            upgrader.Upgrade(new UpgradeStateRequest(version, rawJson, priorState), response);
            diagnostics.AddRange(response.Diagnostics);
            if (response.Diagnostics.HasErrors)
            {
                return Task.FromResult(failed);
            }

            return Task.FromResult(new StateResult(Encode(response.State.Value, type), [], diagnostics));
        }, d => new StateResult([], [], d));
}
