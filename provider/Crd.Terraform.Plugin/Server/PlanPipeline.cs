using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Diagnostics;
using Crd.Terraform.Plugin.Schema;
using Crd.Terraform.Plugin.Schema.PlanModifiers;

namespace Crd.Terraform.Plugin.Server;

/// <summary>
/// The schema-driven steps of PlanResourceChange, in terraform-plugin-framework's order
/// (internal/fwserver/server_planresourcechange.go): defaults, write-only nulling,
/// computed-and-unset becomes unknown (only when something changes), attribute and block plan
/// modifiers. The resource-level ModifyPlan and the validity self-check follow in the server.
/// </summary>
internal static class PlanPipeline
{
    /// <summary>Plans each attribute's default where the configuration leaves it null.</summary>
    public static CtyValue ApplyDefaults(Block block, CtyValue config, CtyValue prior, CtyValue planned)
        => SchemaWalker.Transform(block, CtyPath.Root, config, prior, planned,
            (attribute, _, c, _, p) => attribute.Default is { } d && c.IsNull ? d : p);

    /// <summary>Write-only values never reach plan or state (Terraform requires them planned null).</summary>
    public static CtyValue NullWriteOnly(Block block, CtyValue value)
        => SchemaWalker.Transform(block, CtyPath.Root, value, value, value,
            (attribute, _, _, _, p) => attribute.WriteOnly ? CtyValue.Null(p.Type) : p);

    /// <summary>
    /// Computed attributes that the configuration leaves null become unknown ("known after
    /// apply"), except those with a default, which were planned with it.
    /// </summary>
    public static CtyValue MarkComputedNullsUnknown(Block block, CtyValue config, CtyValue prior, CtyValue planned)
        => SchemaWalker.Transform(block, CtyPath.Root, config, prior, planned,
            (attribute, _, c, _, p) => attribute.Computed && c.IsNull && attribute.Default is null && !attribute.WriteOnly && p.IsKnown
                ? CtyValue.Unknown(p.Type)
                : p);

    /// <summary>Runs the attribute and block plan modifiers, collecting replacement paths.</summary>
    public static CtyValue RunPlanModifiers(Block block, CtyValue config, CtyValue prior, CtyValue planned, List<CtyPath> requiresReplace, DiagnosticCollection diagnostics)
    {
        var isCreate = prior.IsNull;
        return SchemaWalker.Transform(block, CtyPath.Root, config, prior, planned,
            (attribute, path, c, s, p) => Modify(attribute.PlanModifiers, path, c, s, p),
            (nested, path, c, s, p) => Modify(nested.PlanModifiers, path, c, s, p));

        CtyValue Modify(IReadOnlyList<IPlanModifier> modifiers, CtyPath path, CtyValue c, CtyValue s, CtyValue p)
        {
            foreach (var modifier in modifiers)
            {
                var response = new PlanModifierResponse(p);
                modifier.Modify(new PlanModifierRequest(path, c, s, p, isCreate, config, prior), response);
                diagnostics.AddRange(response.Diagnostics);
                if (!response.PlanValue.Type.Equals(p.Type))
                {
                    diagnostics.AddAttributeError(path, "Invalid Plan Modification", $"A plan modifier ({modifier.GetType().Name}) returned a value of type {response.PlanValue.Type} for an attribute of type {p.Type}. This is a bug in the provider.");
                    continue;
                }

                p = response.PlanValue;
                if (response.RequiresReplace && !isCreate && !requiresReplace.Contains(path))
                {
                    requiresReplace.Add(path);
                }
            }

            return p;
        }
    }
}
