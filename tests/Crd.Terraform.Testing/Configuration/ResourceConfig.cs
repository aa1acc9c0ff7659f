namespace Crd.Terraform.Testing.Configuration;

/// <summary>
/// One <c>resource</c> or <c>data</c> block. The body maps attribute names to values
/// (string, long, int, double, bool, null, lists, dictionaries, <see cref="Ref"/>) and block
/// type names to a dictionary (single/group block), a list of dictionaries (list/set blocks)
/// or a dictionary of dictionaries (map blocks, keyed by label).
/// </summary>
/// <param name="Type">Resource type, e.g. <c>sdktest_thing</c>.</param>
/// <param name="Name">Local name.</param>
/// <param name="Body">Arguments and nested blocks.</param>
/// <param name="IsData">True for a data block.</param>
public sealed record ResourceConfig(string Type, string Name, IReadOnlyDictionary<string, object?> Body, bool IsData = false)
{
    /// <summary>Explicit dependencies (addresses), like <c>depends_on</c>.</summary>
    public IReadOnlyList<string> DependsOn { get; init; } = [];

    /// <summary>The address: <c>type.name</c> or <c>data.type.name</c>.</summary>
    public string Address => IsData ? $"data.{Type}.{Name}" : $"{Type}.{Name}";
}
