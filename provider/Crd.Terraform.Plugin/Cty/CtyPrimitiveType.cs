namespace Crd.Terraform.Plugin.Cty;

/// <summary>string, number, bool and the dynamic pseudo-type: types without components.</summary>
internal sealed class CtyPrimitiveType : CtyType
{
    internal CtyPrimitiveType(CtyTypeKind kind)
        : base(kind)
    {
    }

    public override bool HasDynamicTypes => IsDynamic;

    internal override bool IsPlain => !IsDynamic;

    public override CtyType WithoutOptionalAttributesDeep() => this;

    public override bool Equals(CtyType? other) => other is not null && other.Kind == Kind;

    public override int GetHashCode() => (int)Kind;

    public override string ToString() => Kind switch
    {
        CtyTypeKind.String => "string",
        CtyTypeKind.Number => "number",
        CtyTypeKind.Bool => "bool",
        _ => "dynamic",
    };
}
