using System.Text.Json;

namespace Crd.Simulator.State;

/// <summary>
/// The view of the store given to one unit of work, under the store's lock. Reads see every
/// earlier write; <see cref="Put"/> and <see cref="Delete"/> are journaled atomically when the
/// work returns, and the caller's response waits for the fsync.
/// </summary>
public sealed class StoreTransaction
{
    private readonly SimStore _store;
    private readonly Dictionary<(Type, string), (Entity Entity, bool Deleted)> _changes = [];
    private bool _cleared;

    internal StoreTransaction(SimStore store) => _store = store;

    /// <summary>Current simulated time.</summary>
    public DateTimeOffset Now => _store.Clock.Now;

    /// <summary>The simulated clock (for <see cref="SimClock.After"/>).</summary>
    public SimClock Clock => _store.Clock;

    /// <summary>True when this unit of work changed something.</summary>
    public bool HasChanges => _cleared || _changes.Count > 0;

    /// <summary>The entity of type <typeparamref name="T"/> with this id, or null.</summary>
    public T? Find<T>(string? id) where T : Entity =>
        id is not null && _store.CollectionOf(typeof(T)).TryGetValue(id, out var e) ? (T)e : null;

    /// <summary>The entity of <paramref name="type"/> with this id, or null (admin routes).</summary>
    public Entity? Find(Type type, string id) => _store.CollectionOf(type).GetValueOrDefault(id);

    /// <summary>Every entity of <paramref name="type"/> (admin routes).</summary>
    public IEnumerable<Entity> All(Type type) => _store.CollectionOf(type).Values;

    /// <summary>Every entity of type <typeparamref name="T"/> (live objects: do not keep them).</summary>
    public IEnumerable<T> All<T>() where T : Entity => _store.CollectionOf(typeof(T)).Values.Cast<T>();

    /// <summary>Entities of a site, optionally of one project.</summary>
    public IEnumerable<T> OfSite<T>(string site, string? projectId = null) where T : Entity =>
        All<T>().Where(e => e.Site == site && (projectId is null || e.ProjectId == projectId));

    /// <summary>
    /// Data derived from the state (indexes, lookups), built once and reused until the next change
    /// anywhere in the store. <paramref name="build"/> must only read.
    /// </summary>
    public T Cached<T>(string key, Func<T> build) where T : class => _store.Derived(key, build);

    /// <summary>Inserts or updates <paramref name="entity"/> (and reschedules its <see cref="Entity.DueAt"/>).</summary>
    public void Put(Entity entity)
    {
        ArgumentException.ThrowIfNullOrEmpty(entity.Id);
        _store.CollectionOf(entity.GetType())[entity.Id] = entity;
        _store.IndexDue(entity);
        _store.Touch();
        _changes[(entity.GetType(), entity.Id)] = (entity, false);
    }

    /// <summary>Removes <paramref name="entity"/>.</summary>
    public void Delete(Entity entity)
    {
        _store.CollectionOf(entity.GetType()).Remove(entity.Id);
        _store.UnindexDue(entity);
        _store.Touch();
        _changes[(entity.GetType(), entity.Id)] = (entity, true);
    }

    /// <summary>Removes every entity (used by reset before re-seeding).</summary>
    public void Clear()
    {
        _store.ClearAll();
        _store.Touch();
        _changes.Clear();
        _cleared = true;
    }

    /// <summary>Serialises the changes as one journal line, or null when nothing changed.</summary>
    internal byte[]? ToRecord(EntityRegistry registry, JsonSerializerOptions options)
    {
        if (!HasChanges)
        {
            return null;
        }
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("ops");
            if (_cleared)
            {
                writer.WriteStartObject();
                writer.WriteBoolean("clear", true);
                writer.WriteEndObject();
            }
            foreach (var ((type, id), (entity, deleted)) in _changes)
            {
                writer.WriteStartObject();
                writer.WriteString("c", registry.NameOf(type));
                writer.WriteString("id", id);
                if (deleted)
                {
                    writer.WriteBoolean("del", true);
                }
                else
                {
                    writer.WritePropertyName("d");
                    JsonSerializer.Serialize(writer, entity, type, options);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
