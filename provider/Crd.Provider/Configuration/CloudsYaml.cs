using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace Crd.Provider.Configuration;

/// <summary>
/// The OpenStack client configuration file (os-client-config format), searched where the
/// OpenStack CLI and terraform-provider-openstack look: an explicit path or
/// OS_CLIENT_CONFIG_FILE, then ./clouds.yaml, ~/.config/openstack/clouds.yaml,
/// /etc/openstack/clouds.yaml.
/// </summary>
internal sealed class CloudsYaml
{
    private readonly Dictionary<string, CloudEntry> _entries;

    private CloudsYaml(string path, Dictionary<string, CloudEntry> entries)
    {
        Path = path;
        _entries = entries;
    }

    public string Path { get; }

    public IEnumerable<string> Names => _entries.Keys.Order(StringComparer.Ordinal);

    public CloudEntry? Find(string name) => _entries.GetValueOrDefault(name);

    public static IEnumerable<string> SearchPaths(string? explicitPath)
    {
        if (explicitPath is not null)
        {
            yield return ExpandHome(explicitPath);
            yield break;
        }

        yield return System.IO.Path.Combine(Directory.GetCurrentDirectory(), "clouds.yaml");
        yield return System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config", "openstack", "clouds.yaml");
        yield return "/etc/openstack/clouds.yaml";
    }

    public static CloudsYaml? Load(string? explicitPath, CtyPath attributePath, DiagnosticCollection diagnostics)
    {
        var path = SearchPaths(explicitPath).FirstOrDefault(File.Exists);
        if (path is null)
        {
            diagnostics.AddAttributeError(attributePath, "clouds.yaml Not Found",
                explicitPath is null
                    ? $"A site names a `cloud`, but no clouds.yaml was found (looked in {string.Join(", ", SearchPaths(null))}). Set `clouds_yaml` or OS_CLIENT_CONFIG_FILE."
                    : $"The file \"{explicitPath}\" does not exist.");
            return null;
        }

        try
        {
            return Parse(path, File.ReadAllText(path));
        }
        catch (Exception e) when (e is YamlDotNet.Core.YamlException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            diagnostics.AddAttributeError(attributePath, "Invalid clouds.yaml", $"\"{path}\" cannot be read: {e.Message}");
            return null;
        }
    }

    public static CloudsYaml Parse(string path, string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var entries = new Dictionary<string, CloudEntry>(StringComparer.Ordinal);
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new InvalidDataException("the document is not a mapping with a `clouds` key.");
        }

        if (!root.Children.TryGetValue(new YamlScalarNode("clouds"), out var cloudsNode) || cloudsNode is not YamlMappingNode clouds)
        {
            throw new InvalidDataException("there is no `clouds` mapping.");
        }

        foreach (var (key, value) in clouds.Children)
        {
            if (key is not YamlScalarNode { Value: { } name } || value is not YamlMappingNode cloud)
            {
                continue;
            }

            var auth = cloud.Children.TryGetValue(new YamlScalarNode("auth"), out var a) ? a as YamlMappingNode : null;
            entries[name] = new CloudEntry(
                name,
                Scalar(auth, "auth_url"),
                Scalar(auth, "application_credential_id"),
                Scalar(auth, "application_credential_secret"),
                Scalar(cloud, "region_name"),
                Scalar(cloud, "cacert"),
                Scalar(cloud, "verify") is { } verify && bool.TryParse(verify, out var verifies) ? !verifies : null);
        }

        return new CloudsYaml(path, entries);
    }

    private static string? Scalar(YamlMappingNode? node, string key)
        => node is not null && node.Children.TryGetValue(new YamlScalarNode(key), out var v) && v is YamlScalarNode { Value: { Length: > 0 } s } ? s : null;

    private static string ExpandHome(string path)
        => path.StartsWith("~/", StringComparison.Ordinal)
            ? System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[2..])
            : path;
}
