using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Crd.Terraform.Plugin.Resources;

/// <summary>
/// Provider-private data that Terraform stores beside a resource's state and hands back on the
/// next call (plan -> apply, read, import). Each key holds a JSON value; keys starting with
/// <c>.</c> are reserved for the SDK (the same convention as terraform-plugin-framework's
/// internal/privatestate).
/// </summary>
public sealed class PrivateState
{
    private readonly SortedDictionary<string, JsonNode?> _entries = new(StringComparer.Ordinal);

    /// <summary>True when no key is set.</summary>
    public bool IsEmpty => _entries.Count == 0;

    /// <summary>Decodes the bytes Terraform sent (empty means no data).</summary>
    /// <exception cref="FormatException">The bytes are not a JSON object.</exception>
    public static PrivateState Parse(ReadOnlySpan<byte> bytes)
    {
        var state = new PrivateState();
        if (bytes.IsEmpty)
        {
            return state;
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(bytes);
        }
        catch (JsonException e)
        {
            throw new FormatException("Private state is not valid JSON: " + e.Message, e);
        }

        if (root is not JsonObject obj)
        {
            throw new FormatException("Private state is not a JSON object.");
        }

        foreach (var (key, value) in obj)
        {
            state._entries[key] = value?.DeepClone();
        }

        return state;
    }

    /// <summary>Gets the JSON text stored under <paramref name="key"/>, or null.</summary>
    public string? GetKey(string key)
        => _entries.TryGetValue(key, out var node) ? node?.ToJsonString() ?? "null" : null;

    /// <summary>Stores JSON text under a provider key (not starting with '.').</summary>
    /// <exception cref="ArgumentException">The key is reserved or the value is not JSON.</exception>
    public void SetKey(string key, string json)
    {
        if (key.StartsWith('.'))
        {
            throw new ArgumentException($"Private state keys starting with '.' are reserved for the SDK: \"{key}\".", nameof(key));
        }

        SetKeyUnchecked(key, json);
    }

    /// <summary>
    /// Gets the string stored under <paramref name="key"/> with <see cref="SetString"/>, or null
    /// when the key is absent or holds something else. Trim- and AOT-safe (no reflection-based
    /// serializer), unlike round-tripping the JSON text through <c>JsonSerializer</c>.
    /// </summary>
    public string? GetString(string key)
        => _entries.TryGetValue(key, out var node) && node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>Stores a string under a provider key (not starting with '.').</summary>
    /// <exception cref="ArgumentException">The key is reserved.</exception>
    public void SetString(string key, string value)
    {
        if (key.StartsWith('.'))
        {
            throw new ArgumentException($"Private state keys starting with '.' are reserved for the SDK: \"{key}\".", nameof(key));
        }

        _entries[key] = JsonValue.Create(value);
    }

    /// <summary>Removes a key.</summary>
    public void RemoveKey(string key) => _entries.Remove(key);

    /// <summary>Copies every entry of <paramref name="other"/> into this one.</summary>
    public void ReplaceWith(PrivateState other)
    {
        _entries.Clear();
        foreach (var (key, value) in other._entries)
        {
            _entries[key] = value?.DeepClone();
        }
    }

    /// <summary>Encodes for Terraform; empty when there is nothing to store.</summary>
    public byte[] ToBytes()
    {
        if (_entries.Count == 0)
        {
            return [];
        }

        var obj = new JsonObject();
        foreach (var (key, value) in _entries)
        {
            obj[key] = value?.DeepClone();
        }

        return Encoding.UTF8.GetBytes(obj.ToJsonString());
    }

    internal void SetKeyUnchecked(string key, string json)
    {
        try
        {
            _entries[key] = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"Private state value for \"{key}\" is not valid JSON.", nameof(json), e);
        }
    }
}
