using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Schema;

namespace Crd.Terraform.Plugin.Server;

/// <summary>
/// Rewrites an object value attribute by attribute, descending into nested blocks, with the
/// matching configuration and prior values at hand. The plan pipeline's steps (defaults,
/// write-only nulling, computed-unknown marking, plan modifiers) are each one callback.
/// </summary>
internal static class SchemaWalker
{
    /// <summary>What a step sees for one attribute.</summary>
    public delegate CtyValue AttributeStep(SchemaAttribute attribute, CtyPath path, CtyValue config, CtyValue prior, CtyValue planned);

    /// <summary>What a step sees for one whole nested block value (before descending into it).</summary>
    public delegate CtyValue BlockStep(NestedBlock block, CtyPath path, CtyValue config, CtyValue prior, CtyValue planned);

    public static CtyValue Transform(Block block, CtyPath path, CtyValue config, CtyValue prior, CtyValue planned, AttributeStep attributeStep, BlockStep? blockStep = null)
    {
        if (planned.IsNull || !planned.IsKnown)
        {
            return planned;
        }

        var attributes = new Dictionary<string, CtyValue>(planned.Attributes, StringComparer.Ordinal);
        foreach (var attribute in block.Attributes)
        {
            attributes[attribute.Name] = attributeStep(attribute, path.Attribute(attribute.Name), Child(config, attribute.Name), Child(prior, attribute.Name), attributes[attribute.Name]);
        }

        foreach (var nested in block.Blocks)
        {
            var at = path.Attribute(nested.TypeName);
            var c = Child(config, nested.TypeName);
            var p = Child(prior, nested.TypeName);
            var v = attributes[nested.TypeName];
            if (blockStep is not null)
            {
                v = blockStep(nested, at, c, p, v);
            }

            attributes[nested.TypeName] = TransformNested(nested, at, c, p, v, attributeStep, blockStep);
        }

        return CtyValue.Object(planned.Type, attributes);
    }

    private static CtyValue TransformNested(NestedBlock nested, CtyPath path, CtyValue config, CtyValue prior, CtyValue planned, AttributeStep attributeStep, BlockStep? blockStep)
    {
        if (planned.IsNull || !planned.IsKnown)
        {
            return planned;
        }

        switch (nested.Nesting)
        {
            case NestingMode.Single or NestingMode.Group:
                return Transform(nested.Block, path, config, prior, planned, attributeStep, blockStep);

            case NestingMode.List when planned.Type.Kind == CtyTypeKind.List:
            {
                var elements = new List<CtyValue>(planned.Length);
                for (var i = 0; i < planned.Length; i++)
                {
                    elements.Add(Transform(nested.Block, path.Index(i), Element(config, i), Element(prior, i), planned.Elements[i], attributeStep, blockStep));
                }

                return CtyValue.List(planned.Type.ElementType, elements);
            }

            case NestingMode.Map when planned.Type.Kind == CtyTypeKind.Map:
            {
                var entries = planned.MapEntries.Select(kv => KeyValuePair.Create(kv.Key,
                    Transform(nested.Block, path.Key(kv.Key), Entry(config, kv.Key), Entry(prior, kv.Key), kv.Value, attributeStep, blockStep)));
                return CtyValue.Map(planned.Type.ElementType, entries);
            }

            case NestingMode.Set when planned.Type.Kind == CtyTypeKind.Set:
            {
                // Set elements have no stable index: pair each planned element with the config
                // element that agrees on every configurable attribute, and with an identical prior
                // element when there is one (Terraform's ProposedNew matches sets the same way).
                var configElements = Known(config) ? config.Elements.ToList() : [];
                var priorElements = Known(prior) ? prior.Elements.ToList() : [];
                var elements = new List<CtyValue>(planned.Length);
                foreach (var element in planned.Elements)
                {
                    var c = configElements.FirstOrDefault(ce => SameConfigurable(nested.Block, ce, element)) ?? CtyValue.Null(element.Type);
                    var p = priorElements.FirstOrDefault(pe => SameConfigurable(nested.Block, pe, element)) ?? CtyValue.Null(element.Type);
                    elements.Add(Transform(nested.Block, path, c, p, element, attributeStep, blockStep));
                }

                return CtyValue.Set(planned.Type.ElementType, elements);
            }

            default:
                // Dynamic-typed (tuple/object) list or map blocks: left as they are.
                return planned;
        }
    }

    /// <summary>True when two block objects agree on every non-computed attribute (recursively).</summary>
    public static bool SameConfigurable(Block block, CtyValue a, CtyValue b)
    {
        if (a.IsNull || b.IsNull || !a.IsKnown || !b.IsKnown)
        {
            return a.IsNull == b.IsNull && a.IsKnown == b.IsKnown;
        }

        foreach (var attribute in block.Attributes)
        {
            if (attribute.Computed && !attribute.Optional)
            {
                continue;
            }

            var x = a.GetAttribute(attribute.Name);
            var y = b.GetAttribute(attribute.Name);
            if (attribute.Computed && (x.IsNull || y.IsNull || !x.IsKnown || !y.IsKnown))
            {
                continue;
            }

            if (!x.EqualsIgnoringRefinements(y))
            {
                return false;
            }
        }

        return true;
    }

    public static CtyValue Child(CtyValue value, string name)
        => value.IsNull || !value.IsKnown || !value.Type.IsObject ? CtyValue.Null(value.Type.IsObject && value.Type.AttributeTypes.TryGetValue(name, out var t) ? t : CtyType.Dynamic) : value.GetAttribute(name);

    private static bool Known(CtyValue v) => !v.IsNull && v.IsKnown;

    private static CtyValue Element(CtyValue list, int index)
        => Known(list) && list.Type.Kind == CtyTypeKind.List && index < list.Length ? list.Elements[index] : CtyValue.Null(list.Type.Kind == CtyTypeKind.List ? list.Type.ElementType : CtyType.Dynamic);

    private static CtyValue Entry(CtyValue map, string key)
        => Known(map) && map.Type.Kind == CtyTypeKind.Map && map.MapEntries.TryGetValue(key, out var v) ? v : CtyValue.Null(map.Type.Kind == CtyTypeKind.Map ? map.Type.ElementType : CtyType.Dynamic);
}
