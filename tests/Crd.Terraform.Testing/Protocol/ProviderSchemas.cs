using Crd.Terraform.Plugin.Schema;

namespace Crd.Terraform.Testing.Protocol;

/// <summary>What GetProviderSchema returned, converted to the SDK's schema model.</summary>
public sealed record ProviderSchemas(
    SchemaDefinition Provider,
    IReadOnlyDictionary<string, SchemaDefinition> Resources,
    IReadOnlyDictionary<string, SchemaDefinition> DataSources,
    IReadOnlyDictionary<string, SchemaDefinition> EphemeralResources,
    bool PlanDestroy,
    bool GetProviderSchemaOptional);
