using System.Text.Json;
using System.Text.Json.Nodes;

namespace Crd.Simulator.Tests.Support;

/// <summary>Status, headers and parsed JSON body of a crd-sim answer.</summary>
public sealed class SimResponse
{
    /// <summary>HTTP status.</summary>
    public int Status { get; private init; }

    /// <summary>Body text.</summary>
    public string Text { get; private init; } = "";

    /// <summary>Parsed body, or null when empty or not JSON.</summary>
    public JsonNode? Json { get; private init; }

    /// <summary>Response and content headers (first value).</summary>
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads a response.</summary>
    public static async Task<SimResponse> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? json = null;
        try
        {
            json = text.Length > 0 ? JsonNode.Parse(text) : null;
        }
        catch (JsonException)
        {
        }
        var result = new SimResponse { Status = (int)response.StatusCode, Text = text, Json = json };
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            result.Headers[name] = values.First();
        }
        return result;
    }

    /// <summary>Fails with the body when the status differs.</summary>
    public SimResponse AssertStatus(int expected)
    {
        Assert.True(Status == expected, $"expected {expected}, got {Status}: {Text}");
        return this;
    }

    /// <summary>The string at a path of property names.</summary>
    public string Str(params string[] path)
    {
        JsonNode? node = Json;
        foreach (var name in path)
        {
            node = node?[name];
        }
        return node?.GetValue<string>() ?? throw new InvalidOperationException($"no string at {string.Join('.', path)} in {Text}");
    }
}
