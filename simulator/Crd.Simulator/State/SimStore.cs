using System.Runtime.ExceptionServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Crd.Simulator.State;

/// <summary>
/// All simulator state: in-memory collections guarded by one lock, made durable by the
/// <see cref="Journal"/> (fsync before the caller answers) and compacted by periodic snapshots.
/// </summary>
public sealed partial class SimStore : IDisposable
{
    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly Lock _gate = new();
    private readonly Dictionary<Type, Dictionary<string, Entity>> _collections = [];
    private readonly SortedSet<(long Ticks, string Key)> _due = [];
    private readonly Dictionary<string, (long Ticks, Entity Entity)> _dueByKey = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, Action<Entity, StoreTransaction>> _settlers = [];
    private readonly string _directory;
    private readonly int _snapshotEvery;
    private Journal _journal = null!;
    private FileStream? _lock;
    private int _recordsSinceSnapshot;
    private int _snapshotRunning;
    private readonly Dictionary<string, object> _derived = new(StringComparer.Ordinal);
    private long _derivedVersion = -1;

    private SimStore(string directory, EntityRegistry registry, SimClock clock, int snapshotEvery)
    {
        _directory = directory;
        Registry = registry;
        Clock = clock;
        _snapshotEvery = snapshotEvery;
    }

    /// <summary>The simulated clock.</summary>
    public SimClock Clock { get; }

    /// <summary>Known entity types.</summary>
    public EntityRegistry Registry { get; }

    /// <summary>fsync calls made by the journal so far.</summary>
    public long SyncCount => _journal.SyncCount;

    /// <summary>Incremented by every change; derived data cached for one version stays valid until the next change.</summary>
    public long Version { get; private set; }

    /// <summary>Journal records written so far by this process.</summary>
    public long RecordCount { get; private set; }

    /// <summary>
    /// Loads the snapshot and replays the journal of <paramref name="directory"/> (created if
    /// needed), then opens a fresh journal segment.
    /// </summary>
    public static SimStore Open(string directory, EntityRegistry registry, SimClock clock, int snapshotEvery = 20_000)
    {
        Directory.CreateDirectory(directory);
        var store = new SimStore(directory, registry, clock, snapshotEvery);
        try
        {
            // One process per data directory: two writers would interleave journals. The OS drops
            // the lock when the process dies, even on kill -9.
            store._lock = new FileStream(Path.Combine(directory, "lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new InvalidOperationException($"the data directory {Path.GetDirectoryName(directory)} is in use by another crd-sim");
        }
        var first = store.LoadSnapshot();
        var segments = Journal.ListSegments(directory);
        foreach (var segment in segments)
        {
            if (segment < first)
            {
                File.Delete(Journal.SegmentPath(directory, segment));
            }
            else
            {
                store.Replay(Journal.SegmentPath(directory, segment));
            }
        }
        var next = Math.Max(first, segments.Count > 0 ? segments[^1] + 1 : 1);
        store._journal = new Journal(directory, next);
        return store;
    }

    /// <summary>True when no entity exists (fresh data directory).</summary>
    public bool IsEmpty
    {
        get
        {
            lock (_gate)
            {
                return _collections.Values.All(c => c.Count == 0);
            }
        }
    }

    /// <summary>
    /// Registers the asynchronous-transition handler of entity type <typeparamref name="T"/>: called
    /// under the lock when an entity's <see cref="Entity.DueAt"/> has passed. It should update the
    /// entity (clearing or moving DueAt) and Put or Delete it.
    /// </summary>
    public void OnDue<T>(Action<T, StoreTransaction> settler) where T : Entity =>
        _settlers[typeof(T)] = (e, tx) => settler((T)e, tx);

    /// <summary>
    /// Runs <paramref name="work"/> under the lock after applying due transitions, journals its
    /// changes, and completes once they are on disk. <paramref name="work"/> must be synchronous,
    /// validate before mutating, and throw to refuse.
    /// </summary>
    public async Task<T> ExecuteAsync<T>(Func<StoreTransaction, T> work)
    {
        Task? durable = null;
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        lock (_gate)
        {
            var tx = new StoreTransaction(this);
            try
            {
                SettleDue(tx);
                result = work(tx);
            }
            catch (Exception ex)
            {
                failure = ExceptionDispatchInfo.Capture(ex);
            }
            // Journal whatever reached memory, even on failure, so memory and disk never disagree.
            var record = tx.ToRecord(Registry, JsonOptions);
            if (record is not null)
            {
                durable = _journal.AppendAsync(record);
                RecordCount++;
                _recordsSinceSnapshot++;
            }
        }
        if (durable is not null)
        {
            await durable.ConfigureAwait(false);
            MaybeSnapshot();
        }
        failure?.Throw();
        return result;
    }

    /// <summary>Runs <paramref name="work"/> that returns nothing.</summary>
    public Task ExecuteAsync(Action<StoreTransaction> work) => ExecuteAsync(tx =>
    {
        work(tx);
        return true;
    });

    internal void Touch() => Version++;

    internal T Derived<T>(string key, Func<T> build) where T : class
    {
        if (_derivedVersion != Version)
        {
            _derived.Clear();
            _derivedVersion = Version;
        }
        if (!_derived.TryGetValue(key, out var value))
        {
            value = build();
            _derived[key] = value;
        }
        return (T)value;
    }

    internal Dictionary<string, Entity> CollectionOf(Type type)
    {
        if (!_collections.TryGetValue(type, out var collection))
        {
            collection = new Dictionary<string, Entity>(StringComparer.Ordinal);
            _collections[type] = collection;
        }
        return collection;
    }

    internal void ClearAll()
    {
        foreach (var collection in _collections.Values)
        {
            collection.Clear();
        }
        _due.Clear();
        _dueByKey.Clear();
    }

    internal void IndexDue(Entity entity)
    {
        UnindexDue(entity);
        if (entity.DueAt is { } due)
        {
            var key = DueKey(entity);
            _due.Add((due.UtcTicks, key));
            _dueByKey[key] = (due.UtcTicks, entity);
        }
    }

    internal void UnindexDue(Entity entity)
    {
        var key = DueKey(entity);
        if (_dueByKey.Remove(key, out var old))
        {
            _due.Remove((old.Ticks, key));
        }
    }

    private static string DueKey(Entity entity) => entity.GetType().Name + "/" + entity.Id;

    private void SettleDue(StoreTransaction tx)
    {
        var now = Clock.Now.UtcTicks;
        for (var guard = 0; guard < 100_000 && _due.Count > 0 && _due.Min.Ticks <= now; guard++)
        {
            var (_, key) = _due.Min;
            var entity = _dueByKey[key].Entity;
            var version = Version;
            if (_settlers.TryGetValue(entity.GetType(), out var settler))
            {
                try
                {
                    settler(entity, tx);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // A broken transition must not make every later request fail: drop it, say so.
                    Console.Error.WriteLine($"crd-sim: transition of {key} failed and was dropped: {ex.Message}");
                }
            }
            // A settler that changed nothing (or failed) must not spin forever.
            if (Version == version && _dueByKey.ContainsKey(key))
            {
                entity.DueAt = null;
                tx.Put(entity);
            }
        }
    }

    /// <summary>Stops the journal writer (after draining it).</summary>
    public void Dispose()
    {
        _journal?.Dispose();
        _lock?.Dispose();
    }
}
