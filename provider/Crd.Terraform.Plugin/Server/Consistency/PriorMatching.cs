using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Schema;

namespace Crd.Terraform.Plugin.Server.Consistency;

/// <summary>
/// Terraform's <c>validPriorFromConfig</c> (internal/plans/objchange/objchange.go v1.15.9): could
/// this prior set element have been produced from this config element? That is so when the two
/// are equal wherever the schema does not allow the provider to fill in a value, i.e. they
/// differ only in computed attributes the configuration leaves null.
/// </summary>
/// <remarks>
/// Terraform walks the prior value, resolves each path in the config value and looks the path up
/// with <c>Block.AttributeByPath</c>, which follows attribute names only (index steps are
/// skipped). The walk below tracks the same schema position: <see cref="Position"/> holds the
/// block whose attributes an object step names, or nothing once a name matched no schema element.
/// </remarks>
internal static class PriorMatching
{
    public static bool CouldDeriveFrom(Block schema, CtyValue prior, CtyValue config)
    {
        if (config.EqualsIgnoringRefinements(prior))
        {
            return true;
        }

        return Visit(new Position(schema, null), prior, config);
    }

    // The schema element a walk step reached: the block whose attribute names object steps
    // resolve against (null when lost), and the leaf attribute when the step named one.
    private readonly record struct Position(Block? Block, SchemaAttribute? Attribute);

    private static bool Visit(Position position, CtyValue prior, CtyValue? config)
    {
        // The path does not exist in config (most likely differently-typed dynamic values).
        if (config is null)
        {
            return false;
        }

        // Equal here: nothing below can disqualify the match.
        if (config.EqualsIgnoringRefinements(prior))
        {
            return true;
        }

        // Set elements cannot be correlated, so a differing nested set disqualifies.
        if (config.Type.Kind == CtyTypeKind.Set)
        {
            return false;
        }

        if (position.Attribute is { } attribute)
        {
            // A leaf attribute may differ only if the provider computed it in place of a null.
            return attribute.Computed && config.IsNull;
        }

        // Not at an attribute yet: descend into the children that exist in prior.
        if (!prior.IsKnownAndNotNull)
        {
            return true;
        }

        switch (prior.Type.Kind)
        {
            case CtyTypeKind.Object:
                foreach (var (name, priorChild) in prior.Attributes)
                {
                    if (!Visit(Step(position, name), priorChild, AttributeStep(config, name)))
                    {
                        return false;
                    }
                }

                return true;
            case CtyTypeKind.List or CtyTypeKind.Tuple:
                var elements = prior.Elements;
                for (var i = 0; i < elements.Count; i++)
                {
                    if (!Visit(position, elements[i], IndexStep(config, i)))
                    {
                        return false;
                    }
                }

                return true;
            case CtyTypeKind.Map:
                foreach (var (key, priorChild) in prior.MapEntries)
                {
                    if (!Visit(position, priorChild, KeyStep(config, key)))
                    {
                        return false;
                    }
                }

                return true;
            default:
                // Primitives and sets have nothing to walk into (a set here would have been
                // caught by the config-side check above).
                return true;
        }
    }

    private static Position Step(Position position, string name)
    {
        if (position.Block is not { } block)
        {
            return position;
        }

        if (block.FindAttribute(name) is { } attribute)
        {
            return new Position(null, attribute);
        }

        return block.FindBlock(name) is { } nested ? new Position(nested.Block, null) : new Position(null, null);
    }

    // cty.GetAttrStep.Apply: an error (null here) on null or non-object values or missing names.
    private static CtyValue? AttributeStep(CtyValue value, string name)
    {
        if (value.IsNull || !value.Type.IsObject || !value.Type.AttributeTypes.TryGetValue(name, out var type))
        {
            return null;
        }

        return value.IsKnown ? value.GetAttribute(name) : CtyValue.Unknown(type);
    }

    private static CtyValue? IndexStep(CtyValue value, int index)
    {
        if (value.IsNull)
        {
            return null;
        }

        switch (value.Type.Kind)
        {
            case CtyTypeKind.List when !value.IsKnown:
                return CtyValue.Unknown(value.Type.ElementType);
            case CtyTypeKind.Tuple when !value.IsKnown:
                return index < value.Type.ElementTypes.Count ? CtyValue.Unknown(value.Type.ElementTypes[index]) : null;
            case CtyTypeKind.List or CtyTypeKind.Tuple:
                return index < value.Length ? value.Elements[index] : null;
            default:
                return null;
        }
    }

    private static CtyValue? KeyStep(CtyValue value, string key)
    {
        if (value.IsNull || value.Type.Kind != CtyTypeKind.Map)
        {
            return null;
        }

        if (!value.IsKnown)
        {
            return CtyValue.Unknown(value.Type.ElementType);
        }

        return value.MapEntries.TryGetValue(key, out var element) ? element : null;
    }
}
