namespace Crd.Terraform.Plugin.Cty;

/// <summary>list(T), set(T) and map(T).</summary>
internal sealed class CtyCollectionType : CtyType
{
    private readonly CtyType _elementType;

    internal CtyCollectionType(CtyTypeKind kind, CtyType elementType)
        : base(kind)
    {
        ArgumentNullException.ThrowIfNull(elementType);
        _elementType = elementType;
    }

    public override CtyType ElementType => _elementType;

    public override bool HasDynamicTypes => _elementType.HasDynamicTypes;

    internal override bool IsPlain => _elementType.IsPlain;

    public override CtyType WithoutOptionalAttributesDeep()
    {
        var stripped = _elementType.WithoutOptionalAttributesDeep();
        return ReferenceEquals(stripped, _elementType) ? this : new CtyCollectionType(Kind, stripped);
    }

    public override bool Equals(CtyType? other) =>
        ReferenceEquals(this, other)
        || (other is CtyCollectionType c && c.Kind == Kind && c._elementType.Equals(_elementType));

    public override int GetHashCode() => HashCode.Combine(Kind, _elementType);

    public override string ToString() => Kind switch
    {
        CtyTypeKind.List => $"list({_elementType})",
        CtyTypeKind.Set => $"set({_elementType})",
        _ => $"map({_elementType})",
    };
}
