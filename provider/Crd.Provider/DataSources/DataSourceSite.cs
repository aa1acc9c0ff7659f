using Crd.Cloud;
using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Diagnostics;
using Crd.Terraform.Plugin.Resources;

namespace Crd.Provider.DataSources;

/// <summary>The <c>site</c> argument every site-bound data source shares.</summary>
internal static class DataSourceSite
{
    public static readonly CtyPath Path = CtyPath.Root.Attribute("site");

    /// <summary>The session for the configured <c>site</c>, else the default site; null with an error at <c>site</c> when there is none.</summary>
    public static SiteSession? Resolve(ProviderContext? context, ResourceData config, DiagnosticCollection diagnostics)
    {
        if (context is null)
        {
            diagnostics.AddError("Provider Not Configured", "The crd provider was not configured before this data source was read. This is a bug in the provider.");
            return null;
        }

        var name = config.GetString("site") ?? context.Settings.DefaultSite;
        var configured = string.Join(", ", context.Settings.Sites.Select(s => $"\"{s.Name}\""));
        if (name is null)
        {
            diagnostics.AddAttributeError(Path, "No Site", context.Settings.Sites.Count == 0
                ? "The provider block has no site block. Add one (see the provider documentation)."
                : $"No site was given and the provider has no default_site. Set `site` to one of {configured}, or set `default_site` in the provider block.");
            return null;
        }

        if (context.Settings.FindSite(name) is null)
        {
            diagnostics.AddAttributeError(Path, "Unknown Site", $"Site \"{name}\" is not configured in the provider block. Configured sites: {configured}.");
            return null;
        }

        return context.TryGetSession(name);
    }

    /// <summary>Turns a cloud failure into an error that says which site and what was being read.</summary>
    public static void AddCloudError(DiagnosticCollection diagnostics, CtyPath path, string summary, string site, CloudException error)
        => diagnostics.AddAttributeError(path, summary, $"Site \"{site}\": {error.Message}");
}
