using System.Globalization;

using System.Text.Json.Nodes;
using Crd.Cloud;
using Crd.Provider.Quota;
using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Diagnostics;
using Crd.Terraform.Plugin.Resources;
using Crd.Terraform.Plugin.Schema;
using Crd.Terraform.Plugin.Schema.PlanModifiers;
using Crd.Terraform.Plugin.Validators;
using Attr = Crd.Terraform.Plugin.Schema.SchemaAttribute;

namespace Crd.Provider.Resources.Portal;

/// <summary>
/// <c>crd_quota</c>: the limits of one project on one site (docs/resources/quota.md), each managed
/// only when set. A portal project's limits change through Waldur (<c>update_limits</c>, an
/// order); the credentials' own project's through Nova, Cinder and Neutron with the site's admin
/// credential. Destroy puts back the limits found before the resource managed them. The planned
/// limits take part in the plan-time quota check.
/// </summary>
internal sealed class QuotaResource : IResource, IResourceWithConfigure, IResourceWithModifyPlan, IResourceWithImportState
{
    private const string OriginalKey = "original_limits";
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    private static CtyType UsageType { get; } = CtyType.Object(QuotaTarget.Keys.ToDictionary(k => k.Name, _ => CtyType.Number));

    private ProviderContext? _context;

    public string TypeName => "crd_quota";

    public SchemaDefinition Schema { get; } = new(0, BuildBlock());

    public void Configure(object? providerData) => _context = providerData as ProviderContext;

    private static Block BuildBlock()
    {
        var block = new Block
        {
            Description = "The quotas of a project on one site. Only the limits set here are managed; the others are left as they are.",
            Attributes =
            {
                new Attr("id", CtyType.String) { Computed = true, PlanModifiers = [UseStateForUnknown.Instance], Description = "`<project>/<site>`." },
                new Attr("site", CtyType.String)
                {
                    Optional = true,
                    Computed = true,
                    PlanModifiers = [UseStateForUnknown.Instance, RequiresReplace.Always],
                    Description = "Site whose quotas these are. Defaults to the provider's `default_site`. Changing it manages another site's quotas (the old site's are put back).",
                },
                new Attr("project", CtyType.String)
                {
                    Optional = true,
                    Computed = true,
                    PlanModifiers = [UseStateForUnknown.Instance, RequiresReplace.Always],
                    Description = "A `crd_project` id: its tenant's limits change through the portal (an `update_limits` order). Empty: the project of the site's credentials (recorded as its OpenStack id), changed with the site's admin credential. Changing it creates a new resource.",
                },
                new Attr("usage", UsageType) { Computed = true, Description = "What the project uses now, with the same keys (GB for RAM and storage; null where the site does not say)." },
            },
            Blocks = { Timeouts.Block(DefaultTimeout, DefaultTimeout, DefaultTimeout) },
        };
        foreach (var (name, description) in new[]
        {
            ("cores", "vCPUs."),
            ("ram_gb", "RAM in GB (the portal and Nova count MB: GB x 1024)."),
            ("instances", "Servers."),
            ("volumes", "Block-storage volumes."),
            ("storage_gb", "Block storage in GB."),
            ("floating_ips", "Floating IPs."),
            ("k8s_clusters", "Kubernetes clusters (Magnum). Not manageable yet: setting it is a plan-time error."),
        })
        {
            block.Attributes.Add(new Attr(name, CtyType.Number)
            {
                Optional = true,
                Validators = [NumberValidators.IntegerBetween(0, 100_000_000)],
                Description = description + " Managed only when set; changes in place.",
            });
        }

        return block;
    }

