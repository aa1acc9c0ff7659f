using Crd.Cloud;
using Crd.Cloud.Portal;
using Crd.Provider.Resources.Portal;
using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.DataSources;
using Crd.Terraform.Plugin.Resources;
using Crd.Terraform.Plugin.Schema;
using Crd.Terraform.Plugin.Validators;

namespace Crd.Provider.DataSources;

/// <summary>
/// <c>crd_project</c>: a portal project found by id or exact name, with its tenants and each
/// tenant's limits and usage (docs/data-sources/project.md).
/// </summary>
internal sealed class ProjectDataSource : IDataSource, IResourceWithConfigure
{
    private static readonly CtyType NumberMap = CtyType.Map(CtyType.Number);

    private static readonly CtyType TenantType = CtyType.Object(new Dictionary<string, CtyType>
    {
        ["project_id"] = CtyType.String,
        ["network_id"] = CtyType.String,
        ["state"] = CtyType.String,
        ["resource_id"] = CtyType.String,
        ["limits"] = NumberMap,
        ["usage"] = NumberMap,
    });

    private ProviderContext? _context;

    public string TypeName => "crd_project";

    public SchemaDefinition Schema { get; } = new(new Block
    {
        Description = "A project of the Waldur portal, found by id or by exact name, with its tenant on each site, their limits and usage.",
        Attributes =
        {
            new SchemaAttribute("id", CtyType.String) { Optional = true, Computed = true, Description = "Project uuid. Set `id` or `name`.", Validators = [new ConflictsWith("name")] },
            new SchemaAttribute("name", CtyType.String) { Optional = true, Computed = true, Description = "Exact project name (it must match one project the token sees)." },
            new SchemaAttribute("description", CtyType.String) { Computed = true, Description = "Free text." },
            new SchemaAttribute("customer", CtyType.String) { Computed = true, Description = "Name of the owning customer." },
            new SchemaAttribute("customer_id", CtyType.String) { Computed = true, Description = "Uuid of the owning customer." },
            new SchemaAttribute("end_date", CtyType.String) { Computed = true, Description = "Last day of the project, or null." },
            new SchemaAttribute("sites", CtyType.Set(CtyType.String)) { Computed = true, Description = "Sites where the project has a ready tenant." },
            new SchemaAttribute("tenants", CtyType.Map(TenantType))
            {
                Computed = true,
                Description = "The tenant on each site, by site: `project_id`, `network_id`, `state`, `resource_id`, and `limits` and `usage` as the portal reports them (`vcpu`, `ram` and `storage` in MB, `instances`, `volumes`, `floating_ip_count`).",
            },
        },
    });

    public void Configure(object? providerData) => _context = providerData as ProviderContext;

    public async Task ReadAsync(DataSourceReadRequest request, DataSourceReadResponse response, CancellationToken cancellationToken)
    {
        var config = request.Config;
        var state = response.State;
        if (_context?.Tenants is not { } tenants)
        {
            response.Diagnostics.AddError("Portal Not Configured", "The crd_project data source needs the Waldur portal: set `portal_url` and `portal_token` in the provider block (or CRD_PORTAL_URL and CRD_PORTAL_TOKEN).");
            return;
        }

        var id = config.GetString("id");
        var name = config.GetString("name");
        if (id is null && name is null)
        {
            response.Diagnostics.AddError("Missing Project", "Set `id` (the project's uuid) or `name` (its exact name).");
            return;
        }

        try
        {
            WaldurProject? project;
            if (id is not null)
            {
                project = await tenants.Portal.FindProjectAsync(WaldurClient.UuidOf(id).Replace("-", "", StringComparison.Ordinal), cancellationToken).ConfigureAwait(false);
                if (project is null)
                {
                    response.Diagnostics.AddAttributeError(CtyPath.Root.Attribute("id"), "Unknown Project", $"The portal has no project {id} that this token may see.");
                    return;
                }
            }
            else
            {
                var found = await tenants.Portal.FindProjectsByNameAsync(name!, cancellationToken).ConfigureAwait(false);
                if (found.Count != 1)
                {
                    response.Diagnostics.AddAttributeError(CtyPath.Root.Attribute("name"), found.Count == 0 ? "Unknown Project" : "Ambiguous Project",
                        found.Count == 0 ? $"The portal has no project named \"{name}\" that this token may see." : $"{found.Count} projects are named \"{name}\" ({string.Join(", ", found.Select(p => p.Uuid))}); give `id` instead.");
                    return;
                }

                project = found[0];
            }

            state.SetString("id", project.Uuid);
            state.SetString("name", project.Name);
            state.SetString("description", project.Description);
            state.SetString("customer", project.CustomerName);
            state.SetString("customer_id", project.CustomerUuid);
            state.SetString("end_date", project.EndDate);
            tenants.Invalidate(project.Uuid);
            var live = await tenants.ListAsync(project.Uuid, cancellationToken).ConfigureAwait(false);
            state.SetStrings("sites", [.. live.Where(t => t.Resource.State is "OK" or "Updating").Select(t => t.Site).Order(StringComparer.Ordinal)]);
            var entries = await Task.WhenAll(live.Select(async t =>
            {
                var details = t.Resource.TenantUuid is { } tenantUuid && t.Resource.BackendId is not null ? await tenants.Portal.GetTenantAsync(tenantUuid, cancellationToken).ConfigureAwait(false) : null;
                return new KeyValuePair<string, CtyValue>(t.Site, CtyValue.Object(TenantType, new Dictionary<string, CtyValue>
                {
                    ["project_id"] = Str(t.Resource.BackendId),
                    ["network_id"] = Str(details?.InternalNetworkId),
                    ["state"] = Str(t.Resource.State),
                    ["resource_id"] = Str(t.Resource.Uuid),
                    ["limits"] = Numbers(details?.Quotas.Select(q => (q.Key, q.Value.Limit))),
                    ["usage"] = Numbers(details?.Quotas.Select(q => (q.Key, q.Value.Usage))),
                }));
            })).ConfigureAwait(false);
            state.Set("tenants", CtyValue.Map(TenantType, entries.OrderBy(e => e.Key, StringComparer.Ordinal)));
        }
        catch (CloudException e)
        {
            response.Diagnostics.AddError("Cannot Read Project", e.Message);
        }
    }

    private static CtyValue Str(string? value) => value is null ? CtyValue.Null(CtyType.String) : CtyValue.String(value);

    private static CtyValue Numbers(IEnumerable<(string Key, long Value)>? values)
        => CtyValue.Map(CtyType.Number, (values ?? []).OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => new KeyValuePair<string, CtyValue>(v.Key, CtyValue.Number(v.Value))));
}
