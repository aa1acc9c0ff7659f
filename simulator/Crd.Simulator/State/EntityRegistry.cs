using System.Reflection;

namespace Crd.Simulator.State;

/// <summary>Maps collection names to entity types (needed to replay the journal).</summary>
public sealed class EntityRegistry
{
    private readonly Dictionary<string, Type> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, string> _byType = [];

    /// <summary>Registers <typeparamref name="T"/> under the name of its <see cref="SimCollectionAttribute"/>.</summary>
    public void Register<T>() where T : Entity => Register(typeof(T));

    /// <summary>Registers an entity type.</summary>
    public void Register(Type type)
    {
        var attribute = type.GetCustomAttribute<SimCollectionAttribute>()
            ?? throw new InvalidOperationException($"{type.Name} lacks [SimCollection]");
        _byName[attribute.Name] = type;
        _byType[type] = attribute.Name;
    }

    /// <summary>Collection name of a type.</summary>
    public string NameOf(Type type) =>
        _byType.TryGetValue(type, out var name) ? name : throw new InvalidOperationException($"{type.Name} is not registered");

    /// <summary>Type of a collection, or null when unknown (a journal written by a newer build).</summary>
    public Type? TypeOf(string name) => _byName.GetValueOrDefault(name);

    /// <summary>All registered collection names.</summary>
    public IEnumerable<string> Names => _byName.Keys;
}
