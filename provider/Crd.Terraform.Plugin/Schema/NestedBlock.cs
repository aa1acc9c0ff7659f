using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Schema.PlanModifiers;
using Crd.Terraform.Plugin.Validators;

namespace Crd.Terraform.Plugin.Schema;

/// <summary>A nested block type of a schema block (<c>Schema.NestedBlock</c>).</summary>
public sealed class NestedBlock
{
    /// <summary>Creates a nested block type.</summary>
    public NestedBlock(string typeName, NestingMode nesting, Block block)
    {
        TypeName = typeName;
        Nesting = nesting;
        Block = block;
    }

    /// <summary>The block type name in configuration.</summary>
    public string TypeName { get; }

    /// <summary>How the block repeats.</summary>
    public NestingMode Nesting { get; }

    /// <summary>The block's content.</summary>
    public Block Block { get; }

    /// <summary>Minimum number of blocks (list/set only; 0 = no minimum).</summary>
    public int MinItems { get; init; }

    /// <summary>Maximum number of blocks (list/set only; 0 = no maximum).</summary>
    public int MaxItems { get; init; }

    /// <summary>Validators of the whole block value.</summary>
    public IReadOnlyList<IAttributeValidator> Validators { get; init; } = [];

    /// <summary>Plan modifiers of the whole block value (e.g. RequiresReplace).</summary>
    public IReadOnlyList<IPlanModifier> PlanModifiers { get; init; } = [];

    /// <summary>The cty type of this block type's value within its parent object.</summary>
    public CtyType ImpliedType()
    {
        var element = Block.ImpliedType();
        return Nesting switch
        {
            NestingMode.Single or NestingMode.Group => element,
            NestingMode.List => Block.ContainsDynamic() ? CtyType.Dynamic : CtyType.List(element),
            NestingMode.Set => CtyType.Set(element),
            NestingMode.Map => Block.ContainsDynamic() ? CtyType.Dynamic : CtyType.Map(element),
            _ => throw new InvalidOperationException($"Nested block \"{TypeName}\" has no nesting mode."),
        };
    }
}
