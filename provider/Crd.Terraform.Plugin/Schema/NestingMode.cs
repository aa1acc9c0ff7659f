namespace Crd.Terraform.Plugin.Schema;

/// <summary>
/// How a nested block repeats, as in <c>Schema.NestedBlock.NestingMode</c> of the plugin protocol.
/// </summary>
public enum NestingMode
{
    /// <summary>At most one block; absent means a null object.</summary>
    Single = 1,

    /// <summary>An ordered list of blocks (<c>list(object)</c>).</summary>
    List = 2,

    /// <summary>An unordered set of blocks (<c>set(object)</c>).</summary>
    Set = 3,

    /// <summary>Labelled blocks (<c>map(object)</c>).</summary>
    Map = 4,

    /// <summary>Exactly one block that Terraform synthesises when absent: never null.</summary>
    Group = 5,
}
