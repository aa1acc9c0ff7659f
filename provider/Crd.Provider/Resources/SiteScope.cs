using Crd.Cloud;
using Crd.Provider.Resources.Portal;
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
/// credentials; a <c>crd_project</c> id means that portal project's tenant on the site, reached
/// with the tenant's credentials read from the portal at run time), the session lookup and
/// import ids <c>&lt;site&gt;/&lt;id&gt;</c> or <c>&lt;site&gt;/&lt;project&gt;/&lt;id&gt;</c>.
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
        Description = "Project that owns the object: a `crd_project` id (`crd_project.x.id`) puts it in that portal project's tenant on the site, which must be one of the project's `sites`; the tenant's credentials are read from the portal when needed and never stored. Defaults to the project of the site's application credential (recorded as its OpenStack project id).",
        PlanModifiers = [UseStateForUnknown.Instance, RequiresReplace.Always],
    };

    /// <summary>
    /// ModifyPlan step: fills in <c>site</c> and <c>project</c> of a planned object and returns the
    /// session to plan with and the OpenStack project whose quota it uses, or null (with a
    /// diagnostic, or when the site is not yet known). The project id is null when it is not
    /// known yet (a project given by a reference still unknown, or a portal tenant this run
    /// creates): the quota check then waits for the apply's own plan.
    /// </summary>
    public static async Task<(SiteSession Session, string? ProjectId)?> ResolvePlanAsync(ProviderContext? context, ResourceData config, ResourceData plan, DiagnosticCollection diagnostics, CancellationToken cancellationToken)
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
            if (config.IsUnknown("project"))
            {
                // A project given as a reference still unknown stays unknown: Terraform requires it.
                return (session, null);
            }

            // The user's project, not the planned one: an unset project follows the site (a VM
            // moved to another site must not keep the old site's project id from state).
            var project = config.GetString("project");
            if (project is not null && project != credentialsProject)
            {
                var name = await session.GetProjectNameAsync(cancellationToken).ConfigureAwait(false);
                if (project != name)
                {
                    return await ResolvePortalProjectAsync(context, session, site, project, name, credentialsProject, plan, diagnostics, cancellationToken).ConfigureAwait(false);
                }
            }

            plan.SetString("project", credentialsProject);
            return (session, credentialsProject);
        }
        catch (CloudException e)
        {
            diagnostics.AddAttributeError(SitePath, "Cannot Reach Site", $"Site \"{site}\": {e.Message}");
            return null;
        }
    }

    /// <summary>
    /// The session that acts in the project recorded in <paramref name="data"/>: the site's own
    /// for the credentials' project, the tenant's for a portal project (its credentials are read
    /// from the portal at authentication). A diagnostic and null when the site is not configured.
    /// Every operation of a site-bound resource should use this rather than <see cref="SessionOf"/>.
    /// </summary>
    public static async Task<SiteSession?> SessionOfAsync(ProviderContext? context, ResourceData data, DiagnosticCollection diagnostics, CancellationToken cancellationToken)
    {
        if (SessionOf(context, data, diagnostics) is not { } session)
        {
            return null;
        }

        if (data.GetString("project") is not { } project || context!.Tenants is not { } tenants)
        {
            return session;
        }

        try
        {
            if (project == await session.GetProjectIdAsync(cancellationToken).ConfigureAwait(false)
                || project == await session.GetProjectNameAsync(cancellationToken).ConfigureAwait(false))
            {
                return session;
            }
        }
        catch (CloudException e)
        {
            diagnostics.AddAttributeError(SitePath, "Cannot Reach Site", $"Site \"{session.Site}\": {e.Message}");
            return null;
        }

        return tenants.SessionOf(session.Site, project) ?? session;
    }

    /// <summary>
    /// The OpenStack project whose quota the object in <paramref name="data"/> uses, for the quota
    /// ledger (a portal project's is its tenant's); null when it cannot be told.
    /// </summary>
    public static async Task<string?> QuotaProjectAsync(SiteSession session, ResourceData data, CancellationToken cancellationToken)
    {
        try
        {
            var own = await session.GetProjectIdAsync(cancellationToken).ConfigureAwait(false);
            var project = data.GetString("project");
            return project is null || project == own || project == await session.GetProjectNameAsync(cancellationToken).ConfigureAwait(false) || session.IsPasswordScoped ? own : project;
        }
        catch (CloudException)
        {
            return null;
        }
    }

    /// <summary>
    /// The session of the site recorded in state, with the site's own credentials; a diagnostic
    /// when the site is no longer configured. Synchronous, so it cannot tell a portal project:
    /// use <see cref="SessionOfAsync"/> for anything that acts in the object's project.
    /// </summary>
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

    private static async Task<(SiteSession Session, string? ProjectId)?> ResolvePortalProjectAsync(
        ProviderContext context, SiteSession session, string site, string project, string credentialsName, string credentialsProject, ResourceData plan, DiagnosticCollection diagnostics, CancellationToken cancellationToken)
    {
        if (context.Tenants is not { } tenants)
        {
            diagnostics.AddAttributeError(ProjectPath, "Unknown Project",
                $"The credentials of site \"{site}\" are scoped to project {credentialsName} ({credentialsProject}); they cannot manage objects of project \"{project}\". Leave `project` empty, give a `crd_project` id (which needs `portal_url` and `portal_token` in the provider block), or configure a site whose credentials belong to that project.");
            return null;
        }

        var portalProject = await tenants.Portal.FindProjectAsync(project, cancellationToken).ConfigureAwait(false);
        if (portalProject is null)
        {
            diagnostics.AddAttributeError(ProjectPath, "Unknown Project",
                $"\"{project}\" is neither the project of site \"{site}\"'s credentials ({credentialsName}, {credentialsProject}) nor a project the portal shows to this token. Give a `crd_project` id, or leave `project` empty.");
            return null;
        }

        var live = await tenants.ListAsync(project, cancellationToken).ConfigureAwait(false);
        var tenant = live.FirstOrDefault(t => t.Site == site);
        var ready = tenant is { Resource.State: "OK" or "Updating", Resource.BackendId: not null };
        var planned = tenants.PlannedSites(project);
        if (planned is null ? !ready : !planned.Contains(site))
        {
            var sites = planned ?? live.Where(t => t.Resource.State is "OK" or "Updating").Select(t => t.Site).ToHashSet(StringComparer.Ordinal);
            diagnostics.AddAttributeError(ProjectPath, "Site Not In Project",
                $"Site \"{site}\" is not one of the sites of portal project \"{portalProject.Name}\" ({project}); its sites are {(sites.Count == 0 ? "none" : string.Join(", ", sites.Order(StringComparer.Ordinal).Select(s => $"\"{s}\"")))}. Add \"{site}\" to the crd_project's `sites`, or put this resource on one of those sites.");
            return null;
        }

        plan.SetString("project", project);
        // A tenant this run creates cannot be planned in yet: plan with the site's credentials, no quota check.
        return ready && tenants.SessionOf(site, project) is { } tenantSession ? (tenantSession, tenant!.Resource.BackendId) : (session, null);
    }

    private static string Names(ProviderContext context) =>
        context.SiteNames.Count == 0 ? "none" : string.Join(", ", context.SiteNames.Select(n => $"\"{n}\""));
}
