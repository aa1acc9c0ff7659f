using Crd.Terraform.Plugin.Cty;

namespace Crd.Terraform.Plugin.Server.Consistency;

/// <summary>
/// The parts of go-cty's value semantics the consistency rules depend on: the range of an
/// unknown value (its refinements) and three-valued equality.
/// </summary>
/// <remarks>
/// Facts from zclconf/go-cty v1.18.1: cty/value_range.go (<c>Range</c>, <c>Includes</c>) and
/// cty/value_ops.go (<c>Equals</c>, <c>HasWhollyKnownType</c>).
/// </remarks>
internal static class CtyValueChecks
{
    /// <summary>
    /// True when <paramref name="actual"/> can definitely not be a value the unknown
    /// <paramref name="placeholder"/> stood for: null where the placeholder was refined not
    /// null, a wrong type, a string without the promised prefix, a number outside the promised
    /// bounds, a collection whose length is outside the promised bounds
    /// (<c>!placeholder.Range().Includes(actual)</c> with a known result).
    /// </summary>
    public static bool DefinitelyExcludes(CtyValue placeholder, CtyValue actual)
    {
        var refinements = placeholder.Refinements;
        if (refinements?.IsNull == false && actual.IsNull)
        {
            return true;
        }

        if (actual.IsNull)
        {
            return false;
        }

        if (!CtyTypeChecks.Conforms(actual.Type, placeholder.Type))
        {
            return true;
        }

        if (refinements is null || actual.Type.IsDynamic || !actual.IsKnown)
        {
            return false;
        }

        switch (placeholder.Type.Kind)
        {
            case CtyTypeKind.String:
                return refinements.StringPrefix is { Length: > 0 } prefix
                    && !actual.AsString().StartsWith(prefix, StringComparison.Ordinal);
            case CtyTypeKind.Number:
                var number = actual.AsNumber();
                if (refinements.NumberLowerBound is { } lower
                    && (lower.Inclusive ? number < lower.Value : number <= lower.Value))
                {
                    return true;
                }

                return refinements.NumberUpperBound is { } upper
                    && (upper.Inclusive ? number > upper.Value : number >= upper.Value);
            case CtyTypeKind.List or CtyTypeKind.Set or CtyTypeKind.Map:
                // A set with unknown elements has no known length yet: equal elements coalesce.
                if (actual.Type.Kind == CtyTypeKind.Set && !actual.IsWhollyKnown)
                {
                    return false;
                }

                var length = actual.Length;
                return (refinements.LengthLowerBound is { } minLength && length < minLength)
                    || (refinements.LengthUpperBound is { } maxLength && length > maxLength);
            default:
                return false;
        }
    }

    /// <summary>True when the value is known and not null, or unknown but refined not null.</summary>
    public static bool DefinitelyNotNull(CtyValue value) =>
        value.IsKnown ? !value.IsNull : value.Refinements?.IsNull == false;

    /// <summary>
    /// go-cty's <c>Equals</c>: true or false when the answer is certain, null when it depends on
    /// values not yet known. Two nulls are equal whatever their types.
    /// </summary>
    public static bool? Equals(CtyValue left, CtyValue right)
    {
        if ((left.IsNull && DefinitelyNotNull(right)) || (right.IsNull && DefinitelyNotNull(left)))
        {
            return false;
        }

        if (left.IsKnown && !right.IsKnown && DefinitelyExcludes(right, left))
        {
            return false;
        }

        if (right.IsKnown && !left.IsKnown && DefinitelyExcludes(left, right))
        {
            return false;
        }

        if (!left.IsKnown || !right.IsKnown)
        {
            if (!left.IsKnown && !right.IsKnown)
            {
                return null;
            }

            var (known, unknown) = left.IsKnown ? (left, right) : (right, left);
            if (known.IsNull || unknown.Type.HasDynamicTypes)
            {
                return null;
            }

            return known.Type.Equals(unknown.Type) ? null : false;
        }

        if (left.IsNull || right.IsNull)
        {
            return left.IsNull && right.IsNull;
        }

        if (!HasWhollyKnownType(left) || !HasWhollyKnownType(right))
        {
            var conforms = CtyTypeChecks.Conforms(left.Type, right.Type) || CtyTypeChecks.Conforms(right.Type, left.Type);
            return conforms ? null : false;
        }

        if (!left.Type.Equals(right.Type))
        {
            return false;
        }

        switch (left.Type.Kind)
        {
            case CtyTypeKind.String:
                return string.Equals(left.AsString(), right.AsString(), StringComparison.Ordinal);
            case CtyTypeKind.Number:
                return left.AsNumber() == right.AsNumber();
            case CtyTypeKind.Bool:
                return left.AsBool() == right.AsBool();
            case CtyTypeKind.List or CtyTypeKind.Tuple:
                return left.Length == right.Length ? AllEqual(left.Elements, right.Elements) : false;
            case CtyTypeKind.Object:
                return AllEqual(
                    left.Attributes.Values.ToList(),
                    left.Attributes.Keys.Select(k => right.Attributes[k]).ToList());
            case CtyTypeKind.Map:
                var leftEntries = left.MapEntries;
                var rightEntries = right.MapEntries;
                if (leftEntries.Count != rightEntries.Count || leftEntries.Keys.Any(k => !rightEntries.ContainsKey(k)))
                {
                    return false;
                }

                return AllEqual(leftEntries.Values.ToList(), leftEntries.Keys.Select(k => rightEntries[k]).ToList());
            case CtyTypeKind.Set:
                // A wholly unknown element could turn out to be anything; otherwise sets are
                // equal when each element is in the other (set membership is exact equality).
                if (left.Elements.Any(e => !e.IsKnown) || right.Elements.Any(e => !e.IsKnown))
                {
                    return null;
                }

                return left.Elements.All(e => right.Elements.Contains(e)) && right.Elements.All(e => left.Elements.Contains(e));
            default:
                return left.Equals(right);
        }
    }

    private static bool? AllEqual(IReadOnlyList<CtyValue> left, IReadOnlyList<CtyValue> right)
    {
        for (var i = 0; i < left.Count; i++)
        {
            var equal = Equals(left[i], right[i]);
            if (equal is null)
            {
                return null;
            }

            if (equal == false)
            {
                return false;
            }
        }

        return true;
    }

    // False when a dynamic-typed unknown sits somewhere inside: the value's final type is open.
    private static bool HasWhollyKnownType(CtyValue value)
    {
        if (value.IsNull)
        {
            return true;
        }

        if (!value.IsKnown)
        {
            return !value.Type.IsDynamic;
        }

        return value.Type.Kind switch
        {
            CtyTypeKind.List or CtyTypeKind.Set or CtyTypeKind.Tuple => value.Elements.All(HasWhollyKnownType),
            CtyTypeKind.Map => value.MapEntries.Values.All(HasWhollyKnownType),
            CtyTypeKind.Object => value.Attributes.Values.All(HasWhollyKnownType),
            _ => true,
        };
    }
}
