using Crd.Cloud;
using Crd.Cloud.Quota;
using Crd.Provider.Configuration;
using Crd.Provider.Quota;
using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.DataSources;
using Crd.Terraform.Plugin.Resources;
using Crd.Terraform.Plugin.Schema;

namespace Crd.Provider.DataSources;

/// <summary>
/// <c>crd_sites</c>: the sites of the provider block, the services each offers and the quota
/// headroom of the credentials' project (docs/data-sources/sites.md). A site that cannot be
/// reached is reported, not fatal, unless it was asked for by name.
/// </summary>
internal sealed class SitesDataSource : IDataSource, IResourceWithConfigure
{
    private static readonly CtyType UsageType = CtyType.Object(new Dictionary<string, CtyType>
    {
        ["limit"] = CtyType.Number,
        ["in_use"] = CtyType.Number,
        ["available"] = CtyType.Number,
    });

    private static readonly CtyType QuotaType = CtyType.Object(QuotaKind.All.ToDictionary(k => k.Name, _ => UsageType));

    private static readonly CtyType SiteType = CtyType.Object(new Dictionary<string, CtyType>
    {
        ["name"] = CtyType.String,
        ["auth_url"] = CtyType.String,
        ["region"] = CtyType.String,
        ["is_default"] = CtyType.Bool,
        ["reachable"] = CtyType.Bool,
        ["error"] = CtyType.String,
        ["project_id"] = CtyType.String,
        ["project_name"] = CtyType.String,
        ["services"] = CtyType.List(CtyType.String),
        ["quota"] = QuotaType,
    });

    /// <summary>Catalog types said the way DESIGN.md §7.1 and the docs name services.</summary>
    private static readonly Dictionary<string, string> ServiceNames = new(StringComparer.Ordinal)
    {
        ["volumev3"] = "volume",
        ["block-storage"] = "volume",
        ["volumev2"] = "volume",
        ["container-infra"] = "k8s",
    };

    private ProviderContext? _context;

    public string TypeName => "crd_sites";

    public SchemaDefinition Schema { get; } = new(new Block
    {
        Description = "The sites configured in the provider block: the services each offers and the quota limits and usage of the credentials' project.",
        Attributes =
        {
            new SchemaAttribute("names", CtyType.Set(CtyType.String))
            {
                Optional = true,
                Description = "Only these sites. A site named here that cannot be reached fails the read; without `names` it is reported with `reachable = false`.",
            },
            new SchemaAttribute("default_site", CtyType.String) { Computed = true, Description = "The provider's default site (null when there is none)." },
            new SchemaAttribute("sites", CtyType.List(SiteType))
            {
                Computed = true,
                Description = "One element per site, in provider block order: `name`, `auth_url`, `region`, `is_default`, `reachable`, `error` (why it is not reachable, or why its quota could not be read), "
                    + "`project_id` and `project_name` of the credentials, `services` (sorted: `compute`, `identity`, `image`, `k8s`, `network`, `volume`...), and `quota`, an object with "
                    + "`cores`, `ram_gb`, `instances`, `floating_ips`, `volumes` and `storage_gb`, each `{ limit, in_use, available }` (-1 means unlimited); a dimension is null when the site lacks its service (Nova, Neutron, Cinder), and `quota` is null for a site with none of them.",
            },
        },
    });

    public void Configure(object? providerData) => _context = providerData as ProviderContext;

