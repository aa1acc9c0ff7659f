using Crd.Cloud;
using Crd.Cloud.Compute;
using Crd.Provider.Quota;
using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Diagnostics;
using Crd.Terraform.Plugin.Resources;

namespace Crd.Provider.Resources.Vm;

/// <summary>
/// <c>crd_vm</c>'s ModifyPlan: resolves site and project, checks names at plan time (flavor,
/// image, network, security groups) so mistakes surface before apply, keeps the prior spelling
/// when a name and an id mean the same object (no perpetual diff), predicts the computed values
/// an in-place update leaves alone, and claims the plan's quota delta.
/// </summary>
internal sealed class VmPlanner(ProviderContext? context)
{
    public const string QuotaTicketKey = "quota_ticket";

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
            // Destroy: the server's demand is freed.
            if (!prior.IsNull && await SiteScope.SessionOfAsync(context, prior, response.Diagnostics, cancellationToken).ConfigureAwait(false) is { } destroySession)
            {
                try
                {
                    var freed = await DemandAsync(new VmSite(destroySession), prior, cancellationToken).ConfigureAwait(false);
                    await ClaimAsync(destroySession, await SiteScope.QuotaProjectAsync(destroySession, prior, cancellationToken).ConfigureAwait(false), freed is null ? null : -freed, response, cancellationToken).ConfigureAwait(false);
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
            // Moving to another site: the prior project (kept by UseStateForUnknown) belongs to the old one.
            plan.SetString("project", null);
        }

        var resolved = await SiteScope.ResolvePlanAsync(context, request.Config, plan, response.Diagnostics, cancellationToken).ConfigureAwait(false);
        if (resolved is not { } scope)
        {
            return;
        }

        var site = new VmSite(scope.Session);
        try
        {
            await ResolveNamesAsync(site, request.Config, prior, plan, response.Diagnostics, cancellationToken).ConfigureAwait(false);
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
                // Terraform plans the replacement's create in a second call (prior null) that claims +planned.
                var freed = await DemandAsync(site, prior, cancellationToken).ConfigureAwait(false);
                await ClaimAsync(scope.Session, scope.ProjectId, freed is null ? null : -freed, response, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var planned = await DemandAsync(site, plan, cancellationToken).ConfigureAwait(false);
                var before = prior.IsNull ? QuotaDemand.Zero : await DemandAsync(site, prior, cancellationToken).ConfigureAwait(false);
                await ClaimAsync(scope.Session, scope.ProjectId, planned is null || before is null ? null : planned - before, response, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (CloudException e)
        {
            SiteScope.AddError(response.Diagnostics, "Cannot Plan Server", e);
        }
    }

    /// <summary>Settles the quota ticket of a change that was applied.</summary>
    public void Settle(PrivateState @private, PrivateState responsePrivate)
    {
        if (@private.GetString(QuotaTicketKey) is { } ticket)
        {
            context?.Quota.Settle(ticket);
        }

        responsePrivate.RemoveKey(QuotaTicketKey);
    }

    private static async Task ResolveNamesAsync(VmSite site, ResourceData config, ResourceData prior, ResourceData plan, DiagnosticCollection diagnostics, CancellationToken cancellationToken)
    {
        // flavor: the same flavor by name or id is no change; otherwise plan its id.
        if (plan.GetString("flavor") is { } flavor)
        {
            if (!prior.IsNull && flavor == prior.GetString("flavor") && prior.GetString("flavor_id") is { } priorId)
            {
                plan.SetString("flavor_id", priorId);
            }
            else if (await Lookup(() => site.Flavors.ResolveAsync(flavor, cancellationToken), "flavor", "Unknown Flavor", diagnostics).ConfigureAwait(false) is { } resolved)
            {
                var same = !prior.IsNull && resolved.Id == prior.GetString("flavor_id");
                plan.SetString("flavor", same ? prior.GetString("flavor") : flavor);
                plan.SetString("flavor_id", resolved.Id);
            }
        }

        if (plan.GetString("image") is { } image && (prior.IsNull || image != prior.GetString("image")))
        {
            var resolved = await Lookup(() => site.ResolveImageAsync(image, cancellationToken), "image", "Unknown Image", diagnostics).ConfigureAwait(false);
            if (resolved is not null && !prior.IsNull && resolved.Id == prior.GetString("image_id"))
            {
                plan.SetString("image", prior.GetString("image"));
            }
        }

        if (plan.GetString("network") is { } network && (prior.IsNull || network != prior.GetString("network")))
        {
            var resolved = await Lookup(() => site.Neutron.ResolveNetworkAsync(network, cancellationToken), "network", "Unknown Network", diagnostics).ConfigureAwait(false);
            if (resolved is not null && !prior.IsNull && prior.GetString("network") is { } priorNetwork
                && (await site.Neutron.ListNetworksAsync(cancellationToken).ConfigureAwait(false)).Any(n => n.Id == resolved.Id && (n.Name == priorNetwork || n.Id == priorNetwork)))
            {
                plan.SetString("network", priorNetwork);
            }
        }

        // Only a wholly known set can be resolved: an element that is a reference still unknown
        // (crd_security_group.x.id on create) must stay in the plan as it is.
        if (config.Get("security_groups").IsWhollyKnown && plan.GetStrings("security_groups") is { } groups)
        {
            var resolved = await Lookup(() => site.Neutron.ResolveSecurityGroupsAsync(groups, cancellationToken), "security_groups", "Unknown Security Group", diagnostics).ConfigureAwait(false);
            if (resolved is not null && !prior.IsNull && prior.GetStrings("security_groups") is { } priorGroups)
            {
                var all = await site.Neutron.ListSecurityGroupsAsync(cancellationToken).ConfigureAwait(false);
                var priorIds = priorGroups.SelectMany(g => all.Where(x => x.Id == g) is var byId && byId.Any() ? byId : all.Where(x => x.Name == g)).Select(g => g.Id).ToHashSet(StringComparer.Ordinal);
                if (priorIds.SetEquals(resolved.Select(g => g.Id)))
                {
                    plan.Set("security_groups", prior.Get("security_groups"));
                }
            }
        }
    }

    private static async Task<T?> Lookup<T>(Func<Task<T>> lookup, string attribute, string summary, DiagnosticCollection diagnostics)
        where T : class
    {
        try
        {
            return await lookup().ConfigureAwait(false);
        }
        catch (CloudLookupException e)
        {
            diagnostics.AddAttributeError(CtyPath.Root.Attribute(attribute), summary, char.ToUpperInvariant(e.Message[0]) + e.Message[1..] + ".");
            return null;
        }
    }

    private static bool IsReplacement(ResourceData prior, ResourceData plan)
        => VmSchema.ReplacingArguments.Append("site").Append("project").Any(name => !plan.Get(name).IsKnown || !plan.Get(name).EqualsIgnoringRefinements(prior.Get(name)));

    /// <summary>An in-place update keeps the server's addresses and derives its status from <c>power_state</c>.</summary>
    private static void PredictInPlaceComputed(ResourceData prior, ResourceData plan)
    {
        foreach (var name in new[] { "id", "created_at", "image_id", "private_ip" })
        {
            plan.Set(name, prior.Get(name));
        }

        var floatingUnchanged = plan.GetBool("floating_ip") is { } floating && floating == prior.GetBool("floating_ip");
        if (floatingUnchanged)
        {
            plan.Set("public_ip", prior.Get("public_ip"));
            plan.Set("addresses", prior.Get("addresses"));
        }
        else if (plan.GetBool("floating_ip") == false)
        {
            plan.SetString("public_ip", null);
        }

        var priorStatus = prior.GetString("status");
        plan.SetString("status", priorStatus is "ACTIVE" or "SHUTOFF" ? plan.GetString("power_state") switch
        {
            VmSchema.PowerActive => "ACTIVE",
            VmSchema.PowerShutoff => "SHUTOFF",
            _ => null,
        } : null);
        if (plan.GetString("status") is null)
        {
            plan.SetUnknown("status");
        }

        if (plan.IsUnknown("flavor_id"))
        {
            plan.Set("flavor_id", prior.Get("flavor_id"));
        }
    }

    /// <summary>What the server in <paramref name="data"/> holds of the project's quotas; null while unknown.</summary>
    private static async Task<QuotaDemand?> DemandAsync(VmSite site, ResourceData data, CancellationToken cancellationToken)
    {
        var flavorKey = data.GetString("flavor_id") ?? data.GetString("flavor");
        if (flavorKey is null || data.IsUnknown("floating_ip") || data.IsUnknown("boot_volume_size_gb"))
        {
            return null;
        }

        Flavor flavor;
        try
        {
            flavor = await site.Flavors.ResolveAsync(flavorKey, cancellationToken).ConfigureAwait(false);
        }
        catch (CloudLookupException)
        {
            return null; // Reported at the flavor attribute, or a flavor since deleted: nothing to count.
        }

        var bootGb = data.GetInt64("boot_volume_size_gb");
        return new QuotaDemand(flavor.Vcpus, flavor.RamMb, 1, data.GetBool("floating_ip") == true ? 1 : 0, bootGb is null ? 0 : 1, bootGb ?? 0);
    }

    private async Task ClaimAsync(SiteSession session, string? projectId, QuotaDemand? delta, ModifyPlanResponse response, CancellationToken cancellationToken)
    {
        response.Private.RemoveKey(QuotaTicketKey);
        if (context is null || delta is null || projectId is null)
        {
            return;
        }

        var ticket = await context.Quota.ClaimAsync(new QuotaClaim(session, projectId, "crd_vm", delta, CtyPath.Root), response.Diagnostics, cancellationToken).ConfigureAwait(false);
        if (ticket is not null)
        {
            response.Private.SetString(QuotaTicketKey, ticket);
        }
    }
}
