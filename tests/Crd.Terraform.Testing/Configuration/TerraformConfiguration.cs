namespace Crd.Terraform.Testing.Configuration;

/// <summary>A root module as the harness understands it: one provider block and resources.</summary>
public sealed class TerraformConfiguration
{
    /// <summary>The provider block.</summary>
    public IReadOnlyDictionary<string, object?> Provider { get; init; } = new Dictionary<string, object?>();

    /// <summary>Resource and data blocks.</summary>
    public IReadOnlyList<ResourceConfig> Resources { get; init; } = [];

    /// <summary>Finds a block by address.</summary>
    public ResourceConfig? Find(string address) => Resources.FirstOrDefault(r => r.Address == address);

    /// <summary>A copy with one block's body replaced.</summary>
    public TerraformConfiguration With(string address, Func<Dictionary<string, object?>, Dictionary<string, object?>> change)
        => new()
        {
            Provider = Provider,
            Resources = Resources.Select(r => r.Address == address ? r with { Body = change(new Dictionary<string, object?>(r.Body)) } : r).ToList(),
        };

    /// <summary>A copy without one block.</summary>
    public TerraformConfiguration Without(string address)
        => new() { Provider = Provider, Resources = Resources.Where(r => r.Address != address).ToList() };
}
