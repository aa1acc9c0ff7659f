using Crd.Cloud;
using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Diagnostics;
using Crd.Terraform.Plugin.Resources;
using Crd.Terraform.Plugin.Schema;
using Crd.Terraform.Plugin.Schema.PlanModifiers;

namespace Crd.Provider.Resources;

/// <summary>
/// What every site-bound resource shares (DESIGN.md §6): the <c>site</c> argument (defaults to
/// the provider's <c>default_site</c>, resolved at plan time so the plan shows it; changing it
/// replaces the object), the <c>project</c> argument (empty means the project of the site's
/// credentials), the session lookup and import ids <c>&lt;site&gt;/&lt;id&gt;</c> or
/// <c>&lt;site&gt;/&lt;project&gt;/&lt;id&gt;</c>.
/// </summary>
internal static class SiteScope
{
    public static readonly CtyPath SitePath = CtyPath.Root.Attribute("site");
    public static readonly CtyPath ProjectPath = CtyPath.Root.Attribute("project");

    public static SchemaAttribute SiteAttribute() => new("site", CtyType.String)
    {
        Optional = true,
        Computed = true,
        Description = "Site that holds the object (a `site` name of the provider block). Defaults to the provider's `default_site`. Changing it creates the object anew on the other site.",
        PlanModifiers = [UseStateForUnknown.Instance, RequiresReplace.Always],
    };

    public static SchemaAttribute ProjectAttribute() => new("project", CtyType.String)
    {
        Optional = true,
        Computed = true,
        Description = "OpenStack project id that owns the object. Defaults to the project of the site's application credential.",
        PlanModifiers = [UseStateForUnknown.Instance, RequiresReplace.Always],
    };

    /// <summary>
    /// ModifyPlan step: fills in <c>site</c> and <c>project</c> of a planned object and returns its
    /// session and project, or null (with a diagnostic, or when the site is not yet known).
    /// </summary>
    public static async Task<(SiteSession Session, string ProjectId)?> ResolvePlanAsync(ProviderContext? context, ResourceData config, ResourceData plan, DiagnosticCollection diagnostics, CancellationToken cancellationToken)
    {
        // On create, an unset site arrives unknown (computed and unset); only a site given as a
        // reference that is not yet known must stay unknown.
        if (context is null || config.IsUnknown("site"))
        {
            return null;
        }

        var site = (plan.IsUnknown("site") ? null : plan.GetString("site")) ?? context.Settings.DefaultSite;
        if (site is null)
        {
            diagnostics.AddAttributeError(SitePath, "No Site",
                $"Set `site` on this resource, or `default_site` in the provider block (or CRD_DEFAULT_SITE). Configured sites: {Names(context)}.");
            return null;
        }

        if (context.TryGetSession(site) is not { } session)
        {
            diagnostics.AddAttributeError(SitePath, "Unknown Site", $"\"{site}\" is not a site of the provider block. Configured sites: {Names(context)}.");
            return null;
        }

        plan.SetString("site", site);
        try
        {
            var credentialsProject = await session.GetProjectIdAsync(cancellationToken).ConfigureAwait(false);
            var project = plan.GetString("project");
            if (project is not null && project != credentialsProject)
            {
                var name = await session.GetProjectNameAsync(cancellationToken).ConfigureAwait(false);
                if (project != name)
                {
                    diagnostics.AddAttributeError(ProjectPath, "Unknown Project",
                        $"The credentials of site \"{site}\" are scoped to project {name} ({credentialsProject}); they cannot manage objects of project \"{project}\". Leave `project` empty, or configure a site whose credentials belong to that project.");
                    return null;
                }
            }

            if (!config.IsUnknown("project"))
            {
                // A project given as a reference still unknown stays unknown: Terraform requires it.
                plan.SetString("project", credentialsProject);
            }

            return (session, credentialsProject);
        }
        catch (CloudException e)
        {
            diagnostics.AddAttributeError(SitePath, "Cannot Reach Site", $"Site \"{site}\": {e.Message}");
            return null;
        }
    }

    /// <summary>The session of the site recorded in state; a diagnostic when the site is no longer configured.</summary>
    public static SiteSession? SessionOf(ProviderContext? context, ResourceData state, DiagnosticCollection diagnostics)
    {
        if (context is null)
        {
            diagnostics.AddError("Provider Not Configured", "The crd provider was not configured before this call; this is a bug in Terraform or the provider.");
            return null;
        }

        var site = state.GetString("site") ?? context.Settings.DefaultSite;
        if (site is not null && context.TryGetSession(site) is { } session)
        {
            return session;
        }

        diagnostics.AddAttributeError(SitePath, "Unknown Site",
            $"This object lives on site \"{site}\", which is no longer in the provider block. Configured sites: {Names(context)}. Add the site back to manage or destroy the object.");
        return null;
    }

    /// <summary>
    /// Parses <c>&lt;site&gt;/&lt;id&gt;</c> or <c>&lt;site&gt;/&lt;project&gt;/&lt;id&gt;</c>; adds a
    /// diagnostic explaining the format otherwise.
    /// </summary>
    public static (string Site, string? Project, string Id)? ParseImportId(string importId, string resourceType, ProviderContext? context, DiagnosticCollection diagnostics)
    {
        var parts = importId.Split('/');
        if (parts.Length is < 2 or > 3 || parts.Any(string.IsNullOrWhiteSpace))
        {
            diagnostics.AddError("Invalid Import ID",
                $"\"{importId}\" is not a valid {resourceType} import id. Use \"<site>/<id>\" (e.g. \"toulouse/8c1e...\") or \"<site>/<project>/<id>\".");
            return null;
        }

        if (context is not null && context.TryGetSession(parts[0]) is null)
        {
            diagnostics.AddError("Unknown Site", $"Import id \"{importId}\" names site \"{parts[0]}\", which is not in the provider block. Configured sites: {Names(context)}.");
            return null;
        }

        return parts.Length == 2 ? (parts[0], null, parts[1]) : (parts[0], parts[1], parts[2]);
    }

    /// <summary>Adds a cloud failure as an error diagnostic, at <paramref name="path"/> when given.</summary>
    public static void AddError(DiagnosticCollection diagnostics, string summary, CloudException error, CtyPath? path = null)
    {
        if (path is null)
        {
            diagnostics.AddError(summary, error.Message);
        }
        else
        {
            diagnostics.AddAttributeError(path, summary, error.Message);
        }
    }

    private static string Names(ProviderContext context) =>
        context.SiteNames.Count == 0 ? "none" : string.Join(", ", context.SiteNames.Select(n => $"\"{n}\""));
}
