using System.Text.Json;
using Crd.Terraform.Plugin.Cty;

namespace Crd.Terraform.Plugin.Tests.Cty;

/// <summary>
/// Compares two JSON texts by meaning: same structure, object members in any order, numbers
/// equal as exact decimals (so 1.0 equals 1 and 30-digit numbers are not rounded).
/// </summary>
internal static class JsonSemantics
{
    public static bool AreEquivalent(string expected, string actual)
    {
        using var a = JsonDocument.Parse(expected);
        using var b = JsonDocument.Parse(actual);
        return Equivalent(a.RootElement, b.RootElement);
    }

    private static bool Equivalent(JsonElement a, JsonElement b)
    {
        if (a.ValueKind != b.ValueKind)
        {
            return false;
        }

        switch (a.ValueKind)
        {
            case JsonValueKind.Number:
                return CtyNumber.Parse(a.GetRawText()) == CtyNumber.Parse(b.GetRawText());
            case JsonValueKind.String:
                return a.GetString() == b.GetString();
            case JsonValueKind.Array:
                var left = a.EnumerateArray().ToList();
                var right = b.EnumerateArray().ToList();
                return left.Count == right.Count && left.Zip(right).All(p => Equivalent(p.First, p.Second));
            case JsonValueKind.Object:
                var leftProps = a.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
                var rightProps = b.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
                return leftProps.Count == rightProps.Count
                    && leftProps.All(p => rightProps.TryGetValue(p.Key, out var other) && Equivalent(p.Value, other));
            default:
                return true;
        }
    }
}