    public async Task ReadAsync(DataSourceReadRequest request, DataSourceReadResponse response, CancellationToken cancellationToken)
    {
        if (_context is null)
        {
            response.Diagnostics.AddError("Provider Not Configured", "The crd provider was not configured before this data source was read. This is a bug in the provider.");
            return;
        }

        var settings = _context.Settings;
        var names = request.Config.GetStrings("names");
        var namesPath = CtyPath.Root.Attribute("names");
        var unknown = (names ?? []).Where(n => settings.FindSite(n) is null).ToList();
        if (unknown.Count > 0)
        {
            response.Diagnostics.AddAttributeError(namesPath, "Unknown Site",
                $"{string.Join(", ", unknown.Select(n => $"\"{n}\""))} {(unknown.Count == 1 ? "is" : "are")} not configured in the provider block. Configured sites: {string.Join(", ", settings.Sites.Select(s => $"\"{s.Name}\""))}.");
            return;
        }

        var selected = settings.Sites.Where(s => names is null || names.Contains(s.Name)).ToList();
        var reports = await Task.WhenAll(selected.Select(s => ReadSiteAsync(s, settings.DefaultSite, cancellationToken))).ConfigureAwait(false);
        if (names is not null)
        {
            foreach (var failed in reports.Where(r => !r.Reachable))
            {
                response.Diagnostics.AddAttributeError(namesPath, "Site Unreachable", $"Site \"{failed.Name}\" was asked for by name but cannot be reached: {failed.Error}");
            }
        }

        response.State.SetString("default_site", settings.DefaultSite);
        response.State.Set("sites", CtyValue.List(SiteType, reports.Select(r => r.Value)));
    }

    private async Task<SiteReport> ReadSiteAsync(SiteSettings site, string? defaultSite, CancellationToken cancellationToken)
    {
        var session = _context!.TryGetSession(site.Name)!;
        string? projectId = null;
        string? projectName = null;
        IReadOnlyList<string>? services = null;
        CtyValue quota = CtyValue.Null(QuotaType);
        string? error = null;
        var reachable = true;
        try
        {
            projectId = await session.GetProjectIdAsync(cancellationToken).ConfigureAwait(false);
            projectName = await session.GetProjectNameAsync(cancellationToken).ConfigureAwait(false);
            services = (await session.GetServiceTypesAsync(cancellationToken).ConfigureAwait(false))
                .Select(t => ServiceNames.GetValueOrDefault(t, t)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        }
        catch (CloudException e)
        {
            reachable = false;
            error = e.Message;
        }

        if (reachable)
        {
            try
            {
                quota = ToValue(await new QuotaClient(session).GetAsync(projectId!, cancellationToken).ConfigureAwait(false));
            }
            catch (CloudException e)
            {
                error = "quota: " + e.Message;
            }
        }

        var value = CtyValue.Object(SiteType, new Dictionary<string, CtyValue>
        {
            ["name"] = CtyValue.String(site.Name),
            ["auth_url"] = CtyValue.String(site.AuthUrl),
            ["region"] = site.Region is null ? CtyValue.Null(CtyType.String) : CtyValue.String(site.Region),
            ["is_default"] = CtyValue.Bool(site.Name == defaultSite),
            ["reachable"] = CtyValue.Bool(reachable),
            ["error"] = error is null ? CtyValue.Null(CtyType.String) : CtyValue.String(error),
            ["project_id"] = projectId is null ? CtyValue.Null(CtyType.String) : CtyValue.String(projectId),
            ["project_name"] = projectName is null ? CtyValue.Null(CtyType.String) : CtyValue.String(projectName),
            ["services"] = services is null ? CtyValue.Null(CtyType.List(CtyType.String)) : CtyValue.List(CtyType.String, services.Select(CtyValue.String)),
            ["quota"] = quota,
        });
        return new SiteReport(site.Name, reachable, error, value);
    }

    private static CtyValue ToValue(ProjectQuota quota)
    {
        var usages = new[] { quota.Cores, quota.RamMb, quota.Instances, quota.FloatingIps, quota.Volumes, quota.Gigabytes, quota.K8sClusters };
        if (usages.All(u => u is null))
        {
            return CtyValue.Null(QuotaType);
        }

        return CtyValue.Object(QuotaType, QuotaKind.All.Select((k, i) => (k, i)).ToDictionary(x => x.k.Name, x => Usage(x.k, usages[x.i])));
    }

    private static CtyValue Usage(QuotaKind kind, QuotaUsage? usage)
    {
        if (usage is not { } u)
        {
            return CtyValue.Null(UsageType);
        }

        // RAM is counted in MB by Nova and shown in GB like flavors and crd_quota.
        var scale = kind == QuotaKind.Ram ? 1024L : 1L;
        CtyValue Figure(long n) => n < 0 ? CtyValue.Number(-1) : n % scale == 0 ? CtyValue.Number(n / scale) : CtyValue.Number(n / (double)scale);
        return CtyValue.Object(UsageType, new Dictionary<string, CtyValue>
        {
            ["limit"] = Figure(u.Limit),
            ["in_use"] = Figure(u.InUse),
            ["available"] = u.IsUnlimited ? CtyValue.Number(-1) : Figure(u.Available),
        });
    }

    private sealed record SiteReport(string Name, bool Reachable, string? Error, CtyValue Value);
}
