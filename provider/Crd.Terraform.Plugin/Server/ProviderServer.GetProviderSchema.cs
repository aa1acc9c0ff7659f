using Crd.Terraform.Plugin.Diagnostics;

namespace Crd.Terraform.Plugin.Server;

public sealed partial class ProviderServer
{
    private ProviderSchemaResult? _schemaResult;

    /// <summary>GetProviderSchema: every schema, computed once (Terraform may ask once per instance).</summary>
    internal ProviderSchemaResult GetProviderSchema()
    {
        return _schemaResult ??= Build();

        ProviderSchemaResult Build()
        {
            var diagnostics = new DiagnosticCollection();
            foreach (var problem in SchemaRules.Check(_provider))
            {
                diagnostics.AddError("Invalid Provider Schema", problem + " This is a bug in the provider.");
            }

            return new ProviderSchemaResult(
                _provider.Schema,
                _resources.ToDictionary(kv => kv.Key, kv => kv.Value.Schema, StringComparer.Ordinal),
                _dataSources.ToDictionary(kv => kv.Key, kv => kv.Value.Schema, StringComparer.Ordinal),
                _ephemeralResources.ToDictionary(kv => kv.Key, kv => kv.Value.Schema, StringComparer.Ordinal),
                diagnostics);
        }
    }
}
