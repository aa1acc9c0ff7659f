using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Schema;

namespace Crd.Terraform.Plugin.Server.Consistency;

/// <summary>
/// Terraform's checks of a planned new state returned by PlanResourceChange. The SDK runs them on
/// its own answer so that a provider bug surfaces as a diagnostic naming the attribute and the
/// rule, instead of Terraform's "Provider produced invalid plan".
/// </summary>
/// <remarks>
/// Implements, in Terraform's order, the checks of hashicorp/terraform v1.15.9
/// internal/terraform/node_resource_abstract_instance.go <c>plan</c> (type conformance with the
/// schema, write-only attributes planned null) and internal/plans/objchange/plan_valid.go
/// <c>AssertPlanValid</c>. The rules:
/// <list type="bullet">
/// <item>the planned object is null exactly when the config is (a destroy plan stays null);</item>
/// <item>a non-computed attribute must be planned as configured; an optional+computed one may
/// differ only when the config leaves it null; a computed-only one may be anything;</item>
/// <item>any attribute may keep its prior value instead of a differing non-null config value
/// (the provider says the two are functionally equivalent);</item>
/// <item>write-only attributes must be planned null;</item>
/// <item>refinements of unknown values are ignored: a provider may drop them;</item>
/// <item>nested blocks: never planned unknown (unless config is) nor null (list/set/map), same
/// block count and keys as config (list/map), each block checked recursively; set blocks only for
/// unknown elements, since their elements cannot be correlated.</item>
/// </list>
/// The first two checks stop the run when they fail, as Terraform does.
/// </remarks>
public static class PlanValidity
{
    private const string NestedBlockUnknown =
        "attribute representing nested block must not be unknown itself; set nested attribute values to unknown instead";

    private const string NestedElementUnknown =
        "element representing nested block must not be unknown itself; set nested attribute values to unknown instead";

    /// <summary>
    /// Checks <paramref name="plannedState"/> against the schema, the prior state and the
    /// configuration. Returns no errors for a valid plan.
    /// </summary>
    /// <param name="schema">The resource schema's root block.</param>
    /// <param name="priorState">The prior state (null on create).</param>
    /// <param name="config">The configuration (null on destroy).</param>
    /// <param name="plannedState">The planned new state the provider is about to return.</param>
    public static IReadOnlyList<ConsistencyError> Check(Block schema, CtyValue priorState, CtyValue config, CtyValue plannedState)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(priorState);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(plannedState);

        var errors = new List<ConsistencyError>();
        if (!plannedState.IsNull)
        {
            CtyTypeChecks.TestConformance(plannedState.Type, schema.ImpliedType(), CtyPath.Root, errors);
            if (errors.Count > 0)
            {
                return errors;
            }
        }

        foreach (var path in WriteOnlyAttributes.NonNullPaths(schema, plannedState))
        {
            errors.Add(new ConsistencyError(path, "planned value for write-only attribute is not null"));
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        CheckBlock(schema, priorState, config, plannedState, CtyPath.Root, errors);
        return errors;
    }

    private static void CheckBlock(Block schema, CtyValue prior, CtyValue config, CtyValue planned, CtyPath path, List<ConsistencyError> errors)
    {
        if (planned.IsNull && !config.IsNull)
        {
            errors.Add(new ConsistencyError(path, "planned for absence but config wants existence"));
            return;
        }

        if (config.IsNull && !planned.IsNull)
        {
            errors.Add(new ConsistencyError(path, "planned for existence but config wants absence"));
            return;
        }

        if (planned.IsNull)
        {
            return;
        }

        var type = schema.ImpliedType();
        foreach (var attribute in schema.Attributes)
        {
            var attributeType = type.AttributeTypes[attribute.Name];
            CheckAttribute(
                attribute,
                BlockValues.AttributeOrEmpty(prior, attribute.Name, attributeType),
                BlockValues.AttributeOrEmpty(config, attribute.Name, attributeType),
                BlockValues.AttributeOrEmpty(planned, attribute.Name, attributeType),
                path.Attribute(attribute.Name),
                errors);
        }

        foreach (var nested in schema.Blocks)
        {
            var blockType = type.AttributeTypes[nested.TypeName];
            CheckNestedBlock(
                nested,
                BlockValues.AttributeOrEmpty(prior, nested.TypeName, blockType),
                BlockValues.AttributeOrEmpty(config, nested.TypeName, blockType),
                BlockValues.AttributeOrEmpty(planned, nested.TypeName, blockType),
                path.Attribute(nested.TypeName),
                errors);
        }
    }

    private static void CheckNestedBlock(NestedBlock nested, CtyValue prior, CtyValue config, CtyValue planned, CtyPath path, List<ConsistencyError> errors)
    {
        if (planned.Equals(config))
        {
            return;
        }

        if (!config.IsKnown)
        {
            // A dynamic block over an unknown for_each: the provider cannot alter it.
            errors.Add(new ConsistencyError(path, $"planned value {CtyGoSyntax.Value(planned)} for unknown dynamic block"));
            return;
        }

        if (!planned.IsKnown)
        {
            errors.Add(new ConsistencyError(path, NestedBlockUnknown));
            return;
        }

        switch (nested.Nesting)
        {
            case NestingMode.Single or NestingMode.Group:
                CheckBlock(nested.Block, prior, config, planned, path, errors);
                break;
            case NestingMode.List:
                CheckListBlock(nested, prior, config, planned, path, errors);
                break;
            case NestingMode.Map:
                CheckMapBlock(nested, prior, config, planned, path, errors);
                break;
            case NestingMode.Set:
                if (planned.IsNull)
                {
                    errors.Add(new ConsistencyError(
                        path, "attribute representing a set of nested blocks must be empty to indicate no blocks, not null"));
                    return;
                }

                // Set elements cannot be correlated with config, so only unknown elements are
                // caught; the rest is trusted to the provider, as Terraform does.
                // (Set elements have no path of their own: errors name the set.)
                var unknownElements = BlockValues.Elements(planned).Count(e => !e.IsKnown);
                for (var i = 0; i < unknownElements; i++)
                {
                    errors.Add(new ConsistencyError(path, NestedElementUnknown));
                }

                break;
        }
    }

