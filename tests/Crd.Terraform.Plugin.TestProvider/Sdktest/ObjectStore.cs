using System.Text.Json;
using System.Text.Json.Nodes;

namespace Crd.Terraform.Plugin.TestProvider.Sdktest;

/// <summary>
/// The test provider's "remote API": JSON objects in a directory (SDKTEST_STORE), so that
/// state outlives each provider process like a real cloud does, and tests can change or delete
/// objects behind Terraform's back to prove drift detection.
/// </summary>
internal sealed class ObjectStore(string directory)
{
    public static ObjectStore FromEnvironment()
        => new(Environment.GetEnvironmentVariable("SDKTEST_STORE") is { Length: > 0 } d ? d : Path.Combine(Path.GetTempPath(), "sdktest-store"));

    public string Create(string kind, JsonObject body)
    {
        Directory.CreateDirectory(directory);
        var id = $"{kind}-{Guid.NewGuid():N}"[..(kind.Length + 13)];
        Put(id, body);
        return id;
    }

    public JsonObject? Get(string id)
    {
        var path = PathOf(id);
        return File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path)) as JsonObject : null;
    }

    public void Put(string id, JsonObject body)
    {
        Directory.CreateDirectory(directory);
        var tmp = PathOf(id) + ".tmp";
        File.WriteAllText(tmp, body.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        File.Move(tmp, PathOf(id), overwrite: true);
    }

    public bool Delete(string id)
    {
        var path = PathOf(id);
        if (!File.Exists(path))
        {
            return false;
        }

        File.Delete(path);
        return true;
    }

    private string PathOf(string id)
    {
        if (id.Length == 0 || id.Any(c => !(char.IsAsciiLetterOrDigit(c) || c == '-')))
        {
            throw new ArgumentException($"\"{id}\" is not a valid object id.", nameof(id));
        }

        return Path.Combine(directory, id + ".json");
    }
}
