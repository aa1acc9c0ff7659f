using System.Text.Json;
using System.Text.Json.Nodes;

namespace Crd.StandIns.Recording;

/// <summary>
/// The stand-ins' "remote API": one JSON file per object under <c>$CRD_STANDIN_DIR</c>, so that
/// objects outlive each provider process like a cluster does, tests can assert on what was
/// deployed, and a test can delete a record behind Terraform's back to prove drift detection.
/// Layout: tests/StandIns/README.md.
/// </summary>
internal sealed class RecordStore(string root)
{
    /// <summary>The environment variable naming the record directory.</summary>
    public const string EnvironmentVariable = "CRD_STANDIN_DIR";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The store named by <c>$CRD_STANDIN_DIR</c>, or null when it is unset.</summary>
    public static RecordStore? FromEnvironment()
        => Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } dir ? new RecordStore(dir) : null;

    /// <summary>The record at <paramref name="segments"/> (the last one without ".json"), or null when absent.</summary>
    public JsonObject? Get(params string[] segments)
    {
        var path = PathOf(segments);
        return File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path)) as JsonObject : null;
    }

    /// <summary>True when the record exists.</summary>
    public bool Exists(params string[] segments) => File.Exists(PathOf(segments));

    /// <summary>Writes the record atomically (temp file, then rename).</summary>
    public void Put(JsonObject body, params string[] segments)
    {
        var path = PathOf(segments);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var tmp = path + ".tmp";
        File.WriteAllText(tmp, body.ToJsonString(Indented) + "\n");
        File.Move(tmp, path, overwrite: true);
    }

    /// <summary>Deletes the record; a missing record is success.</summary>
    public void Delete(params string[] segments)
    {
        var path = PathOf(segments);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    /// <summary>Every record directly in the folder <paramref name="segments"/>.</summary>
    public IEnumerable<JsonObject> List(params string[] segments)
    {
        var dir = Path.Combine([root, .. segments.Select(Checked)]);
        if (!Directory.Exists(dir))
        {
            yield break;
        }

        foreach (var file in Directory.EnumerateFiles(dir, "*.json").Order(StringComparer.Ordinal))
        {
            if (JsonNode.Parse(File.ReadAllText(file)) is JsonObject record)
            {
                yield return record;
            }
        }
    }

    private string PathOf(string[] segments)
    {
        var parts = segments.Select(Checked).ToArray();
        parts[^1] += ".json";
        return Path.Combine([root, .. parts]);
    }

    // Names reach here validated as Kubernetes names; an import id might not be, and must never
    // escape the record directory.
    private static string Checked(string segment)
        => segment.Length > 0 && segment.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_') && segment is not ("." or "..")
            ? segment
            : throw new ArgumentException($"\"{segment}\" cannot name a record.", nameof(segment));
}
