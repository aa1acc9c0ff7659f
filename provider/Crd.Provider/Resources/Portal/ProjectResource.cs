using Crd.Cloud;
using Crd.Cloud.Portal;
using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Diagnostics;
using Crd.Terraform.Plugin.Resources;
using Crd.Terraform.Plugin.Schema;

namespace Crd.Provider.Resources.Portal;

/// <summary>
/// <c>crd_project</c>: a Waldur project and its tenants, one per site (docs/resources/project.md).
/// Name, description and end date change in place; adding a site orders a tenant, removing one
/// terminates it, in place; an order waiting for approval is approved as consumer when the token
/// may and otherwise waited for within the timeout, keeping what was created in state.
/// </summary>
internal sealed class ProjectResource : IResource, IResourceWithConfigure, IResourceWithModifyPlan, IResourceWithImportState
{
    private static readonly CtyPath SitesPath = CtyPath.Root.Attribute("sites");
    private static readonly CtyPath CustomerPath = CtyPath.Root.Attribute("customer");

    private ProviderContext? _context;

    public string TypeName => "crd_project";

    public SchemaDefinition Schema => ProjectSchema.Definition;

    public void Configure(object? providerData) => _context = providerData as ProviderContext;

    public async Task ModifyPlanAsync(ModifyPlanRequest request, ModifyPlanResponse response, CancellationToken cancellationToken)
    {
        var prior = request.PriorState;
        var plan = response.Plan;
        if (plan.IsNull)
        {
            if (!prior.IsNull && prior.GetBool("deletion_protection") != false)
            {
                response.Diagnostics.AddError("Deletion Protection Enabled", ProtectionDetail(prior, "destroy"));
            }

            return;
        }

        if (Tenants(response.Diagnostics) is not { } tenants)
        {
            return;
        }

        if (!prior.IsNull && plan.GetString("customer") is { } customer && prior.GetString("customer") is { } priorCustomer && customer != priorCustomer)
        {
            // Waldur cannot move a project: a new customer is a new project, which the protection guards.
            try
            {
                var before = await tenants.Portal.ResolveCustomerAsync(priorCustomer, cancellationToken).ConfigureAwait(false);
                var after = await tenants.Portal.ResolveCustomerAsync(customer, cancellationToken).ConfigureAwait(false);
                if (before.Uuid == after.Uuid)
                {
                    plan.SetString("customer", priorCustomer); // the same customer by name and by uuid
                }
                else if (prior.GetBool("deletion_protection") != false)
                {
                    response.Diagnostics.AddAttributeError(CustomerPath, "Deletion Protection Enabled", ProtectionDetail(prior, "replace (a new customer means a new project)"));
                }
            }
            catch (CloudLookupException e)
            {
                response.Diagnostics.AddAttributeError(CustomerPath, "Unknown Customer", Sentence(e.Message));
            }
            catch (CloudException e)
            {
                response.Diagnostics.AddAttributeError(CustomerPath, "Cannot Reach Portal", Sentence(e.Message));
            }
        }
        else if (prior.IsNull && plan.GetString("customer") is { } newCustomer)
        {
            try
            {
                await tenants.Portal.ResolveCustomerAsync(newCustomer, cancellationToken).ConfigureAwait(false);
            }
            catch (CloudLookupException e)
            {
                response.Diagnostics.AddAttributeError(CustomerPath, "Unknown Customer", Sentence(e.Message));
                return;
            }
            catch (CloudException e)
            {
                response.Diagnostics.AddAttributeError(CustomerPath, "Cannot Reach Portal", Sentence(e.Message));
                return;
            }
        }

        var sites = plan.GetStrings("sites");
        if (sites is not null && !plan.IsUnknown("sites"))
        {
            try
            {
                var offered = await tenants.Portal.ListTenantOfferingsAsync(cancellationToken).ConfigureAwait(false);
                foreach (var site in sites.Where(s => offered.All(o => o.Site != s)))
                {
                    response.Diagnostics.AddAttributeError(SitesPath, "Unknown Site",
                        $"The portal offers no OpenStack tenant on site \"{site}\". Sites it offers: {string.Join(", ", offered.Select(o => $"\"{o.Site}\"").Order(StringComparer.Ordinal))}.");
                }
            }
            catch (CloudException e)
            {
                response.Diagnostics.AddAttributeError(SitesPath, "Cannot Reach Portal", Sentence(e.Message));
            }

