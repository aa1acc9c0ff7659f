using Crd.Cloud;
using Crd.Cloud.Compute;
using Crd.Cloud.ContainerInfra;
using Crd.Provider.Quota;
using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Diagnostics;
using Crd.Terraform.Plugin.Resources;

namespace Crd.Provider.Resources.K8s;

/// <summary>
/// <c>crd_k8s_cluster</c>'s ModifyPlan: resolves site and project, the template (a new one is an
/// upgrade in place) and every flavor at plan time so mistakes surface before apply, keeps the
/// prior spelling when a name and an id mean the same object, checks the node bounds with the
/// defaults applied, predicts the computed values an in-place change leaves alone, and claims
/// the plan's quota delta (cores and RAM of every node, the autoscaling maximum counted; one
/// cluster of the project's Magnum cluster quota).
/// </summary>
internal sealed class K8sClusterPlanner(ProviderContext? context)
{
    public async Task ModifyPlanAsync(ModifyPlanRequest request, ModifyPlanResponse response, CancellationToken cancellationToken)
    {
        var prior = request.PriorState;
        var plan = response.Plan;
        if (context is null)
        {
            return;
        }

        if (plan.IsNull)
        {
            if (!prior.IsNull && SiteScope.SessionOf(context, prior, response.Diagnostics) is { } destroySession)
            {
                try
                {
                    var freed = await DemandAsync(destroySession, prior, cancellationToken).ConfigureAwait(false);
                    await ClaimAsync(destroySession, prior.GetString("project"), freed is null ? null : -freed, response, cancellationToken).ConfigureAwait(false);
                }
                catch (CloudException)
                {
                    // Freed quota only makes other plans fit; a site that cannot list flavors must not block a destroy.
                }
            }

            return;
        }

        if (!prior.IsNull && request.Config.IsNullAttribute("project") && plan.GetString("site") is { } newSite && newSite != prior.GetString("site"))
        {
            plan.SetString("project", null);
        }

        if (await SiteScope.ResolvePlanAsync(context, request.Config, plan, response.Diagnostics, cancellationToken).ConfigureAwait(false) is not { } scope)
        {
            return;
        }

        K8sClusterValidation.Validate(plan, response.Diagnostics);
        if (response.Diagnostics.HasErrors)
        {
            return;
        }

        var magnum = new MagnumClient(scope.Session);
        var flavors = new FlavorClient(scope.Session);
        try
        {
            var template = await ResolveTemplateAsync(magnum, plan, prior, response.Diagnostics, cancellationToken).ConfigureAwait(false);
            await ResolveFlavorsAsync(flavors, template, plan, prior, response.Diagnostics, cancellationToken).ConfigureAwait(false);
            if (response.Diagnostics.HasErrors)
            {
                return;
            }

            var replacing = !prior.IsNull && IsReplacement(prior, plan);
            if (!prior.IsNull && !replacing)
            {
                PredictInPlaceComputed(prior, plan);
            }

            if (replacing)
            {
                var freed = await DemandAsync(scope.Session, prior, cancellationToken).ConfigureAwait(false);
                await ClaimAsync(scope.Session, scope.ProjectId, freed is null ? null : -freed, response, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var planned = await DemandAsync(scope.Session, plan, cancellationToken, template).ConfigureAwait(false);
                var before = prior.IsNull ? QuotaDemand.Zero : await DemandAsync(scope.Session, prior, cancellationToken).ConfigureAwait(false);
                await ClaimAsync(scope.Session, scope.ProjectId, planned is null || before is null ? null : planned - before, response, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (CloudException e)
        {
            SiteScope.AddError(response.Diagnostics, "Cannot Plan Cluster", e);
        }
    }

    /// <summary>Settles the quota ticket of a change that was applied.</summary>
    public static void Settle(ProviderContext? context, PrivateState @private, PrivateState? responsePrivate)
    {
        if (@private.GetString(QuotaLedger.TicketKey) is { } ticket)
        {
            context?.Quota.Settle(ticket);
        }

        responsePrivate?.RemoveKey(QuotaLedger.TicketKey);
    }

    private static async Task<MagnumTemplate?> ResolveTemplateAsync(MagnumClient magnum, ResourceData plan, ResourceData prior, DiagnosticCollection diagnostics, CancellationToken cancellationToken)
    {
        if (plan.GetString("template") is not { } name)
        {
            return null;
        }

        try
        {
            var template = await magnum.ResolveTemplateAsync(name, cancellationToken).ConfigureAwait(false);
            if (!prior.IsNull && template.Id == prior.GetString("template_id"))
            {
                // The same template by name or uuid: no upgrade, no diff.
                plan.SetString("template", prior.GetString("template"));
            }

            plan.SetString("template_id", template.Id);
            if (!prior.IsNull && template.Id != prior.GetString("template_id"))
            {
                plan.SetUnknown("kubernetes_version");
                plan.SetUnknown("status");
            }

            return template;
        }
        catch (CloudLookupException e)
        {
            diagnostics.AddAttributeError(CtyPath.Root.Attribute("template"), "Unknown Cluster Template", Sentence(e.Message) + " The crd_k8s_templates data source lists them.");
            return null;
        }
    }

    private static async Task ResolveFlavorsAsync(FlavorClient flavors, MagnumTemplate? template, ResourceData plan, ResourceData prior, DiagnosticCollection diagnostics, CancellationToken cancellationToken)
    {
        foreach (var attribute in new[] { "master_flavor", "worker_flavor" })
        {
            if (plan.GetString(attribute) is not { } flavor)
            {
                continue;
            }

            var resolved = await LookupAsync(flavors, flavor, CtyPath.Root.Attribute(attribute), diagnostics, cancellationToken).ConfigureAwait(false);
            if (resolved is not null && !prior.IsNull && prior.GetString(attribute) is { } priorFlavor && priorFlavor != flavor
                && (await flavors.ResolveAsync(priorFlavor, cancellationToken).ConfigureAwait(false)).Id == resolved.Id)
            {
                plan.SetString(attribute, priorFlavor);
            }
        }

        var groups = NodeGroupConfig.Of(plan);
        var priorGroups = NodeGroupConfig.Of(prior);
        var updated = new List<ResourceData>();
        var changed = false;
        for (var i = 0; i < groups.Count; i++)
        {
            var group = groups[i];
            if (group.Flavor is { } flavor
                && await LookupAsync(flavors, flavor, CtyPath.Root.Attribute("node_group").Index(i).Attribute("flavor"), diagnostics, cancellationToken).ConfigureAwait(false) is { } resolved
                && priorGroups.FirstOrDefault(p => p.Name == group.Name) is { Flavor: { } priorFlavor } && priorFlavor != flavor
                && (await flavors.ResolveAsync(priorFlavor, cancellationToken).ConfigureAwait(false)).Id == resolved.Id)
            {
                group.Data.SetString("flavor", priorFlavor);
                changed = true;
            }

            updated.Add(group.Data);
        }

        if (changed)
        {
            plan.SetBlocks("node_group", updated);
        }

        _ = template;
    }

    private static async Task<Flavor?> LookupAsync(FlavorClient flavors, string flavor, CtyPath path, DiagnosticCollection diagnostics, CancellationToken cancellationToken)
    {
        try
        {
            return await flavors.ResolveAsync(flavor, cancellationToken).ConfigureAwait(false);
        }
        catch (CloudLookupException e)
        {
            diagnostics.AddAttributeError(path, "Unknown Flavor", Sentence(e.Message));
            return null;
        }
    }

    private static bool IsReplacement(ResourceData prior, ResourceData plan)
        => K8sClusterSchema.ReplacingArguments.Append("site").Append("project")
            .Any(name => !plan.Get(name).IsKnown || !plan.Get(name).EqualsIgnoringRefinements(prior.Get(name)));

    /// <summary>
    /// An in-place change keeps the cluster's identity, API address, CA and control plane. What
    /// Magnum recomputes stays unknown: the status and node addresses when the nodes change, the
    /// version on an upgrade.
    /// </summary>
    private static void PredictInPlaceComputed(ResourceData prior, ResourceData plan)
    {
        var upgrade = plan.GetString("template_id") != prior.GetString("template_id");
        var nodesChange = !plan.Get("node_count").EqualsIgnoringRefinements(prior.Get("node_count"))
            || !plan.Get("autoscaling").EqualsIgnoringRefinements(prior.Get("autoscaling"))
            || !plan.Get("node_group").EqualsIgnoringRefinements(prior.Get("node_group"));
        foreach (var name in new[] { "id", "api_address", "ca_certificate", "master_addresses", "template_id" })
        {
            if (plan.IsUnknown(name) && !(name == "template_id" && upgrade))
            {
                plan.Set(name, prior.Get(name));
            }
        }

        if (!upgrade)
        {
            plan.Set("kubernetes_version", prior.Get("kubernetes_version"));
        }

        if (!upgrade && !nodesChange)
        {
            plan.Set("status", prior.Get("status"));
            plan.Set("node_addresses", prior.Get("node_addresses"));
        }
        else
        {
            plan.SetUnknown("status");
            plan.SetUnknown("node_addresses");
        }
    }

    /// <summary>
    /// What the cluster in <paramref name="data"/> holds of the project's quotas: cores and RAM of
    /// the control plane and of every group (its maximum when autoscaled), and one cluster. Null
    /// while a flavor or a count is unknown.
    /// </summary>
    private static async Task<QuotaDemand?> DemandAsync(SiteSession session, ResourceData data, CancellationToken cancellationToken, MagnumTemplate? template = null)
    {
        if (data.IsNull)
        {
            return null;
        }

        var flavors = new FlavorClient(session);
        if (template is null && (data.GetString("master_flavor") is null || data.GetString("worker_flavor") is null))
        {
            if (data.GetString("template_id") is { } templateId)
            {
                template = (await new MagnumClient(session).ListTemplatesAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(t => t.Id == templateId);
            }
            else if (data.GetString("template") is { } name)
            {
                try
                {
                    template = await new MagnumClient(session).ResolveTemplateAsync(name, cancellationToken).ConfigureAwait(false);
                }
                catch (CloudLookupException)
                {
                    return null;
                }
            }
        }

        var masterFlavor = data.GetString("master_flavor") ?? template?.MasterFlavorId ?? data.GetString("worker_flavor") ?? template?.FlavorId ?? "m1.small";
        var workerFlavor = data.GetString("worker_flavor") ?? template?.FlavorId ?? "m1.small";
        var masters = NodeGroupConfig.Int(data, "master_count");
        var autoscaling = data.GetBlock("autoscaling");
        var workers = autoscaling is null ? NodeGroupConfig.Int(data, "node_count") : NodeGroupConfig.Int(autoscaling, "max_nodes");
        if (masters is null || workers is null || data.IsUnknown("node_group"))
        {
            return null;
        }

        var demand = QuotaDemand.Zero with { K8sClusters = 1 };
        var parts = new List<(string Flavor, int Count)> { (masterFlavor, masters.Value), (workerFlavor, workers.Value) };
        foreach (var group in NodeGroupConfig.Of(data))
        {
            if (group.Flavor is null || (group.MaxNodes ?? group.NodeCount) is not { } count)
            {
                return null;
            }

            parts.Add((group.Flavor, count));
        }

        foreach (var (flavorKey, count) in parts)
        {
            Flavor flavor;
            try
            {
                flavor = await flavors.ResolveAsync(flavorKey, cancellationToken).ConfigureAwait(false);
            }
            catch (CloudLookupException)
            {
                return null; // reported at the flavor attribute
            }

            demand = demand with { Cores = demand.Cores + (flavor.Vcpus * count), RamMb = demand.RamMb + (flavor.RamMb * count) };
        }

        return demand;
    }

    private async Task ClaimAsync(SiteSession session, string? projectId, QuotaDemand? delta, ModifyPlanResponse response, CancellationToken cancellationToken)
    {
        response.Private.RemoveKey(QuotaLedger.TicketKey);
        if (context is null || delta is null || projectId is null)
        {
            return;
        }

        var ticket = await context.Quota.ClaimAsync(new QuotaClaim(session, projectId, "crd_k8s_cluster", delta, CtyPath.Root), response.Diagnostics, cancellationToken).ConfigureAwait(false);
        if (ticket is not null)
        {
            response.Private.SetString(QuotaLedger.TicketKey, ticket);
        }
    }

    private static string Sentence(string message) => (char.ToUpperInvariant(message[0]) + message[1..]).TrimEnd('.') + ".";
}
