using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Diagnostics;
using Crd.Terraform.Plugin.Resources;

namespace Crd.Provider.Configuration;

/// <summary>
/// The provider configuration resolved for use: provider block first, then environment
/// variables, then clouds.yaml entries named by sites. What the resources receive.
/// </summary>
internal sealed record ProviderSettings(
    string? PortalUrl,
    string? PortalToken,
    string? OnezoneUrl,
    string? OnezoneToken,
    string? DefaultSite,
    int MaxRetries,
    IReadOnlyList<SiteSettings> Sites)
{
    public const int DefaultMaxRetries = 5;

    /// <summary>Finds a configured site.</summary>
    public SiteSettings? FindSite(string name) => Sites.FirstOrDefault(s => s.Name == name);

    /// <summary>Never prints tokens.</summary>
    public override string ToString() => $"crd provider: {Sites.Count} site(s), default {DefaultSite ?? "none"}, portal {PortalUrl ?? "none"}";

    /// <summary>Resolves the configuration; adds diagnostics with paths and returns null on errors.</summary>
    public static ProviderSettings? Resolve(ResourceData config, EnvironmentVariables env, DiagnosticCollection diagnostics)
    {
        var sitesConfig = config.GetBlocks("site");
        CloudsYaml? clouds = null;
        if (sitesConfig.Any(s => s.GetString("cloud") is not null || s.GetString("admin_cloud") is not null))
        {
            clouds = CloudsYaml.Load(config.GetString("clouds_yaml") ?? env.Get("OS_CLIENT_CONFIG_FILE"), CtyPath.Root.Attribute("clouds_yaml"), diagnostics);
        }

        var sites = new List<SiteSettings>();
        for (var i = 0; i < sitesConfig.Count; i++)
        {
            if (ResolveSite(sitesConfig[i], CtyPath.Root.Attribute("site").Index(i), clouds, diagnostics) is { } site)
            {
                sites.Add(site);
            }
        }

        var defaultSite = config.GetString("default_site") ?? env.Get("CRD_DEFAULT_SITE") ?? (sites.Count == 1 ? sites[0].Name : null);
        if (defaultSite is not null && sites.Count > 0 && !sites.Exists(s => s.Name == defaultSite))
        {
            diagnostics.AddAttributeError(CtyPath.Root.Attribute("default_site"), "Unknown Site",
                $"The default site \"{defaultSite}\" (from {(config.GetString("default_site") is null ? "CRD_DEFAULT_SITE" : "default_site")}) is not one of the configured sites: {string.Join(", ", sites.Select(s => $"\"{s.Name}\""))}.");
        }

        var portalUrl = config.GetString("portal_url") ?? env.Get("CRD_PORTAL_URL");
        var portalToken = config.GetString("portal_token") ?? env.Get("CRD_PORTAL_TOKEN");
        if (portalUrl is not null && portalToken is null)
        {
            diagnostics.AddAttributeError(CtyPath.Root.Attribute("portal_token"), "Missing Portal Token",
                "portal_url is set but no token was given: set `portal_token` (from a sensitive variable) or the CRD_PORTAL_TOKEN environment variable.");
        }

        var onezoneUrl = config.GetString("onezone_url") ?? env.Get("CRD_ONEZONE_URL");
        var onezoneToken = config.GetString("onezone_token") ?? env.Get("CRD_ONEZONE_TOKEN");
        if (onezoneUrl is not null && onezoneToken is null)
        {
            diagnostics.AddAttributeError(CtyPath.Root.Attribute("onezone_token"), "Missing Onezone Token",
                "onezone_url is set but no token was given: set `onezone_token` or the CRD_ONEZONE_TOKEN environment variable.");
        }

        var maxRetries = (int)(config.GetInt64("max_retries") ?? DefaultMaxRetries);
        return diagnostics.HasErrors ? null : new ProviderSettings(portalUrl, portalToken, onezoneUrl, onezoneToken, defaultSite, maxRetries, sites);
    }

    private static SiteSettings? ResolveSite(ResourceData site, CtyPath path, CloudsYaml? clouds, DiagnosticCollection diagnostics)
    {
        var name = site.GetString("name");
        if (name is null)
        {
            return null;
        }

        CloudEntry? entry = null;
        if (site.GetString("cloud") is { } cloud)
        {
            entry = clouds?.Find(cloud);
            if (clouds is not null && entry is null)
            {
                diagnostics.AddAttributeError(path.Attribute("cloud"), "Unknown Cloud",
                    $"Site \"{name}\" names cloud \"{cloud}\", which is not in {clouds.Path}. Entries there: {string.Join(", ", clouds.Names.Select(n => $"\"{n}\""))}.");
                return null;
            }
        }

        var authUrl = site.GetString("auth_url") ?? entry?.AuthUrl;
        var id = site.GetString("application_credential_id") ?? entry?.ApplicationCredentialId;
        var secret = site.GetString("application_credential_secret") ?? entry?.ApplicationCredentialSecret;
        if (authUrl is null || id is null || secret is null)
        {
            var missing = new[] { ("auth_url", authUrl), ("application_credential_id", id), ("application_credential_secret", secret) }
                .Where(x => x.Item2 is null).Select(x => x.Item1);
            diagnostics.AddAttributeError(path, "Missing Site Credentials",
                $"Site \"{name}\" lacks {string.Join(", ", missing)}{(entry is null ? "" : $" (also not in clouds.yaml entry \"{entry.Name}\")")}. Application credentials are the supported way to authenticate.");
            return null;
        }

        CloudEntry? admin = null;
        if (site.GetString("admin_cloud") is { } adminCloud)
        {
            admin = clouds?.Find(adminCloud);
            if (clouds is not null && admin is null)
            {
                diagnostics.AddAttributeError(path.Attribute("admin_cloud"), "Unknown Cloud",
                    $"Site \"{name}\" names admin cloud \"{adminCloud}\", which is not in {clouds.Path}. Entries there: {string.Join(", ", clouds.Names.Select(n => $"\"{n}\""))}.");
                return null;
            }
        }

        var adminId = site.GetString("admin_application_credential_id") ?? admin?.ApplicationCredentialId;
        var adminSecret = site.GetString("admin_application_credential_secret") ?? admin?.ApplicationCredentialSecret;
        if ((adminId is null) != (adminSecret is null))
        {
            diagnostics.AddAttributeError(path.Attribute(adminId is null ? "admin_application_credential_id" : "admin_application_credential_secret"), "Incomplete Admin Credential",
                $"Site \"{name}\" has half of an admin application credential: set both `admin_application_credential_id` and `admin_application_credential_secret`, or `admin_cloud`.");
            return null;
        }

        if ((site.GetString("onepanel_url") is null) != (site.GetString("onepanel_token") is null))
        {
            diagnostics.AddAttributeError(path.Attribute(site.GetString("onepanel_url") is null ? "onepanel_url" : "onepanel_token"), "Incomplete Onepanel Credentials",
                $"Site \"{name}\" sets only one of onepanel_url and onepanel_token: set both to let crd_onedata_space grant support there, or neither (support is then requested with a support token).");
            return null;
        }

        return new SiteSettings(
            name,
            authUrl,
            site.GetString("region") ?? entry?.Region,
            id,
            secret,
            site.GetString("onepanel_url"),
            site.GetString("onepanel_token"),
            site.GetString("cacert_file") ?? entry?.CaCertFile,
            site.GetBool("insecure") ?? entry?.Insecure ?? false)
        {
            AdminAuthUrl = admin?.AuthUrl,
            AdminApplicationCredentialId = adminId,
            AdminApplicationCredentialSecret = adminSecret,
        };
    }
}
