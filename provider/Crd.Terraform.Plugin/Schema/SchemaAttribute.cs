using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Schema.PlanModifiers;
using Crd.Terraform.Plugin.Validators;

namespace Crd.Terraform.Plugin.Schema;

/// <summary>
/// One attribute of a schema block. Mirrors <c>Schema.Attribute</c> of tfplugin5/6 and adds what
/// the SDK evaluates itself: a default, validators and plan modifiers.
/// </summary>
/// <remarks>
/// Rules checked when the schema is first served (the same as terraform-plugin-framework's):
/// exactly one of Required / Optional / Computed-only; a default needs Computed and Optional;
/// write-only attributes must be Required or Optional and never Computed (Terraform >= 1.11).
/// </remarks>
public sealed class SchemaAttribute
{
    /// <summary>Creates an attribute of the given name and cty type.</summary>
    public SchemaAttribute(string name, CtyType type)
    {
        Name = name;
        Type = type;
    }

    /// <summary>The attribute name in configuration.</summary>
    public string Name { get; }

    /// <summary>The attribute's cty type.</summary>
    public CtyType Type { get; }

    /// <summary>The practitioner must set it.</summary>
    public bool Required { get; init; }

    /// <summary>The practitioner may set it.</summary>
    public bool Optional { get; init; }

    /// <summary>The provider may set it (when not configured).</summary>
    public bool Computed { get; init; }

    /// <summary>Terraform hides the value in plan output and logs.</summary>
    public bool Sensitive { get; init; }

    /// <summary>Value is only in configuration: never persisted in plan or state.</summary>
    public bool WriteOnly { get; init; }

    /// <summary>Markdown description, used in docs and by language servers.</summary>
    public string Description { get; init; } = "";

    /// <summary>When non-empty, the attribute is deprecated and this tells what to use instead.</summary>
    public string? DeprecationMessage { get; init; }

    /// <summary>Value planned when the configuration leaves the attribute null.</summary>
    public CtyValue? Default { get; init; }

    /// <summary>Validators run on ValidateResourceConfig / ValidateDataResourceConfig.</summary>
    public IReadOnlyList<IAttributeValidator> Validators { get; init; } = [];

    /// <summary>Plan modifiers, run in order during PlanResourceChange.</summary>
    public IReadOnlyList<IPlanModifier> PlanModifiers { get; init; } = [];
}
