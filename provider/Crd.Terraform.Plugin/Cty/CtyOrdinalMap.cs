using System.Diagnostics.CodeAnalysis;

namespace Crd.Terraform.Plugin.Cty;

/// <summary>
/// An immutable string-keyed dictionary that enumerates its keys in code-point (UTF-8 byte) order, the order
/// go-cty uses for object attributes and map keys (and therefore the order on the wire).
/// Lookups are binary searches over a sorted key array.
/// </summary>
internal sealed class CtyOrdinalMap<T> : IReadOnlyDictionary<string, T>
{
    private readonly string[] _keys;
    private readonly T[] _values;

    private CtyOrdinalMap(string[] keys, T[] values)
    {
        _keys = keys;
        _values = values;
    }

    public static CtyOrdinalMap<T> Empty { get; } = new([], []);

    public int Count => _keys.Length;

    public IEnumerable<string> Keys => _keys;

    public IEnumerable<T> Values => _values;

    internal ReadOnlySpan<string> KeySpan => _keys;

    internal ReadOnlySpan<T> ValueSpan => _values;

    public T this[string key] =>
        TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No entry \"{key}\".");

    /// <summary>Builds a map; throws <see cref="ArgumentException"/> on a duplicate key.</summary>
    public static CtyOrdinalMap<T> Create(IEnumerable<KeyValuePair<string, T>> entries)
    {
        var list = entries as ICollection<KeyValuePair<string, T>> ?? entries.ToList();
        if (list.Count == 0)
        {
            return Empty;
        }

        var keys = new string[list.Count];
        var values = new T[list.Count];
        var i = 0;
        foreach (var (key, value) in list)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(entries));
            keys[i] = key;
            values[i] = value;
            i++;
        }

        return FromArrays(keys, values);
    }

    /// <summary>Takes ownership of the arrays, sorting them in place.</summary>
    internal static CtyOrdinalMap<T> FromArrays(string[] keys, T[] values)
    {
        // Wire data and dictionaries built from it usually arrive sorted already.
        var sorted = true;
        for (var k = 1; k < keys.Length && sorted; k++)
        {
            sorted = CtyStringOrder.CompareStrings(keys[k - 1], keys[k]) < 0;
        }

        if (!sorted)
        {
            Array.Sort(keys, values, CtyStringOrder.Instance);
        }

        for (var k = 1; k < keys.Length; k++)
        {
            if (string.Equals(keys[k - 1], keys[k], StringComparison.Ordinal))
            {
                throw new ArgumentException($"Duplicate key \"{keys[k]}\".");
            }
        }

        return new CtyOrdinalMap<T>(keys, values);
    }

    /// <summary>Same keys, values mapped through <paramref name="selector"/>.</summary>
    internal CtyOrdinalMap<TOut> Select<TOut>(Func<string, T, TOut> selector)
    {
        var values = new TOut[_keys.Length];
        for (var i = 0; i < _keys.Length; i++)
        {
            values[i] = selector(_keys[i], _values[i]);
        }

        return new CtyOrdinalMap<TOut>(_keys, values);
    }

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out T value)
    {
        var index = IndexOf(key);
        if (index < 0)
        {
            value = default;
            return false;
        }

        value = _values[index];
        return true;
    }

    internal int IndexOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var lo = 0;
        var hi = _keys.Length - 1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            var cmp = CtyStringOrder.CompareStrings(_keys[mid], key);
            if (cmp == 0)
            {
                return mid;
            }

            if (cmp < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return -1;
    }

    public IEnumerator<KeyValuePair<string, T>> GetEnumerator()
    {
        for (var i = 0; i < _keys.Length; i++)
        {
            yield return new KeyValuePair<string, T>(_keys[i], _values[i]);
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
