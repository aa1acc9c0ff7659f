using System.Collections.Concurrent;

namespace Crd.Terraform.Testing;

/// <summary>The harness's state file: managed resource instances by address.</summary>
public sealed class TerraformState
{
    private readonly ConcurrentDictionary<string, StateInstance> _instances = new(StringComparer.Ordinal);

    /// <summary>Every instance, by address.</summary>
    public IReadOnlyDictionary<string, StateInstance> Instances => _instances;

    /// <summary>Adds or replaces an instance.</summary>
    public void Set(string address, StateInstance instance) => _instances[address] = instance;

    /// <summary>Removes an instance (after destroy or when refresh finds it gone).</summary>
    public void Remove(string address) => _instances.TryRemove(address, out _);

    /// <summary>Gets an instance or null.</summary>
    public StateInstance? Get(string address) => _instances.GetValueOrDefault(address);
}
