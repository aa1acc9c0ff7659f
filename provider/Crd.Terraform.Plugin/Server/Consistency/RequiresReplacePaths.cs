using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Schema;

namespace Crd.Terraform.Plugin.Server.Consistency;

/// <summary>
/// How Terraform filters the requires_replace paths a provider returns from
/// PlanResourceChange. The SDK uses it to know which of its RequiresReplace plan modifiers
/// actually turn an update into a replacement, and to catch paths that name nothing.
/// </summary>
/// <remarks>
/// Implements <c>getRequiredReplaces</c> of hashicorp/terraform v1.15.9
/// internal/terraform/node_resource_abstract_instance.go: on create (prior null) no path
/// counts; a path counts only when the prior and planned values at it are not known to be equal
/// (a path missing in one object compares as null) or when it is a write-only attribute, whose
/// values are never stored; a path missing in both objects is an error. Paths are resolved as
/// <c>hcl.ApplyPath</c> does: through unknown values (yielding unknowns), not through nulls,
/// out-of-range indexes, missing keys or sets.
/// </remarks>
public static class RequiresReplacePaths
{
    /// <summary>
    /// The requested paths that really force a replacement, each once, in request order. Paths
    /// that name nothing are dropped; use <see cref="Check(CtyValue, CtyValue, IEnumerable{CtyPath}, IEnumerable{CtyPath}?)"/>
    /// to report them.
    /// </summary>
    /// <param name="prior">The prior state (null on create).</param>
    /// <param name="planned">The planned new state.</param>
    /// <param name="requested">The paths the provider marked as requiring replacement.</param>
    /// <param name="writeOnlyPaths">Paths of write-only attributes, which always count.</param>
    public static IReadOnlyList<CtyPath> Evaluate(
        CtyValue prior, CtyValue planned, IEnumerable<CtyPath> requested, IEnumerable<CtyPath>? writeOnlyPaths = null)
        => Check(prior, planned, requested, writeOnlyPaths).Paths;

    /// <summary>
    /// Filters <paramref name="requested"/> against the prior and planned objects and reports
    /// the paths that exist in neither.
    /// </summary>
    /// <param name="prior">The prior state (null on create).</param>
    /// <param name="planned">The planned new state.</param>
    /// <param name="requested">The paths the provider marked as requiring replacement.</param>
    /// <param name="writeOnlyPaths">Paths of write-only attributes, which always count.</param>
    public static RequiresReplaceResult Check(
        CtyValue prior, CtyValue planned, IEnumerable<CtyPath> requested, IEnumerable<CtyPath>? writeOnlyPaths = null)
    {
        ArgumentNullException.ThrowIfNull(prior);
        ArgumentNullException.ThrowIfNull(planned);
        ArgumentNullException.ThrowIfNull(requested);

        var writeOnly = writeOnlyPaths?.ToHashSet() ?? [];
        var paths = new List<CtyPath>();
        var errors = new List<ConsistencyError>();
        foreach (var path in requested)
        {
            // A create never requires replacement.
            if (prior.IsNull)
            {
                continue;
            }

            var priorValue = Resolve(prior, path);
            var plannedValue = Resolve(planned, path);
            if (priorValue is null && plannedValue is null)
            {
                errors.Add(new ConsistencyError(
                    path,
                    $"the provider has indicated \"requires replacement\" for a non-existent attribute path {CtyGoSyntax.Path(path)}"));
                continue;
            }

            // A path missing on one side compares as null there.
            priorValue ??= CtyValue.Null(plannedValue!.Type);
            plannedValue ??= CtyValue.Null(priorValue.Type);
            if ((CtyValueChecks.Equals(plannedValue, priorValue) != true || writeOnly.Contains(path)) && !paths.Contains(path))
            {
                paths.Add(path);
            }
        }

        return new RequiresReplaceResult(paths, errors);
    }

    /// <summary>
    /// As <see cref="Check(CtyValue, CtyValue, IEnumerable{CtyPath}, IEnumerable{CtyPath}?)"/>,
    /// with the write-only paths found from <paramref name="schema"/> in the planned object.
    /// </summary>
    public static RequiresReplaceResult Check(Block schema, CtyValue prior, CtyValue planned, IEnumerable<CtyPath> requested)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(planned);
        var writeOnly = WriteOnlyAttributes.Find(schema, planned).Select(f => f.Path);
        return Check(prior, planned, requested, writeOnly);
    }

    // hcl.ApplyPath: null when the path cannot be followed.
    private static CtyValue? Resolve(CtyValue value, CtyPath path)
    {
        var current = value;
        foreach (var step in path.Steps)
        {
            if (current.IsNull)
            {
                return null;
            }

            var type = current.Type;
            if (type.IsDynamic)
            {
                // An unknown of dynamic type stays unknown whatever is traversed.
                return current.IsKnown ? null : CtyValue.DynamicUnknown;
            }

            var next = step.Kind switch
            {
                CtyPathStepKind.AttributeName or CtyPathStepKind.ElementKeyString => KeyStep(current, step.Name ?? ""),
                CtyPathStepKind.ElementKeyInt => IndexStep(current, step.Index),
                _ => null,
            };
            if (next is null)
            {
                return null;
            }

            current = next;
        }

        return current;
    }

    // hcl.GetAttr and hcl.Index with a string key both reach object attributes and map elements.
    private static CtyValue? KeyStep(CtyValue value, string key)
    {
        switch (value.Type.Kind)
        {
            case CtyTypeKind.Object:
                if (!value.Type.AttributeTypes.TryGetValue(key, out var attributeType))
                {
                    return null;
                }

                return value.IsKnown ? value.GetAttribute(key) : CtyValue.Unknown(attributeType);
            case CtyTypeKind.Map:
                if (!value.IsKnown)
                {
                    return CtyValue.Unknown(value.Type.ElementType);
                }

                return value.MapEntries.TryGetValue(key, out var element) ? element : null;
            default:
                return null;
        }
    }

    private static CtyValue? IndexStep(CtyValue value, long index)
    {
        switch (value.Type.Kind)
        {
            case CtyTypeKind.List:
                if (!value.IsKnown)
                {
                    return CtyValue.Unknown(value.Type.ElementType);
                }

                return index >= 0 && index < value.Length ? value.Elements[(int)index] : null;
            case CtyTypeKind.Tuple:
                var types = value.Type.ElementTypes;
                if (index < 0 || index >= types.Count)
                {
                    return null;
                }

                return value.IsKnown ? value.Elements[(int)index] : CtyValue.Unknown(types[(int)index]);
            default:
                return null;
        }
    }
}