            if (prior.GetString("id") is { } id)
            {
                tenants.PlanSites(id, sites.ToHashSet(StringComparer.Ordinal));
            }
        }

        if (!prior.IsNull && plan.Get("sites").EqualsIgnoringRefinements(prior.Get("sites")))
        {
            plan.Set("tenants", prior.Get("tenants"));
        }
        else if (!prior.IsNull && sites is not null)
        {
            var removed = prior.GetStrings("sites")?.Except(sites, StringComparer.Ordinal).ToList() ?? [];
            if (removed.Count > 0)
            {
                response.Diagnostics.AddAttributeWarning(SitesPath, "Tenants Will Be Terminated",
                    $"Removing {string.Join(", ", removed.Select(s => $"\"{s}\""))} from `sites` terminates the project's tenant there, with every VM, volume and cluster in it.");
            }
        }
    }

    public async Task CreateAsync(CreateRequest request, CreateResponse response, CancellationToken cancellationToken)
    {
        var plan = request.Plan;
        var state = response.State;
        if (Tenants(response.Diagnostics) is not { } tenants)
        {
            return;
        }

        var timeout = Timeouts.Get(plan, "create", ProjectSchema.DefaultTimeout);
        WaldurProject project;
        try
        {
            var customer = await tenants.Portal.ResolveCustomerAsync(plan.GetString("customer")!, cancellationToken).ConfigureAwait(false);
            project = await tenants.Portal.CreateProjectAsync(customer, plan.GetString("name")!, plan.GetString("description"), plan.GetString("end_date"), cancellationToken).ConfigureAwait(false);
        }
        catch (CloudLookupException e)
        {
            response.Diagnostics.AddAttributeError(CustomerPath, "Unknown Customer", Sentence(e.Message));
            return;
        }
        catch (CloudException e)
        {
            response.Diagnostics.AddError("Cannot Create Project", Sentence(e.Message));
            return;
        }

        // From here on the project exists: whatever fails, it stays in state.
        state.SetString("id", project.Uuid);
        state.Set("tenants", CtyValue.Map(ProjectSchema.TenantType, []));
        var failures = await new ProjectTenantOrders(tenants).EnsureAsync(project, plan.GetStrings("sites") ?? [], timeout, cancellationToken).ConfigureAwait(false);
        await WriteTenantsAsync(tenants, project.Uuid, state, plan, response.Diagnostics, cancellationToken).ConfigureAwait(false);
        Report(failures, project, response.Diagnostics, created: true);
    }

    public async Task ReadAsync(ReadRequest request, ReadResponse response, CancellationToken cancellationToken)
    {
        var state = response.State;
        if (Tenants(response.Diagnostics) is not { } tenants || state.GetString("id") is not { } id)
        {
            return;
        }

        try
        {
            var project = await tenants.Portal.FindProjectAsync(id, cancellationToken).ConfigureAwait(false);
            if (project is null)
            {
                response.RemoveResource();
                return;
            }

            state.SetString("name", project.Name);
            state.SetString("description", project.Description);
            state.SetString("end_date", project.EndDate);
            var customer = state.GetString("customer");
            if (customer != project.CustomerUuid && customer != project.CustomerName)
            {
                state.SetString("customer", project.CustomerName ?? project.CustomerUuid);
            }

            if (state.GetBool("deletion_protection") is null)
            {
                state.SetBool("deletion_protection", true); // an import: what an apply with the default records
            }

            tenants.Invalidate(id);
            var orders = new ProjectTenantOrders(tenants);
            state.SetStrings("sites", await orders.ReadySitesAsync(id, cancellationToken).ConfigureAwait(false));
            state.Set("tenants", await orders.DescribeAsync(id, state.Get("tenants"), cancellationToken).ConfigureAwait(false));
        }
        catch (CloudException e)
        {
            response.Diagnostics.AddError("Cannot Read Project", Sentence(e.Message));
        }
    }

    public async Task UpdateAsync(UpdateRequest request, UpdateResponse response, CancellationToken cancellationToken)
    {
        var plan = request.Plan;
        var prior = request.PriorState;
        var state = response.State;
        if (Tenants(response.Diagnostics) is not { } tenants || prior.GetString("id") is not { } id)
        {
            return;
        }

        var timeout = Timeouts.Get(plan, "update", ProjectSchema.DefaultTimeout);
        WaldurProject project;
        try
        {
            project = await tenants.Portal.FindProjectAsync(id, cancellationToken).ConfigureAwait(false)
                ?? throw new CloudException($"portal project {id} no longer exists");
            if (project.Name != plan.GetString("name") || project.Description != (plan.GetString("description") ?? "") || project.EndDate != plan.GetString("end_date"))
            {
                project = await tenants.Portal.UpdateProjectAsync(id, plan.GetString("name")!, plan.GetString("description"), plan.GetString("end_date"), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (CloudException e)
        {
            response.Diagnostics.AddError("Cannot Update Project", Sentence(e.Message));
            return;
        }

        var wanted = plan.GetStrings("sites") ?? [];
        var had = prior.GetStrings("sites") ?? [];
        var orders = new ProjectTenantOrders(tenants);
        var removed = had.Except(wanted, StringComparer.Ordinal).ToList();
        var failures = new Dictionary<string, CloudException>(StringComparer.Ordinal);
        var terminate = removed.Count == 0 ? Task.FromResult<IReadOnlyDictionary<string, CloudException>>(new Dictionary<string, CloudException>())
            : orders.TerminateAsync(id, project.Name, removed, timeout, cancellationToken);
        var ensure = orders.EnsureAsync(project, wanted, timeout, cancellationToken);
        foreach (var (site, error) in (await terminate.ConfigureAwait(false)).Concat(await ensure.ConfigureAwait(false)))
        {
            failures[site] = error;
        }

        await WriteTenantsAsync(tenants, id, state, plan, response.Diagnostics, cancellationToken).ConfigureAwait(false);
        Report(failures, project, response.Diagnostics, created: false);
    }

    public async Task DeleteAsync(DeleteRequest request, DeleteResponse response, CancellationToken cancellationToken)
    {
        var prior = request.PriorState;
        if (prior.GetBool("deletion_protection") != false)
        {
            response.Diagnostics.AddError("Deletion Protection Enabled", ProtectionDetail(prior, "destroy"));
            return;
        }

        if (Tenants(response.Diagnostics) is not { } tenants || prior.GetString("id") is not { } id)
        {
            return;
        }

        var timeout = Timeouts.Get(prior, "delete", ProjectSchema.DefaultTimeout);
        try
        {
            var all = (await tenants.ListAsync(id, cancellationToken).ConfigureAwait(false)).Select(t => t.Site).ToList();
            var failures = await new ProjectTenantOrders(tenants).TerminateAsync(id, prior.GetString("name") ?? id, all, timeout, cancellationToken).ConfigureAwait(false);
            if (failures.Count > 0)
            {
                response.Diagnostics.AddError("Cannot Terminate Tenants",
                    string.Join(" ", failures.Select(f => Sentence(f.Value.Message))) + " The project is kept; destroy again once the portal has terminated its tenants.");
                return;
            }

            // Tenants whose creation erred hold no OpenStack project, but the portal keeps them until terminated.
            foreach (var erred in (await tenants.Portal.ListProjectResourcesAsync(id, cancellationToken).ConfigureAwait(false)).Where(r => r.State == "Erred"))
            {
                var order = await tenants.Portal.TerminateAsync(erred.Uuid, cancellationToken).ConfigureAwait(false);
                await tenants.Portal.WaitForOrderAsync(order, $"the termination of erred tenant {erred.Name}", timeout, cancellationToken).ConfigureAwait(false);
            }

            await tenants.Portal.DeleteProjectAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (CloudException e)
        {
            response.Diagnostics.AddError("Cannot Delete Project", Sentence(e.Message));
        }
    }

    public Task ImportStateAsync(ImportStateRequest request, ImportStateResponse response, CancellationToken cancellationToken)
    {
        var id = WaldurClient.UuidOf(request.Id.Trim()).Replace("-", "", StringComparison.Ordinal);
        if (id.Length != 32 || !id.All(char.IsAsciiHexDigit))
        {
            response.Diagnostics.AddError("Invalid Import ID", $"\"{request.Id}\" is not a portal project uuid. Import a crd_project by its uuid (32 hex digits), as the portal shows it.");
            return Task.CompletedTask;
        }

        // The read that follows fills in everything else, as a refresh does.
        response.State.SetString("id", id.ToLowerInvariant());
        return Task.CompletedTask;
    }

    private async Task WriteTenantsAsync(PortalTenants tenants, string id, ResourceData state, ResourceData plan, DiagnosticCollection diagnostics, CancellationToken cancellationToken)
    {
        try
        {
            var orders = new ProjectTenantOrders(tenants);
            var ready = await orders.ReadySitesAsync(id, cancellationToken).ConfigureAwait(false);
            // Only sites with a ready tenant are recorded: one still waiting for approval is planned again, and resumed.
            state.SetStrings("sites", ready);
            state.Set("tenants", await orders.DescribeAsync(id, CtyValue.Null(CtyType.Map(ProjectSchema.TenantType)), cancellationToken).ConfigureAwait(false));
        }
        catch (CloudException e)
        {
            diagnostics.AddError("Cannot Read Tenants", Sentence(e.Message));
            state.Set("tenants", CtyValue.Map(ProjectSchema.TenantType, []));
            state.SetStrings("sites", []);
        }
    }

    private static void Report(IReadOnlyDictionary<string, CloudException> failures, WaldurProject project, DiagnosticCollection diagnostics, bool created)
    {
        foreach (var (site, error) in failures.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var pending = error is WaldurOrderException { IsPending: true };
            var kept = created
                ? $" Project {project.Name} ({project.Uuid}) and the tenants ready so far are kept in state; Terraform marks it tainted: run `terraform untaint` on it, then apply again to {(pending ? "resume waiting for the order" : "order the tenant again")}."
                : $" The tenants ready so far are kept; apply again to {(pending ? "resume waiting for the order" : "retry")}.";
            diagnostics.AddAttributeError(SitesPath, pending ? "Tenant Order Not Approved" : "Tenant Order Failed", $"Site \"{site}\": {Sentence(error.Message)}{kept}");
        }
    }

    private PortalTenants? Tenants(DiagnosticCollection diagnostics)
    {
        if (_context?.Tenants is { } tenants)
        {
            return tenants;
        }

        diagnostics.AddError("Portal Not Configured",
            _context is null ? "The crd provider was not configured before this call; this is a bug in Terraform or the provider."
                : "crd_project needs the Waldur portal: set `portal_url` and `portal_token` in the provider block (or CRD_PORTAL_URL and CRD_PORTAL_TOKEN).");
        return null;
    }

    private static string ProtectionDetail(ResourceData prior, string action)
    {
        var sites = prior.GetStrings("sites") ?? [];
        return $"crd_project \"{prior.GetString("name")}\" ({prior.GetString("id")}) has deletion_protection = true, so Terraform will not {action} it"
            + (sites.Count == 0 ? "." : $" and its tenants on {string.Join(", ", sites)}, with everything in them.")
            + " To lift it, set `deletion_protection = false` on the resource, run `terraform apply`, then destroy.";
    }

    private static string Sentence(string message) => message.Length == 0 ? message : char.ToUpperInvariant(message[0]) + message[1..] + (message.EndsWith('.') ? "" : ".");
}
