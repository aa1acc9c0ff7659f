using System.Diagnostics.CodeAnalysis;

namespace Crd.Terraform.Plugin.Cty;

public sealed partial class CtyValue
{
    /// <summary>The string of a known, non-null string value.</summary>
    /// <exception cref="InvalidOperationException">The value is null, unknown or not a string.</exception>
    public string AsString() => (string)RequireKnown(CtyTypeKind.String);

    /// <summary>The number of a known, non-null number value.</summary>
    /// <exception cref="InvalidOperationException">The value is null, unknown or not a number.</exception>
    public CtyNumber AsNumber() => (CtyNumber)RequireKnown(CtyTypeKind.Number);

    /// <summary>The bool of a known, non-null bool value.</summary>
    /// <exception cref="InvalidOperationException">The value is null, unknown or not a bool.</exception>
    public bool AsBool() => (bool)RequireKnown(CtyTypeKind.Bool);

    /// <summary>The elements of a known, non-null list, set (canonical order) or tuple.</summary>
    /// <exception cref="InvalidOperationException">The value is null, unknown or not a list, set or tuple.</exception>
    public IReadOnlyList<CtyValue> Elements =>
        (CtyValue[])RequireKnown(CtyTypeKind.List, CtyTypeKind.Set, CtyTypeKind.Tuple);

    /// <summary>The attributes of a known, non-null object, in code-point order of their names.</summary>
    /// <exception cref="InvalidOperationException">The value is null, unknown or not an object.</exception>
    public IReadOnlyDictionary<string, CtyValue> Attributes =>
        (CtyOrdinalMap<CtyValue>)RequireKnown(CtyTypeKind.Object);

    /// <summary>The entries of a known, non-null map, in code-point order of their keys.</summary>
    /// <exception cref="InvalidOperationException">The value is null, unknown or not a map.</exception>
    public IReadOnlyDictionary<string, CtyValue> MapEntries =>
        (CtyOrdinalMap<CtyValue>)RequireKnown(CtyTypeKind.Map);

    /// <summary>The number of elements of a known, non-null list, set, tuple or map.</summary>
    /// <exception cref="InvalidOperationException">The value is null, unknown or has no length.</exception>
    public int Length => RequireKnown(CtyTypeKind.List, CtyTypeKind.Set, CtyTypeKind.Tuple, CtyTypeKind.Map) switch
    {
        CtyValue[] elements => elements.Length,
        CtyOrdinalMap<CtyValue> map => map.Count,
        _ => 0,
    };

    /// <summary>One attribute of a known, non-null object.</summary>
    /// <exception cref="InvalidOperationException">The value is not a known object.</exception>
    /// <exception cref="KeyNotFoundException">The object has no such attribute.</exception>
    public CtyValue GetAttribute(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var attributes = (CtyOrdinalMap<CtyValue>)RequireKnown(CtyTypeKind.Object);
        return attributes.TryGetValue(name, out var value)
            ? value
            : throw new KeyNotFoundException($"{Type} has no attribute \"{name}\".");
    }

    /// <summary>True for a known, non-null value (its accessors can be used).</summary>
    public bool IsKnownAndNotNull => _state == ValueState.Known;

    /// <summary>
    /// The value at <paramref name="path"/> below this one, or null when the path does not
    /// exist or passes through a null or unknown value.
    /// </summary>
    public CtyValue? Traverse(CtyPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var current = this;
        foreach (var step in path.Steps)
        {
            if (!current.TryStep(step, out var next))
            {
                return null;
            }

            current = next;
        }

        return current;
    }

    private bool TryStep(CtyPathStep step, [NotNullWhen(true)] out CtyValue? next)
    {
        next = null;
        if (_state != ValueState.Known)
        {
            return false;
        }

        switch (step.Kind)
        {
            case CtyPathStepKind.AttributeName when Type.Kind == CtyTypeKind.Object:
            case CtyPathStepKind.ElementKeyString when Type.Kind == CtyTypeKind.Map:
                return ((CtyOrdinalMap<CtyValue>)_payload!).TryGetValue(step.Name ?? string.Empty, out next);
            case CtyPathStepKind.ElementKeyInt when Type.Kind is CtyTypeKind.List or CtyTypeKind.Tuple:
                var elements = (CtyValue[])_payload!;
                if (step.Index < 0 || step.Index >= elements.Length)
                {
                    return false;
                }

                next = elements[step.Index];
                return true;
            default:
                return false;
        }
    }

    private object RequireKnown(CtyTypeKind kind)
    {
        if (_state != ValueState.Known || Type.Kind != kind)
        {
            ThrowNotA(kind.ToString().ToLowerInvariant());
        }

        return _payload!;
    }

    private object RequireKnown(params ReadOnlySpan<CtyTypeKind> kinds)
    {
        if (_state != ValueState.Known || !kinds.Contains(Type.Kind))
        {
            ThrowNotA(string.Join(" or ", kinds.ToArray().Select(k => k.ToString().ToLowerInvariant())));
        }

        return _payload!;
    }

    [DoesNotReturn]
    private void ThrowNotA(string expected)
    {
        var what = _state switch
        {
            ValueState.Null => $"a null {Type}",
            ValueState.Unknown => $"an unknown {Type}",
            _ => $"a {Type}",
        };
        throw new InvalidOperationException($"The value is {what}, not a known {expected}.");
    }
}
