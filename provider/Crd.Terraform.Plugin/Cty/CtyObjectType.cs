using System.Collections.Frozen;

namespace Crd.Terraform.Plugin.Cty;

/// <summary>object({name=T, ...}), possibly with optional-attribute markers.</summary>
internal sealed class CtyObjectType : CtyType
{
    private readonly CtyOrdinalMap<CtyType> _attributes;
    private readonly FrozenSet<string> _optional;
    private readonly int _hash;
    private readonly bool _hasDynamic;
    private readonly bool _isPlain;

    internal CtyObjectType(IReadOnlyDictionary<string, CtyType> attributes, IEnumerable<string>? optional)
        : base(CtyTypeKind.Object)
    {
        _attributes = attributes as CtyOrdinalMap<CtyType> ?? CtyOrdinalMap<CtyType>.Create(attributes);
        foreach (var (name, type) in _attributes)
        {
            if (type is null)
            {
                throw new ArgumentException($"Attribute \"{name}\" has no type.", nameof(attributes));
            }
        }

        _optional = optional is null ? FrozenSet<string>.Empty : optional.ToFrozenSet(StringComparer.Ordinal);
        foreach (var name in _optional)
        {
            if (!_attributes.ContainsKey(name))
            {
                throw new ArgumentException(
                    $"Optional attribute \"{name}\" is not an attribute of the object type.", nameof(optional));
            }
        }

        var hash = new HashCode();
        hash.Add(CtyTypeKind.Object);
        foreach (var (name, type) in _attributes)
        {
            hash.Add(name, StringComparer.Ordinal);
            hash.Add(type);
        }

        hash.Add(_optional.Count);
        _hash = hash.ToHashCode();
        _hasDynamic = _attributes.Values.Any(t => t.HasDynamicTypes);
        _isPlain = _optional.Count == 0 && _attributes.Values.All(t => t.IsPlain);
    }

    public override IReadOnlyDictionary<string, CtyType> AttributeTypes => _attributes;

    public override IReadOnlySet<string> OptionalAttributes => _optional;

    internal CtyOrdinalMap<CtyType> OrderedAttributes => _attributes;

    public override bool HasDynamicTypes => _hasDynamic;

    internal override bool IsPlain => _isPlain;

    public override CtyType WithoutOptionalAttributesDeep()
    {
        var changed = _optional.Count > 0;
        var stripped = _attributes.Select((_, t) =>
        {
            var s = t.WithoutOptionalAttributesDeep();
            changed |= !ReferenceEquals(s, t);
            return s;
        });
        return changed ? new CtyObjectType(stripped, null) : this;
    }

    public override bool Equals(CtyType? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is not CtyObjectType o || o._hash != _hash || o._attributes.Count != _attributes.Count
            || o._optional.Count != _optional.Count)
        {
            return false;
        }

        var keys = _attributes.KeySpan;
        var values = _attributes.ValueSpan;
        var otherKeys = o._attributes.KeySpan;
        var otherValues = o._attributes.ValueSpan;
        for (var i = 0; i < keys.Length; i++)
        {
            if (!string.Equals(keys[i], otherKeys[i], StringComparison.Ordinal) || !values[i].Equals(otherValues[i]))
            {
                return false;
            }
        }

        return _optional.SetEquals(o._optional);
    }

    public override int GetHashCode() => _hash;

    public override string ToString()
    {
        var parts = _attributes.Select((name, type) =>
            _optional.Contains(name) ? $"{name}=optional({type})" : $"{name}={type}");
        return $"object({{{string.Join(", ", parts.Values)}}})";
    }
}
