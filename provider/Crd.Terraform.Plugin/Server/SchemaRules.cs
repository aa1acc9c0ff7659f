using Crd.Terraform.Plugin.Provider;
using Crd.Terraform.Plugin.Schema;

namespace Crd.Terraform.Plugin.Server;

/// <summary>
/// The rules a schema must follow to be valid for Terraform (configschema's InternalValidate and
/// terraform-plugin-framework's attribute checks), verified when the schema is first served so
/// that a schema bug is reported as such rather than as a confusing plan error.
/// </summary>
internal static class SchemaRules
{
    public static IEnumerable<string> Check(IProvider provider)
    {
        foreach (var problem in CheckBlock(provider.Schema.Block, "provider"))
        {
            yield return problem;
        }

        var prefix = provider.TypeName + "_";
        foreach (var (kind, name, schema) in provider.Resources.Select(r => ("resource", r.TypeName, r.Schema))
            .Concat(provider.DataSources.Select(d => ("data source", d.TypeName, d.Schema)))
            .Concat(provider.EphemeralResources.Select(e => ("ephemeral resource", e.TypeName, e.Schema))))
        {
            if (!name.StartsWith(prefix, StringComparison.Ordinal))
            {
                yield return $"The {kind} type \"{name}\" does not start with \"{prefix}\".";
            }

            foreach (var problem in CheckBlock(schema.Block, name))
            {
                yield return problem;
            }
        }
    }

    public static IEnumerable<string> CheckBlock(Block block, string where)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in block.Attributes)
        {
            var at = $"{where}.{a.Name}";
            if (!names.Add(a.Name))
            {
                yield return $"Attribute {at} is declared twice.";
            }

            if (!a.Required && !a.Optional && !a.Computed)
            {
                yield return $"Attribute {at} must be Required, Optional or Computed.";
            }

            if (a.Required && (a.Optional || a.Computed))
            {
                yield return $"Attribute {at} cannot be Required and also Optional or Computed.";
            }

            if (a.Default is not null && !(a.Optional && a.Computed))
            {
                yield return $"Attribute {at} has a default, so it must be Optional and Computed.";
            }

            if (a.Default is not null && !a.Default.Type.Equals(a.Type) && !a.Default.IsNull)
            {
                yield return $"Attribute {at} has a default of type {a.Default.Type}, not {a.Type}.";
            }

            if (a.WriteOnly && (a.Computed || !(a.Required || a.Optional)))
            {
                yield return $"Attribute {at} is write-only, so it must be Required or Optional and not Computed.";
            }
        }

        foreach (var b in block.Blocks)
        {
            var at = $"{where}.{b.TypeName}";
            if (!names.Add(b.TypeName))
            {
                yield return $"Block {at} has the name of another attribute or block.";
            }

            if (b.MinItems < 0 || b.MaxItems < 0 || (b.MaxItems > 0 && b.MinItems > b.MaxItems))
            {
                yield return $"Block {at} has invalid MinItems/MaxItems.";
            }

            if ((b.MinItems != 0 || b.MaxItems != 0) && b.Nesting is not (NestingMode.List or NestingMode.Set or NestingMode.Single))
            {
                yield return $"Block {at}: MinItems/MaxItems are only for list, set and single blocks.";
            }

            foreach (var problem in CheckBlock(b.Block, at))
            {
                yield return problem;
            }
        }
    }
}