    private static void CheckListBlock(NestedBlock nested, CtyValue prior, CtyValue config, CtyValue planned, CtyPath path, List<ConsistencyError> errors)
    {
        if (planned.IsNull)
        {
            errors.Add(new ConsistencyError(
                path, "attribute representing a list of nested blocks must be empty to indicate no blocks, not null"));
            return;
        }

        // Configuration never decodes a block list to null, but a legacy null inserted through
        // ignore_changes counts as no blocks.
        var configElements = BlockValues.Elements(config);
        var plannedElements = BlockValues.Elements(planned);
        if (plannedElements.Count != configElements.Count)
        {
            errors.Add(new ConsistencyError(
                path, $"block count in plan ({plannedElements.Count}) disagrees with count in config ({configElements.Count})"));
            return;
        }

        var priorElements = BlockValues.Elements(prior);
        var elementType = nested.Block.ImpliedType();
        for (var i = 0; i < plannedElements.Count; i++)
        {
            var elementPath = path.Index(i);
            if (!plannedElements[i].IsKnown)
            {
                errors.Add(new ConsistencyError(elementPath, NestedElementUnknown));
                continue;
            }

            var priorElement = i < priorElements.Count ? priorElements[i] : CtyValue.Null(elementType);
            CheckBlock(nested.Block, priorElement, configElements[i], plannedElements[i], elementPath, errors);
        }
    }

    private static void CheckMapBlock(NestedBlock nested, CtyValue prior, CtyValue config, CtyValue planned, CtyPath path, List<ConsistencyError> errors)
    {
        if (planned.IsNull)
        {
            errors.Add(new ConsistencyError(
                path, "attribute representing a map of nested blocks must be empty to indicate no blocks, not null"));
            return;
        }

        var plannedEntries = BlockValues.Entries(planned);
        var configEntries = BlockValues.Entries(config);
        var priorEntries = BlockValues.Entries(prior);

        // A map (not the object a block with dynamic content decodes to) is first compared by size.
        if (!planned.Type.IsObject && plannedEntries.Count != configEntries.Count)
        {
            errors.Add(new ConsistencyError(
                path, $"block count in plan ({plannedEntries.Count}) disagrees with count in config ({configEntries.Count})"));
            return;
        }

        var elementType = nested.Block.ImpliedType();
        foreach (var (key, plannedElement) in plannedEntries)
        {
            var elementPath = path.Key(key);
            if (!configEntries.TryGetValue(key, out var configElement))
            {
                errors.Add(new ConsistencyError(
                    planned.Type.IsObject ? path : elementPath,
                    $"block key {CtyGoSyntax.Quote(key)} from plan is not present in config"));
                continue;
            }

            if (!plannedElement.IsKnown)
            {
                errors.Add(new ConsistencyError(elementPath, NestedElementUnknown));
                continue;
            }

            var priorElement = priorEntries.TryGetValue(key, out var found) ? found : CtyValue.Null(elementType);
            CheckBlock(nested.Block, priorElement, configElement, plannedElement, elementPath, errors);
        }

        foreach (var key in configEntries.Keys)
        {
            if (!plannedEntries.ContainsKey(key))
            {
                errors.Add(new ConsistencyError(path, $"block key {CtyGoSyntax.Quote(key)} from config is not present in plan"));
            }
        }
    }

    private static void CheckAttribute(SchemaAttribute attribute, CtyValue prior, CtyValue config, CtyValue planned, CtyPath path, List<ConsistencyError> errors)
    {
        // Refinements are ignored: providers written before refinements existed drop them.
        if (planned.EqualsIgnoringRefinements(config))
        {
            return;
        }

        // Keeping the prior value over a differing config value says the two are equivalent.
        if (planned.EqualsIgnoringRefinements(prior) && !prior.IsNull && !config.IsNull)
        {
            return;
        }

        if (attribute.WriteOnly)
        {
            if (!planned.IsNull)
            {
                errors.Add(new ConsistencyError(path, "planned value for write-only attribute is not null"));
            }

            return;
        }

        // Computed-only: any planned value is the provider's to choose. Optional+computed: the
        // provider may fill in a value the config leaves null.
        if (attribute.Computed && (!attribute.Optional || config.IsNull))
        {
            return;
        }

        if (config.IsNull && !planned.IsNull)
        {
            errors.Add(new ConsistencyError(path, attribute.Sensitive
                ? "sensitive planned value for a non-computed attribute"
                : $"planned value {CtyGoSyntax.Value(planned)} for a non-computed attribute"));
            return;
        }

        if (prior.IsNull)
        {
            errors.Add(new ConsistencyError(path, attribute.Sensitive
                ? "sensitive planned value does not match config value"
                : $"planned value {CtyGoSyntax.Value(planned)} does not match config value {CtyGoSyntax.Value(config)}"));
            return;
        }

        errors.Add(new ConsistencyError(path, attribute.Sensitive
            ? "sensitive planned value does not match config value nor prior value"
            : $"planned value {CtyGoSyntax.Value(planned)} does not match config value {CtyGoSyntax.Value(config)} nor prior value {CtyGoSyntax.Value(prior)}"));
    }
}
