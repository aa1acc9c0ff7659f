namespace Crd.Terraform.Plugin.Cty;

public sealed partial class CtyValue
{
    /// <summary>
    /// Exact structural equality (go-cty <c>RawEquals</c>): same type, same nullness and
    /// unknownness, same refinements, equal content at every depth. Two unknowns of one type
    /// with the same refinements are equal here.
    /// </summary>
    public bool Equals(CtyValue? other) => other is not null && RawEquals(this, other, ignoreRefinements: false);

    /// <summary>As <see cref="Equals(CtyValue?)"/>, but refinements of unknowns are not compared.</summary>
    public bool EqualsIgnoringRefinements(CtyValue other) =>
        other is not null && RawEquals(this, other, ignoreRefinements: true);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is CtyValue other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Type);
        hash.Add(_state);
        switch (_payload)
        {
            case CtyValue[] elements:
                hash.Add(elements.Length);
                foreach (var element in elements)
                {
                    hash.Add(element.GetHashCode());
                }

                break;
            case CtyOrdinalMap<CtyValue> map:
                hash.Add(map.Count);
                foreach (var (key, value) in map)
                {
                    hash.Add(key, StringComparer.Ordinal);
                    hash.Add(value.GetHashCode());
                }

                break;
            case string s:
                hash.Add(s, StringComparer.Ordinal);
                break;
            case not null:
                hash.Add(_payload);
                break;
        }

        return hash.ToHashCode();
    }

    /// <summary>Exact equality.</summary>
    public static bool operator ==(CtyValue? left, CtyValue? right) =>
        left is null ? right is null : left.Equals(right);

    /// <summary>Exact inequality.</summary>
    public static bool operator !=(CtyValue? left, CtyValue? right) => !(left == right);

    private static bool RawEquals(CtyValue a, CtyValue b, bool ignoreRefinements)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a._state != b._state || !a.Type.Equals(b.Type))
        {
            return false;
        }

        switch (a._state)
        {
            case ValueState.Null:
                return true;
            case ValueState.Unknown:
                return ignoreRefinements || Equals(a.Refinements, b.Refinements);
        }

        switch (a._payload)
        {
            case string s:
                return string.Equals(s, (string)b._payload!, StringComparison.Ordinal);
            case CtyNumber n:
                return n.Equals((CtyNumber)b._payload!);
            case bool flag:
                return flag == (bool)b._payload!;
            case CtyValue[] elements:
                var otherElements = (CtyValue[])b._payload!;
                if (elements.Length != otherElements.Length)
                {
                    return false;
                }

                for (var i = 0; i < elements.Length; i++)
                {
                    if (!RawEquals(elements[i], otherElements[i], ignoreRefinements))
                    {
                        return false;
                    }
                }

                return true;
            case CtyOrdinalMap<CtyValue> map:
                var otherMap = (CtyOrdinalMap<CtyValue>)b._payload!;
                if (map.Count != otherMap.Count)
                {
                    return false;
                }

                var keys = map.KeySpan;
                var otherKeys = otherMap.KeySpan;
                var values = map.ValueSpan;
                var otherValues = otherMap.ValueSpan;
                for (var i = 0; i < keys.Length; i++)
                {
                    if (!string.Equals(keys[i], otherKeys[i], StringComparison.Ordinal)
                        || !RawEquals(values[i], otherValues[i], ignoreRefinements))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }
}