    public async Task ModifyPlanAsync(ModifyPlanRequest request, ModifyPlanResponse response, CancellationToken cancellationToken)
    {
        var prior = request.PriorState;
        var plan = response.Plan;
        response.Private.RemoveKey(QuotaLedger.TicketKey);
        if (_context is null)
        {
            return;
        }

        if (plan.IsNull)
        {
            // Destroy: the limits found before go back; the check knows so.
            if (await TargetAsync(prior, response.Diagnostics, cancellationToken).ConfigureAwait(false) is { } gone && Original(request.Private) is { Count: > 0 } restore)
            {
                await PlanLedgerAsync(gone, restore, response, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        if (prior.IsNull && plan.IsUnknown("site") && request.Config.Get("site") is { IsKnown: true, IsNull: true })
        {
            plan.SetString("site", null);
        }

        if (await SiteScope.ResolvePlanAsync(_context, request.Config, plan, response.Diagnostics, cancellationToken).ConfigureAwait(false) is not { } scope)
        {
            return;
        }

        if (plan.GetString("site") is { } site && !plan.IsUnknown("project") && plan.GetString("project") is { } project)
        {
            plan.SetString("id", project + "/" + site);
        }

        var wanted = Managed(plan);
        if (scope.ProjectId is null)
        {
            return; // a tenant this run creates: nothing to read yet
        }

        if (await TargetAsync(plan, response.Diagnostics, cancellationToken).ConfigureAwait(false) is not { } target)
        {
            return;
        }

        foreach (var name in wanted.Keys)
        {
            if (target.WhyNotManageable(name) is { } why)
            {
                response.Diagnostics.AddAttributeError(CtyPath.Root.Attribute(name), "Quota Not Manageable", why);
            }
        }

        try
        {
            var figures = await target.ReadAsync(cancellationToken).ConfigureAwait(false);
            foreach (var (name, limit) in wanted)
            {
                if (figures.TryGetValue(name, out var f) && limit < f.Usage)
                {
                    response.Diagnostics.AddAttributeWarning(CtyPath.Root.Attribute(name), "Quota Below Usage",
                        $"{name} = {limit} on site \"{target.Site}\" for project {target.Label} is below what the project uses now ({f.Usage}). Nothing is taken away, but nothing more can be created until usage falls under the limit.");
                }
            }
        }
        catch (CloudException e)
        {
            response.Diagnostics.AddWarning("Quota Not Read", $"Site \"{target.Site}\", project {target.Label}: {e.Message}");
        }

        // Limits no longer managed go back to what they were.
        var original = Original(request.Private) ?? new Dictionary<string, long>();
        var planned = new Dictionary<string, long>(wanted, StringComparer.Ordinal);
        foreach (var (name, value) in original.Where(o => !wanted.ContainsKey(o.Key)))
        {
            planned[name] = value;
        }

        if (!response.Diagnostics.HasErrors)
        {
            await PlanLedgerAsync(target, planned, response, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task CreateAsync(CreateRequest request, CreateResponse response, CancellationToken cancellationToken)
    {
        var plan = request.Plan;
        var state = response.State;
        if (await TargetAsync(plan, response.Diagnostics, cancellationToken).ConfigureAwait(false) is not { } target)
        {
            return;
        }

        var wanted = Managed(plan);
        try
        {
            var figures = await target.ReadAsync(cancellationToken).ConfigureAwait(false);
            var original = wanted.Keys.Where(figures.ContainsKey).ToDictionary(k => k, k => figures[k].Limit, StringComparer.Ordinal);
            response.Private.SetKey(OriginalKey, Serialize(original));
            await target.SetAsync(wanted, Timeouts.Get(plan, "create", DefaultTimeout), cancellationToken).ConfigureAwait(false);
            Settle(request.Private);
            state.SetString("id", plan.GetString("project") + "/" + target.Site);
            await WriteAsync(state, target, cancellationToken).ConfigureAwait(false);
        }
        catch (CloudException e)
        {
            response.Diagnostics.AddError("Cannot Set Quota", $"Site \"{target.Site}\", project {target.Label}: {e.Message}");
        }
    }

    public async Task ReadAsync(ReadRequest request, ReadResponse response, CancellationToken cancellationToken)
    {
        var state = response.State;
        if (await TargetAsync(state, response.Diagnostics, cancellationToken, reading: true).ConfigureAwait(false) is not { } target)
        {
            if (!response.Diagnostics.HasErrors)
            {
                response.RemoveResource(); // the project or its tenant is gone
            }

            return;
        }

        try
        {
            if (response.Private.GetKey("import") is not null)
            {
                // An import manages every limit this target can change: what an apply of the generated configuration records.
                var figures = await target.ReadAsync(cancellationToken).ConfigureAwait(false);
                foreach (var key in QuotaTarget.Keys.Where(k => target.WhyNotManageable(k.Name) is null && figures.ContainsKey(k.Name)))
                {
                    state.SetInt64(key.Name, figures[key.Name].Limit);
                }

                response.Private.RemoveKey("import");
            }

            await WriteAsync(state, target, cancellationToken).ConfigureAwait(false);
        }
        catch (CloudException e)
        {
            response.Diagnostics.AddError("Cannot Read Quota", $"Site \"{target.Site}\", project {target.Label}: {e.Message}");
        }
    }

    public async Task UpdateAsync(UpdateRequest request, UpdateResponse response, CancellationToken cancellationToken)
    {
        var plan = request.Plan;
        var prior = request.PriorState;
        if (await TargetAsync(plan, response.Diagnostics, cancellationToken).ConfigureAwait(false) is not { } target)
        {
            return;
        }

        var wanted = Managed(plan);
        var original = Original(request.Private) ?? new Dictionary<string, long>(StringComparer.Ordinal);
        try
        {
            var figures = await target.ReadAsync(cancellationToken).ConfigureAwait(false);
            var change = wanted.Where(w => Managed(prior).GetValueOrDefault(w.Key, -2) != w.Value || !figures.TryGetValue(w.Key, out var f) || f.Limit != w.Value)
                .ToDictionary(w => w.Key, w => w.Value, StringComparer.Ordinal);
            foreach (var name in wanted.Keys.Where(k => !original.ContainsKey(k) && figures.ContainsKey(k)))
            {
                original[name] = figures[name].Limit; // newly managed: remember what it was
            }

            foreach (var (name, value) in original.Where(o => !wanted.ContainsKey(o.Key)).ToList())
            {
                change[name] = value; // no longer managed: put it back
                original.Remove(name);
            }

            response.Private.SetKey(OriginalKey, Serialize(original));
            if (change.Count > 0)
            {
                await target.SetAsync(change, Timeouts.Get(plan, "update", DefaultTimeout), cancellationToken).ConfigureAwait(false);
            }

            Settle(request.Private);
            await WriteAsync(response.State, target, cancellationToken).ConfigureAwait(false);
        }
        catch (CloudException e)
        {
            response.Diagnostics.AddError("Cannot Set Quota", $"Site \"{target.Site}\", project {target.Label}: {e.Message}");
        }
    }

    public async Task DeleteAsync(DeleteRequest request, DeleteResponse response, CancellationToken cancellationToken)
    {
        var prior = request.PriorState;
        if (Original(request.Private) is not { Count: > 0 } original)
        {
            response.Diagnostics.AddWarning("Quota Left As Is",
                $"crd_quota {prior.GetString("id")} has no record of the limits before it managed them (it was imported), so they stay as they are.");
            return;
        }

        if (await TargetAsync(prior, response.Diagnostics, cancellationToken, reading: true).ConfigureAwait(false) is not { } target)
        {
            return; // the project or its tenant is gone: nothing to put back
        }

        try
        {
            await target.SetAsync(original, Timeouts.Get(prior, "delete", DefaultTimeout), cancellationToken).ConfigureAwait(false);
            Settle(request.Private);
        }
        catch (CloudException e)
        {
            response.Diagnostics.AddError("Cannot Restore Quota", $"Site \"{target.Site}\", project {target.Label}: {e.Message}. The limits before crd_quota were: {string.Join(", ", original.Select(o => $"{o.Key} = {o.Value}"))}.");
        }
    }

    public async Task ImportStateAsync(ImportStateRequest request, ImportStateResponse response, CancellationToken cancellationToken)
    {
        var parts = request.Id.Split('/');
        if (parts.Length != 2 || parts.Any(string.IsNullOrWhiteSpace))
        {
            response.Diagnostics.AddError("Invalid Import ID",
                $"\"{request.Id}\" is not a valid crd_quota import id. Use \"<project>/<site>\": a crd_project uuid or the OpenStack project id of the site's credentials, then the site (e.g. \"3f2a.../toulouse\").");
            return;
        }

        var state = response.State;
        state.SetString("project", parts[0]);
        state.SetString("site", parts[1]);
        if (await SiteScope.ResolvePlanAsync(_context, state, state, response.Diagnostics, cancellationToken).ConfigureAwait(false) is null)
        {
            return;
        }

        state.SetString("id", state.GetString("project") + "/" + parts[1]);
        response.Private.SetKey("import", "true");
    }

    private async Task PlanLedgerAsync(QuotaTarget target, IReadOnlyDictionary<string, long> limits, ModifyPlanResponse response, CancellationToken cancellationToken)
    {
        var ledger = limits.Where(l => l.Key != "k8s_clusters").ToDictionary(l => l.Key, l => l.Key == "ram_gb" ? l.Value * 1024 : l.Value, StringComparer.Ordinal);
        var paths = limits.Keys.ToDictionary(k => k, k => CtyPath.Root.Attribute(k), StringComparer.Ordinal);
        var ticket = await _context!.Quota.PlanLimitsAsync(new QuotaLimitPlan(target.Session, target.ProjectId, ledger, paths), response.Diagnostics, cancellationToken).ConfigureAwait(false);
        if (ticket is not null)
        {
            response.Private.SetString(QuotaLedger.TicketKey, ticket);
        }
    }

    private void Settle(PrivateState @private)
    {
        if (@private.GetString(QuotaLedger.TicketKey) is { } ticket)
        {
            _context?.Quota.Settle(ticket);
        }
    }

    /// <summary>The target of the project and site in <paramref name="data"/>; null with a diagnostic (or, when reading, null without one when the project is gone).</summary>
    private async Task<QuotaTarget?> TargetAsync(ResourceData data, DiagnosticCollection diagnostics, CancellationToken cancellationToken, bool reading = false)
    {
        if (SiteScope.SessionOf(_context, data, diagnostics) is not { } session)
        {
            return null;
        }

        var site = session.Site;
        try
        {
            var own = await session.GetProjectIdAsync(cancellationToken).ConfigureAwait(false);
            var project = data.GetString("project");
            var ownName = await session.GetProjectNameAsync(cancellationToken).ConfigureAwait(false);
            if (project is null || project == own || project == ownName)
            {
                return new QuotaTarget(site, session, own, $"{ownName} ({own})", null, null, _context!.TryGetAdminSession(site));
            }

            if (_context!.Tenants is not { } tenants)
            {
                diagnostics.AddAttributeError(SiteScope.ProjectPath, "Unknown Project", $"\"{project}\" is not the project of site \"{site}\"'s credentials, and no portal is configured (portal_url, portal_token) to find it there.");
                return null;
            }

            var tenant = await tenants.FindAsync(project, site, cancellationToken).ConfigureAwait(false);
            if (tenant is not { Resource.BackendId: { } backend } || tenants.SessionOf(site, project) is not { } tenantSession)
            {
                if (!reading)
                {
                    diagnostics.AddAttributeError(SiteScope.ProjectPath, "Site Not In Project", $"Portal project {project} has no tenant on site \"{site}\": add the site to the crd_project's `sites`.");
                }

                return null;
            }

            return new QuotaTarget(site, tenantSession, backend, $"{tenant.Resource.Name} ({backend})", tenant, tenants, _context.TryGetAdminSession(site));
        }
        catch (CloudException e)
        {
            diagnostics.AddAttributeError(SiteScope.SitePath, "Cannot Reach Site", $"Site \"{site}\": {e.Message}");
            return null;
        }
    }

    private static async Task WriteAsync(ResourceData state, QuotaTarget target, CancellationToken cancellationToken)
    {
        var figures = await target.ReadAsync(cancellationToken).ConfigureAwait(false);
        foreach (var key in QuotaTarget.Keys)
        {
            if (state.GetInt64(key.Name) is not null && figures.TryGetValue(key.Name, out var f))
            {
                state.SetInt64(key.Name, f.Limit);
            }
        }

        state.Set("usage", Usage(figures));
    }

    private static CtyValue Usage(IReadOnlyDictionary<string, (long Limit, long Usage)> figures)
        => CtyValue.Object(UsageType, QuotaTarget.Keys.ToDictionary(k => k.Name, k => figures.TryGetValue(k.Name, out var f) ? CtyValue.Number(f.Usage) : CtyValue.Null(CtyType.Number)));

    private static Dictionary<string, long> Managed(ResourceData data)
        => QuotaTarget.Keys.Where(k => data.GetInt64(k.Name) is not null).ToDictionary(k => k.Name, k => data.GetInt64(k.Name)!.Value, StringComparer.Ordinal);

    private static Dictionary<string, long>? Original(PrivateState @private)
    {
        if (@private.GetKey(OriginalKey) is not { } json || JsonNode.Parse(json) is not JsonObject obj)
        {
            return null;
        }

        return obj.Where(p => p.Value is JsonValue).ToDictionary(p => p.Key, p => p.Value!.GetValue<long>(), StringComparer.Ordinal);
    }

    private static string Serialize(IReadOnlyDictionary<string, long> values)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            obj[key] = value;
        }

        return obj.ToJsonString();
    }
}
