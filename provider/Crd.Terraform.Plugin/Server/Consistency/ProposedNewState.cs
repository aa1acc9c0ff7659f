using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Schema;

namespace Crd.Terraform.Plugin.Server.Consistency;

/// <summary>
/// Terraform's proposed new state: the object it sends as <c>proposed_new_state</c> in
/// PlanResourceChange, built from the configuration with computed attributes the
/// configuration leaves null taken from the prior state. The test harness uses it to play
/// Terraform; the SDK uses it to check what it was sent.
/// </summary>
/// <remarks>
/// Implements the logic of hashicorp/terraform v1.15.9 internal/plans/objchange/objchange.go
/// (<c>ProposedNew</c>, <c>PlannedDataResourceObject</c> and their helpers). Rules:
/// <list type="bullet">
/// <item>config and prior both null: the result is null; prior null (create): treated as an
/// empty block (every attribute null) so computed attributes come out null;</item>
/// <item>a computed attribute that is null in config takes the prior value; every other
/// attribute takes the config value, even null, and unknown config values pass through;</item>
/// <item>nested blocks are merged by nesting mode: single/group recursively; list by index (an
/// element beyond the prior list is taken from config as is); map by key; set by pairing each
/// config element with the first unused prior element that could have come from it (equal
/// except for computed attributes the config leaves null);</item>
/// <item>an unknown nested block value (a dynamic block over an unknown for_each) passes through.</item>
/// </list>
/// The schema has no nested attribute types (protocol 6 <c>nested_type</c>), so the rules
/// Terraform has for those are not needed.
/// </remarks>
public static class ProposedNewState
{
    /// <summary>
    /// Computes the proposed new state for a managed resource. Values must conform to the
    /// schema's implied type; the prior value must be wholly known, the config may hold unknowns.
    /// </summary>
    /// <param name="schema">The resource schema's root block.</param>
    /// <param name="prior">The prior state (null on create).</param>
    /// <param name="config">The configuration (null on destroy).</param>
    public static CtyValue Compute(Block schema, CtyValue prior, CtyValue config)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(prior);
        ArgumentNullException.ThrowIfNull(config);

        // Both null: stay null rather than inventing empty nested blocks.
        if (config.IsNull && prior.IsNull)
        {
            return prior;
        }

