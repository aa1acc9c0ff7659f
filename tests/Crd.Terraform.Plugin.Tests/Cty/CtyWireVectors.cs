using System.Text.Json;

namespace Crd.Terraform.Plugin.Tests.Cty;

/// <summary>One entry of TestData/cty-wire-vectors.json.</summary>
internal sealed record CtyWireVector(string Name, string TypeJson, byte[] Msgpack, string? Json, string? Note)
{
    /// <summary>Hand-made vectors are decode-only; go-cty's must round-trip byte for byte.</summary>
    public bool IsHandMade => Note is not null && Note.Contains("hand-made", StringComparison.Ordinal);
}

/// <summary>Loads the go-cty wire vectors copied into the test output directory.</summary>
internal static class CtyWireVectors
{
    private static readonly Lazy<IReadOnlyDictionary<string, CtyWireVector>> s_all = new(Load);

    public static IReadOnlyDictionary<string, CtyWireVector> All => s_all.Value;

    public static CtyWireVector Get(string name) => All[name];

    public static TheoryData<string> Names(Func<CtyWireVector, bool> filter)
    {
        var data = new TheoryData<string>();
        foreach (var vector in All.Values.Where(filter))
        {
            data.Add(vector.Name);
        }

        return data;
    }

    private static IReadOnlyDictionary<string, CtyWireVector> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "cty-wire-vectors.json");
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var vectors = new Dictionary<string, CtyWireVector>(StringComparer.Ordinal);
        foreach (var element in document.RootElement.GetProperty("vectors").EnumerateArray())
        {
            var name = element.GetProperty("name").GetString()!;
            var json = element.TryGetProperty("json", out var jsonElement) ? jsonElement.GetRawText() : null;
            var note = element.TryGetProperty("note", out var noteElement) ? noteElement.GetString() : null;
            vectors.Add(name, new CtyWireVector(
                name,
                element.GetProperty("type").GetRawText(),
                Convert.FromHexString(element.GetProperty("msgpack_hex").GetString()!),
                json,
                note));
        }

        return vectors;
    }
}
