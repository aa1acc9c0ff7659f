using System.Text;
using Crd.Simulator.Hosting;

namespace Crd.Simulator.Cli;

/// <summary>Renders the start-up report: endpoints, clouds.yaml and the provider block.</summary>
public static class StartupReport
{
    private static readonly string[] PreferredOrder = ["portal_url", "portal_token", "onezone_url", "onezone_token", "default_site"];

    /// <summary>clouds.yaml text.</summary>
    public static string CloudsYaml(SimDescription description)
    {
        var text = new StringBuilder("clouds:\n");
        foreach (var (cloud, settings) in description.Clouds)
        {
            text.Append("  ").Append(cloud).Append(":\n");
            foreach (var (key, value) in settings.Where(s => !s.Key.StartsWith("auth.", StringComparison.Ordinal)))
            {
                text.Append("    ").Append(key).Append(": ").Append(Quote(value)).Append('\n');
            }
            text.Append("    auth:\n");
            foreach (var (key, value) in settings.Where(s => s.Key.StartsWith("auth.", StringComparison.Ordinal)))
            {
                text.Append("      ").Append(key["auth.".Length..]).Append(": ").Append(Quote(value)).Append('\n');
            }
        }
        return text.ToString();
    }

    /// <summary>The <c>provider "crd" { ... }</c> block.</summary>
    public static string ProviderBlock(SimDescription description)
    {
        var text = new StringBuilder("provider \"crd\" {\n");
        var top = description.ProviderSettings
            .OrderBy(s => Array.IndexOf(PreferredOrder, s.Key) is var i && i < 0 ? int.MaxValue : i)
            .ToList();
        var width = top.Count == 0 ? 0 : top.Max(s => s.Key.Length);
        foreach (var (key, value) in top)
        {
            text.Append("  ").Append(key.PadRight(width)).Append(" = ").Append(Quote(value)).Append('\n');
        }
        foreach (var (_, settings) in description.SiteSettings)
        {
            text.Append("\n  site {\n");
            var siteWidth = settings.Max(s => s.Key.Length);
            foreach (var (key, value) in settings)
            {
                text.Append("    ").Append(key.PadRight(siteWidth)).Append(" = ").Append(Quote(value)).Append('\n');
            }
            text.Append("  }\n");
        }
        return text.Append("}\n").ToString();
    }

    /// <summary>The whole report printed by <c>crd-sim up</c> (without the final ready line).</summary>
    public static string Render(SimDescription description, string dataDirectory)
    {
        var text = new StringBuilder();
        text.Append("crd-sim: federation simulator listening on ").Append(description.BaseUrl).Append('\n');
        text.Append("data directory: ").Append(dataDirectory).Append("\n\nEndpoints:\n");
        var width = description.Endpoints.Count == 0 ? 0 : description.Endpoints.Max(e => e.Label.Length);
        foreach (var (label, url) in description.Endpoints)
        {
            text.Append("  ").Append(label.PadRight(width)).Append("  ").Append(url).Append('\n');
        }
        text.Append("\n# clouds.yaml (also in ").Append(Path.Combine(dataDirectory, "clouds.yaml")).Append(")\n");
        text.Append(CloudsYaml(description));
        text.Append("\n# provider block (also in ").Append(Path.Combine(dataDirectory, "provider.tf")).Append(")\n");
        text.Append(ProviderBlock(description));
        return text.ToString();
    }

    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
