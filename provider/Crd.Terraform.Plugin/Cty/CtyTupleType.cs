using System.Collections.Immutable;

namespace Crd.Terraform.Plugin.Cty;

/// <summary>tuple([T1, T2, ...]).</summary>
internal sealed class CtyTupleType : CtyType
{
    private readonly ImmutableArray<CtyType> _elementTypes;
    private readonly int _hash;
    private readonly bool _hasDynamic;
    private readonly bool _isPlain;

    internal CtyTupleType(IReadOnlyList<CtyType> elementTypes)
        : base(CtyTypeKind.Tuple)
    {
        var builder = ImmutableArray.CreateBuilder<CtyType>(elementTypes.Count);
        var hash = new HashCode();
        hash.Add(CtyTypeKind.Tuple);
        foreach (var type in elementTypes)
        {
            ArgumentNullException.ThrowIfNull(type, nameof(elementTypes));
            builder.Add(type);
            hash.Add(type);
        }

        _elementTypes = builder.MoveToImmutable();
        _hash = hash.ToHashCode();
        _hasDynamic = _elementTypes.Any(t => t.HasDynamicTypes);
        _isPlain = _elementTypes.All(t => t.IsPlain);
    }

    public override IReadOnlyList<CtyType> ElementTypes => _elementTypes;

    public override bool HasDynamicTypes => _hasDynamic;

    internal override bool IsPlain => _isPlain;

    public override CtyType WithoutOptionalAttributesDeep()
    {
        var stripped = _elementTypes.Select(t => t.WithoutOptionalAttributesDeep()).ToArray();
        for (var i = 0; i < stripped.Length; i++)
        {
            if (!ReferenceEquals(stripped[i], _elementTypes[i]))
            {
                return new CtyTupleType(stripped);
            }
        }

        return this;
    }

    public override bool Equals(CtyType? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is not CtyTupleType t || t._hash != _hash || t._elementTypes.Length != _elementTypes.Length)
        {
            return false;
        }

        for (var i = 0; i < _elementTypes.Length; i++)
        {
            if (!_elementTypes[i].Equals(t._elementTypes[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override int GetHashCode() => _hash;

    public override string ToString() => $"tuple([{string.Join(", ", _elementTypes)}])";
}
