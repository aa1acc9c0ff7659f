using Crd.Cloud;
using Crd.Cloud.Compute;
using Crd.Cloud.ContainerInfra;
using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Resources;
using Crd.Terraform.Plugin.Schema;

namespace Crd.Provider.Resources.K8s;

/// <summary>
/// <c>crd_k8s_cluster</c>: a Magnum Kubernetes cluster on one site (docs/resources/k8s_cluster.md).
/// Create waits <c>CREATE_IN_PROGRESS -> CREATE_COMPLETE</c> bounded by the create timeout (Cluster
/// API clusters can stay in progress forever) and keeps a failed cluster in state (tainted) with
/// Magnum's <c>status_reason</c>; node groups, the default group's size and autoscaling bounds
/// change in place; a new template upgrades in place; delete waits for 404.
/// </summary>
internal sealed class K8sClusterResource : IResource, IResourceWithConfigure, IResourceWithModifyPlan, IResourceWithImportState, IResourceWithValidateConfig
{
    private ProviderContext? _context;

    public string TypeName => "crd_k8s_cluster";

    public SchemaDefinition Schema => K8sClusterSchema.Definition;

    public void Configure(object? providerData) => _context = providerData as ProviderContext;

    public Task ValidateConfigAsync(ValidateConfigRequest request, ValidateConfigResponse response, CancellationToken cancellationToken)
    {
        K8sClusterValidation.Validate(request.Config, response.Diagnostics);
        return Task.CompletedTask;
    }

    public Task ModifyPlanAsync(ModifyPlanRequest request, ModifyPlanResponse response, CancellationToken cancellationToken)
        => new K8sClusterPlanner(_context).ModifyPlanAsync(request, response, cancellationToken);