        // On create the prior is a synthetic empty block, so the merge below has one non-null
        // object to read from.
        return MergeBlock(schema, prior.IsNull ? BlockValues.EmptyValue(schema) : prior, config);
    }

    /// <summary>
    /// The planned object Terraform builds itself for a data source read
    /// (<c>PlannedDataResourceObject</c>): the merge with an entirely unknown prior, so every
    /// computed attribute the configuration leaves null becomes unknown.
    /// </summary>
    public static CtyValue PlannedDataSource(Block schema, CtyValue config)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(config);
        return MergeBlock(schema, CtyValue.Unknown(schema.ImpliedType()), config);
    }

    private static CtyValue MergeBlock(Block schema, CtyValue prior, CtyValue config)
    {
        // A block config is never null or unknown here in practice; take the prior rather than
        // an invalid null and let validation report the mismatch.
        if (config.IsNull || !config.IsKnown)
        {
            return prior;
        }

        var type = schema.ImpliedType();
        var merged = new Dictionary<string, CtyValue>(StringComparer.Ordinal);
        foreach (var attribute in schema.Attributes)
        {
            var priorValue = BlockValues.AttributeOrEmpty(prior, attribute.Name, type.AttributeTypes[attribute.Name]);
            var configValue = config.GetAttribute(attribute.Name);

            // Required/optional do not matter here: an attribute is computed only when the
            // configuration leaves it null, and then the prior value stands.
            merged[attribute.Name] = attribute.Computed && configValue.IsNull ? priorValue : configValue;
        }

        foreach (var nested in schema.Blocks)
        {
            var priorValue = BlockValues.AttributeOrEmpty(prior, nested.TypeName, type.AttributeTypes[nested.TypeName]);
            merged[nested.TypeName] = MergeNestedBlock(nested, priorValue, config.GetAttribute(nested.TypeName));
        }

        return CtyValue.Object(merged);
    }

    private static CtyValue MergeNestedBlock(NestedBlock nested, CtyValue prior, CtyValue config)
    {
        // Only a dynamic block over an unknown for_each makes a whole block value unknown.
        if (!config.IsKnown)
        {
            return config;
        }

        return nested.Nesting switch
        {
            // A single block may be absent (null); it cannot be computed, so config wins.
            NestingMode.Single when config.IsNull => config,
            NestingMode.Single or NestingMode.Group => Compute(nested.Block, prior, config),
            NestingMode.List => MergeList(nested.Block, prior, config),
            NestingMode.Map => MergeMap(nested.Block, prior, config),
            NestingMode.Set => MergeSet(nested.Block, prior, config),
            _ => throw new InvalidOperationException($"Nested block \"{nested.TypeName}\" has no nesting mode."),
        };
    }

    private static CtyValue MergeList(Block block, CtyValue prior, CtyValue config)
    {
        if (config.IsNull || config.Length == 0)
        {
            return config;
        }

        var merged = new List<CtyValue>(config.Length);
        var configElements = config.Elements;
        for (var i = 0; i < configElements.Count; i++)
        {
            // Blocks are correlated by index; a new trailing block is taken as configured.
            if (prior.IsKnown && (prior.IsNull || i >= prior.Length))
            {
                merged.Add(configElements[i]);
                continue;
            }

            var priorElement = prior.IsKnown ? prior.Elements[i] : CtyValue.Unknown(block.ImpliedType());
            merged.Add(Compute(block, priorElement, configElements[i]));
        }

        // A list block holding a dynamic attribute is a tuple; it must leave as it came in.
        return config.Type.Kind == CtyTypeKind.Tuple
            ? CtyValue.Tuple(merged)
            : CtyValue.List(config.Type.ElementType, merged);
    }

    private static CtyValue MergeMap(Block block, CtyValue prior, CtyValue config)
    {
        var configEntries = BlockValues.Entries(config);
        if (config.IsNull || configEntries.Count == 0)
        {
            return config;
        }

        var priorEntries = BlockValues.Entries(prior);
        var merged = new Dictionary<string, CtyValue>(StringComparer.Ordinal);
        foreach (var (key, configElement) in configEntries)
        {
            if (!priorEntries.TryGetValue(key, out var priorElement))
            {
                // An unknown prior map has no keys: its elements are unknown too.
                priorElement = prior.IsKnown ? CtyValue.Null(configElement.Type) : CtyValue.Unknown(configElement.Type);
            }

            merged[key] = Compute(block, priorElement, configElement);
        }

        // A map block holding a dynamic attribute is an object so elements may differ in type.
        return config.Type.IsObject ? CtyValue.Object(merged) : CtyValue.Map(config.Type.ElementType, merged);
    }

    private static CtyValue MergeSet(Block block, CtyValue prior, CtyValue config)
    {
        if (config.IsNull || config.Length == 0)
        {
            return config;
        }

        var priorElements = BlockValues.Elements(prior);
        var used = new bool[priorElements.Count];
        var merged = new List<CtyValue>(config.Length);
        foreach (var configElement in config.Elements)
        {
            // Set elements have no identity: pair each config element with the first unused
            // prior element that could have been derived from it. Configured elements are
            // unique, so the first match is as good as any (objchange.go proposedNewNestingSet).
            CtyValue? priorElement = null;
            for (var i = 0; i < priorElements.Count; i++)
            {
                if (!used[i] && PriorMatching.CouldDeriveFrom(block, priorElements[i], configElement))
                {
                    priorElement = priorElements[i];
                    used[i] = true;
                    break;
                }
            }

            merged.Add(Compute(block, priorElement ?? CtyValue.Null(config.Type.ElementType), configElement));
        }

        return CtyValue.Set(config.Type.ElementType, merged);
    }
}
