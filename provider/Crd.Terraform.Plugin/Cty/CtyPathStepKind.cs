namespace Crd.Terraform.Plugin.Cty;

/// <summary>The kind of one step of a <see cref="CtyPath"/> (as in tfplugin AttributePath.Step).</summary>
public enum CtyPathStepKind
{
    /// <summary>An object attribute: <c>.name</c>.</summary>
    AttributeName,

    /// <summary>A map key: <c>["key"]</c>.</summary>
    ElementKeyString,

    /// <summary>A list or tuple index: <c>[0]</c>.</summary>
    ElementKeyInt,
}
