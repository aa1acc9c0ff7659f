using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Diagnostics;
using Crd.Terraform.Plugin.Resources;

namespace Crd.Provider.Configuration;

/// <summary>
/// Cross-attribute rules of the provider block, checked at validate time on what is known
/// (values may still be unknown when they come from other resources).
/// </summary>
internal static class ProviderConfigValidator
{
    public static void Validate(ResourceData config, DiagnosticCollection diagnostics)
    {
        var sites = config.GetBlocks("site");
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        var allNamesKnown = !config.IsUnknown("site");
        for (var i = 0; i < sites.Count; i++)
        {
            var site = sites[i];
            var path = CtyPath.Root.Attribute("site").Index(i);
            if (site.IsUnknown("name"))
            {
                allNamesKnown = false;
            }
            else if (site.GetString("name") is { } name && !names.TryAdd(name, i))
            {
                diagnostics.AddAttributeError(path.Attribute("name"), "Duplicate Site",
                    $"Site \"{name}\" is declared twice (site[{names[name]}] and site[{i}]). Give each site block a different name.");
            }

            CheckCredentials(site, path, diagnostics);
        }

        if (config.IsUnknown("default_site") || !allNamesKnown)
        {
            return;
        }

        if (config.GetString("default_site") is { } defaultSite && sites.Count > 0 && !names.ContainsKey(defaultSite))
        {
            diagnostics.AddAttributeError(CtyPath.Root.Attribute("default_site"), "Unknown Site",
                $"default_site is \"{defaultSite}\", but no site block has that name. Configured sites: {string.Join(", ", names.Keys.Select(n => $"\"{n}\""))}.");
        }
    }

    private static void CheckCredentials(ResourceData site, CtyPath path, DiagnosticCollection diagnostics)
    {
        var name = site.GetString("name") ?? "?";
        bool Set(string attribute) => site.IsUnknown(attribute) || !site.IsNullAttribute(attribute);

        if (Set("cloud"))
        {
            return;
        }

        if (!Set("auth_url"))
        {
            diagnostics.AddAttributeError(path, "Missing Site Credentials",
                $"Site \"{name}\" has neither `cloud` (an entry of clouds.yaml) nor `auth_url`. Set `cloud`, or `auth_url` with `application_credential_id` and `application_credential_secret`.");
            return;
        }

        if (!Set("application_credential_id"))
        {
            diagnostics.AddAttributeError(path.Attribute("application_credential_id"), "Missing Site Credentials",
                $"Site \"{name}\" sets `auth_url` but no `application_credential_id`. Create an application credential in the site's dashboard (Identity > Application Credentials) and set its id and secret, or use `cloud`.");
        }

        if (!Set("application_credential_secret"))
        {
            diagnostics.AddAttributeError(path.Attribute("application_credential_secret"), "Missing Site Credentials",
                $"Site \"{name}\" sets `auth_url` but no `application_credential_secret`. Pass it from a variable marked sensitive, or use `cloud`.");
        }
    }
}
