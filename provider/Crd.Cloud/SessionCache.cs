using System.Collections.Concurrent;

namespace Crd.Cloud;

/// <summary>
/// Per-site cache of slowly changing lists (flavors, security groups, networks): one fetch per
/// site and time-to-live, shared by concurrent callers, so that refreshing N resources does not
/// cost N list calls. A failed fetch is not cached.
/// </summary>
public sealed class SessionCache
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    internal SessionCache(TimeProvider time) => _time = time;

    /// <summary>The cached value of <paramref name="key"/>, fetching it when missing or older than <paramref name="ttl"/>.</summary>
    public async Task<T> GetOrCreateAsync<T>(string key, TimeSpan ttl, Func<CancellationToken, Task<T>> fetch, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var entry = _entries.AddOrUpdate(
            key,
            _ => new Entry(now, new Lazy<Task<object?>>(() => Box(fetch))),
            (_, existing) => now - existing.Created > ttl || existing.Value.Value.IsFaulted || existing.Value.Value.IsCanceled
                ? new Entry(now, new Lazy<Task<object?>>(() => Box(fetch)))
                : existing);
        return (T)(await entry.Value.Value.WaitAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Forgets <paramref name="key"/> (after a change that makes it stale).</summary>
    public void Invalidate(string key) => _entries.TryRemove(key, out _);

    // The fetch runs detached from any one caller's token: a caller that gives up must not fail the others.
    private static async Task<object?> Box<T>(Func<CancellationToken, Task<T>> fetch) => await fetch(CancellationToken.None).ConfigureAwait(false);

    private sealed record Entry(DateTimeOffset Created, Lazy<Task<object?>> Value);
}
