namespace Crd.Simulator.State;

/// <summary>Names the store collection (and journal key) of an <see cref="Entity"/> subclass.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class SimCollectionAttribute(string name) : Attribute
{
    /// <summary>Collection name, e.g. <c>compute.servers</c>. Never rename: journals store it.</summary>
    public string Name { get; } = name;
}