    public async Task CreateAsync(CreateRequest request, CreateResponse response, CancellationToken cancellationToken)
    {
        _context?.Quota.Applying(request.Private);
        var plan = request.Plan;
        var state = response.State;
        if (SiteScope.SessionOf(_context, plan, response.Diagnostics) is not { } session)
        {
            return;
        }

        var deadline = OperationDeadline.Start(Timeouts.Get(plan, "create", K8sClusterSchema.CreateTimeout));
        var magnum = new MagnumClient(session);
        var operations = new ClusterOperations(magnum);
        var flavors = new FlavorClient(session);
        string id;
        try
        {
            var template = await magnum.ResolveTemplateAsync(plan.GetString("template")!, cancellationToken).ConfigureAwait(false);
            var labels = new Dictionary<string, string>(plan.GetStringMap("labels") ?? new Dictionary<string, string>(), StringComparer.Ordinal);
            if (plan.GetBlock("autoscaling") is { } autoscaling)
            {
                labels["auto_scaling_enabled"] = "true";
                labels["min_node_count"] = autoscaling.GetInt64("min_nodes")!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
                labels["max_node_count"] = autoscaling.GetInt64("max_nodes")!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            var spec = new ClusterCreateSpec(plan.GetString("name")!, template.Id)
            {
                MasterCount = NodeGroupConfig.Int(plan, "master_count") ?? 1,
                NodeCount = NodeGroupConfig.Int(plan, "node_count") ?? 1,
                MasterFlavorId = plan.GetString("master_flavor") is { } mf ? (await flavors.ResolveAsync(mf, cancellationToken).ConfigureAwait(false)).Id : null,
                FlavorId = plan.GetString("worker_flavor") is { } wf ? (await flavors.ResolveAsync(wf, cancellationToken).ConfigureAwait(false)).Id : null,
                Keypair = plan.GetString("key_pair"),
                Labels = labels,
                FloatingIpEnabled = plan.GetBool("floating_ip_enabled"),
                MasterLbEnabled = plan.GetBool("master_lb_enabled"),
                CreateTimeoutMinutes = Math.Max(1, (int)Math.Ceiling(deadline.Remaining.TotalMinutes)),
            };
            id = await magnum.CreateClusterAsync(spec, cancellationToken).ConfigureAwait(false);
        }
        catch (CloudLookupException e)
        {
            response.Diagnostics.AddAttributeError(CtyPath.Root.Attribute(e.Kind == "cluster template" ? "template" : "worker_flavor"), "Cannot Create Cluster", e.Message);
            return;
        }
        catch (CloudException e)
        {
            SiteScope.AddError(response.Diagnostics, "Cannot Create Cluster", e);
            return;
        }

        // From here on the cluster exists: whatever fails, its id stays in state (tainted), never orphaned.
        state.SetString("id", id);
        try
        {
            await magnum.WaitForStatusAsync(id, MagnumStatus.CreateComplete, deadline.Remaining, cancellationToken).ConfigureAwait(false);
            var changes = new K8sClusterChanges(operations, flavors);
            await changes.ApplyDefaultGroupAsync(id, plan, null, deadline, cancellationToken).ConfigureAwait(false);
            await changes.ApplyNodeGroupsAsync(id, plan, null, deadline, cancellationToken).ConfigureAwait(false);
            await RefreshAsync(state, magnum, session, id, plan, cancellationToken).ConfigureAwait(false);
            K8sClusterPlanner.Settle(_context, request.Private, response.Private);
        }
        catch (Exception e) when (e is CloudException or OperationCanceledException)
        {
            await RefreshBestEffortAsync(state, magnum, session, id, plan).ConfigureAwait(false);
            var summary = e switch
            {
                MagnumOperationException { Status: MagnumStatus.CreateFailed } => "Cluster Create Failed",
                CloudTimeoutException => "Cluster Not Ready",
                _ => "Cluster Create Incomplete",
            };
            response.Diagnostics.AddError(summary, $"{Sentence(e.Message)} The cluster {id} is kept in state as tainted: the next apply replaces it, and `terraform destroy` deletes it.");
        }
    }

    public async Task ReadAsync(ReadRequest request, ReadResponse response, CancellationToken cancellationToken)
    {
        var state = response.State;
        if (SiteScope.SessionOf(_context, state, response.Diagnostics) is not { } session || state.GetString("id") is not { } id)
        {
            return;
        }

        try
        {
            var magnum = new MagnumClient(session);
            var cluster = await magnum.FindClusterAsync(id, cancellationToken).ConfigureAwait(false);
            if (cluster is null || cluster.Status == "DELETE_COMPLETE")
            {
                response.RemoveResource();
                return;
            }

            await K8sClusterState.WriteAsync(state, cluster, magnum, session, request.State, cancellationToken).ConfigureAwait(false);
        }
        catch (CloudException e)
        {
            SiteScope.AddError(response.Diagnostics, "Cannot Read Cluster", e);
        }
    }

    public async Task UpdateAsync(UpdateRequest request, UpdateResponse response, CancellationToken cancellationToken)
    {
        _context?.Quota.Applying(request.Private);
        var (plan, prior, state) = (request.Plan, request.PriorState, response.State);
        if (SiteScope.SessionOf(_context, prior, response.Diagnostics) is not { } session || prior.GetString("id") is not { } id)
        {
            return;
        }

        var deadline = OperationDeadline.Start(Timeouts.Get(plan, "update", K8sClusterSchema.UpdateTimeout));
        var magnum = new MagnumClient(session);
        var changes = new K8sClusterChanges(new ClusterOperations(magnum), new FlavorClient(session));
        try
        {
            if (plan.GetString("template_id") is { } templateId && templateId != prior.GetString("template_id"))
            {
                await changes.Operations.UpgradeAsync(id, templateId, deadline.Remaining, cancellationToken).ConfigureAwait(false);
            }
            else if (plan.GetString("template") is { } template && template != prior.GetString("template") && plan.IsUnknown("template_id"))
            {
                var resolved = await magnum.ResolveTemplateAsync(template, cancellationToken).ConfigureAwait(false);
                if (resolved.Id != prior.GetString("template_id"))
                {
                    await changes.Operations.UpgradeAsync(id, resolved.Id, deadline.Remaining, cancellationToken).ConfigureAwait(false);
                }
            }

            await changes.ApplyDefaultGroupAsync(id, plan, prior, deadline, cancellationToken).ConfigureAwait(false);
            await changes.ApplyNodeGroupsAsync(id, plan, prior, deadline, cancellationToken).ConfigureAwait(false);
            await RefreshAsync(state, magnum, session, id, plan, cancellationToken).ConfigureAwait(false);
            K8sClusterPlanner.Settle(_context, request.Private, response.Private);
        }
        catch (Exception e) when (e is CloudException or OperationCanceledException)
        {
            // Record what was done: the next plan shows what is left.
            state.SetValue(prior.Value);
            await RefreshBestEffortAsync(state, magnum, session, id, plan).ConfigureAwait(false);
            var summary = e is CloudTimeoutException ? "Cluster Update Not Finished" : "Cluster Update Failed";
            response.Diagnostics.AddError(summary, Sentence(e.Message) + " The state records the cluster as Magnum reports it now; apply again to finish the change.");
        }
    }

    public async Task DeleteAsync(DeleteRequest request, DeleteResponse response, CancellationToken cancellationToken)
    {
        _context?.Quota.Applying(request.Private);
        if (SiteScope.SessionOf(_context, request.PriorState, response.Diagnostics) is not { } session || request.PriorState.GetString("id") is not { } id)
        {
            return;
        }

        try
        {
            await new ClusterOperations(new MagnumClient(session)).DeleteClusterAsync(id, Timeouts.Get(request.PriorState, "delete", K8sClusterSchema.DeleteTimeout), cancellationToken).ConfigureAwait(false);
            K8sClusterPlanner.Settle(_context, request.Private, null);
        }
        catch (CloudException e)
        {
            response.Diagnostics.AddError("Cluster Delete Failed", Sentence(e.Message) + " The cluster stays in state; run `terraform destroy` again once the cause is fixed.");
        }
    }

    public async Task ImportStateAsync(ImportStateRequest request, ImportStateResponse response, CancellationToken cancellationToken)
    {
        if (SiteScope.ParseImportId(request.Id, TypeName, _context, response.Diagnostics) is not { } parsed)
        {
            return;
        }

        response.State.SetString("site", parsed.Site);
        if (parsed.Project is not null)
        {
            response.State.SetString("project", parsed.Project);
        }

        // Resolves the project exactly as a plan does, so the imported state equals an applied one.
        if (await SiteScope.ResolvePlanAsync(_context, response.State, response.State, response.Diagnostics, cancellationToken).ConfigureAwait(false) is null)
        {
            return;
        }

        response.State.SetString("id", parsed.Id);
    }

    private static async Task RefreshAsync(ResourceData state, MagnumClient magnum, SiteSession session, string id, ResourceData plan, CancellationToken cancellationToken)
    {
        var cluster = await magnum.GetClusterAsync(id, cancellationToken).ConfigureAwait(false);
        await K8sClusterState.WriteAsync(state, cluster, magnum, session, plan, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>After a failure: record what Magnum reports (status, reason), without hiding the original error.</summary>
    private static async Task RefreshBestEffortAsync(ResourceData state, MagnumClient magnum, SiteSession session, string id, ResourceData plan)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            if (await magnum.FindClusterAsync(id, timeout.Token).ConfigureAwait(false) is { } cluster)
            {
                await K8sClusterState.WriteAsync(state, cluster, magnum, session, plan, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is CloudException or OperationCanceledException)
        {
            // Keep what is known: the SDK stores attributes still unknown as null.
        }

        state.SetString("id", id);
    }

    private static string Sentence(string message) => (char.ToUpperInvariant(message[0]) + message[1..]).TrimEnd('.') + ".";
}
