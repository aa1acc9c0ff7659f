using System.Diagnostics;
using Crd.Cloud;
using Crd.Cloud.Compute;
using Crd.Cloud.Network;
using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Resources;
using Crd.Terraform.Plugin.Schema;

namespace Crd.Provider.Resources.Vm;

/// <summary>
/// <c>crd_vm</c>: a Nova server on one site, with its port, optional floating IP and boot volume
/// (docs/resources/vm.md). Create waits BUILD -> ACTIVE and keeps a server that ends in ERROR in
/// state (tainted) with Nova's fault message; flavor changes resize in place; delete waits for
/// 404 and releases the floating IP. Refresh costs one request per server.
/// </summary>
internal sealed class VmResource : IResource, IResourceWithConfigure, IResourceWithModifyPlan, IResourceWithImportState
{
    private const string FloatingIpKey = "floating_ip_id";
    private const string ImportKey = "import";

    private static readonly HashSet<string> VerifyResize = new(StringComparer.Ordinal) { "VERIFY_RESIZE" };
    private static readonly HashSet<string> Shutoff = new(StringComparer.Ordinal) { "SHUTOFF" };
    private static readonly HashSet<string> Active = new(StringComparer.Ordinal) { "ACTIVE" };

    private ProviderContext? _context;

    public string TypeName => "crd_vm";

    public SchemaDefinition Schema => VmSchema.Definition;

    public void Configure(object? providerData) => _context = providerData as ProviderContext;

    public Task ModifyPlanAsync(ModifyPlanRequest request, ModifyPlanResponse response, CancellationToken cancellationToken)
        => new VmPlanner(_context).ModifyPlanAsync(request, response, cancellationToken);

    public async Task CreateAsync(CreateRequest request, CreateResponse response, CancellationToken cancellationToken)
    {
        if (_context is not null)
        {
            await _context.Quota.ApplyingAsync(request.Private, cancellationToken).ConfigureAwait(false);
        }

        var plan = request.Plan;
        var state = response.State;
        if (await SiteAsync(plan, response.Diagnostics, cancellationToken).ConfigureAwait(false) is not { } site)
        {
            return;
        }

        var deadline = Deadline.Start(Timeouts.Get(plan, "create", VmSchema.CreateTimeout));
        var marker = Guid.NewGuid().ToString("N");
        string id;
        try
        {
            var spec = await CreateSpecAsync(site, plan, marker, cancellationToken).ConfigureAwait(false);
            if (spec is null)
            {
                return;
            }

            state.SetString("flavor_id", spec.FlavorId);
            state.SetString("image_id", spec.ImageId);
            id = await site.Nova.CreateServerAsync(spec, cancellationToken).ConfigureAwait(false);
        }
        catch (CloudLookupException e)
        {
            var attribute = e.Kind switch
            {
                "security group" => "security_groups",
                "flavor" => "flavor",
                _ when e.Kind.Contains("image", StringComparison.Ordinal) => "image",
                _ => "network",
            };
            response.Diagnostics.AddAttributeError(CtyPath.Root.Attribute(attribute), "Cannot Create Server", e.Message);
            return;
        }
        catch (CloudException e)
        {
            SiteScope.AddError(response.Diagnostics, "Cannot Create Server", e);
            return;
        }

        // From here on the server exists: whatever fails, its id stays in state so that Terraform taints it instead of orphaning it.
        state.SetString("id", id);
        try
        {
            var name = plan.GetString("name");
            NovaServer? server = await site.Nova.WaitUntilSettledAsync(id, $"server {name} ({id}) to become ACTIVE", deadline.Remaining, cancellationToken).ConfigureAwait(false);
            if (plan.GetString("power_state") == VmSchema.PowerShutoff)
            {
                await site.Nova.StopAsync(id, cancellationToken).ConfigureAwait(false);
                server = await site.Nova.WaitForStatusAsync(id, $"server {name} ({id}) to stop", Shutoff, deadline.Remaining, cancellationToken).ConfigureAwait(false);
            }

            if (plan.GetBool("floating_ip") == true)
            {
                var floating = await AttachFloatingIpAsync(site, id, marker, cancellationToken).ConfigureAwait(false);
                response.Private.SetString(FloatingIpKey, floating.Id);
                server = null; // its addresses changed
            }

            if (server is null)
            {
                await RefreshAsync(state, site, id, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await VmStateMapper.WriteAsync(state, server, site, import: false, cancellationToken).ConfigureAwait(false);
            }
            new VmPlanner(_context).Settle(request.Private, response.Private);
        }
        catch (Exception e) when (e is CloudException or OperationCanceledException)
        {
            await RefreshBestEffortAsync(state, site, id).ConfigureAwait(false);
            var summary = e is CloudOperationException ? "Server Build Failed" : "Server Not Ready";
            response.Diagnostics.AddError(summary, $"{e.Message}. The server {id} is kept in state as tainted: the next apply replaces it, and `terraform destroy` deletes it.");
        }
    }

    public async Task ReadAsync(ReadRequest request, ReadResponse response, CancellationToken cancellationToken)
    {
        var state = response.State;
        if (await SiteAsync(state, response.Diagnostics, cancellationToken).ConfigureAwait(false) is not { } site || state.GetString("id") is not { } id)
        {
            return;
        }

        try
        {
            // The one request of a refresh: names resolve through the session's cached lists.
            var server = await site.Nova.GetServerAsync(id, cancellationToken).ConfigureAwait(false);
            if (server is null || server.Status is "DELETED" or "SOFT_DELETED")
            {
                response.RemoveResource();
                return;
            }

            var import = request.Private.GetKey(ImportKey) is not null;
            await VmStateMapper.WriteAsync(state, server, site, import, cancellationToken).ConfigureAwait(false);
            response.Private.RemoveKey(ImportKey);
        }
        catch (CloudException e)
        {
            SiteScope.AddError(response.Diagnostics, "Cannot Read Server", e);
        }
    }

    public async Task UpdateAsync(UpdateRequest request, UpdateResponse response, CancellationToken cancellationToken)
    {
        if (_context is not null)
        {
            await _context.Quota.ApplyingAsync(request.Private, cancellationToken).ConfigureAwait(false);
        }

        var (plan, prior, state) = (request.Plan, request.PriorState, response.State);
        if (await SiteAsync(prior, response.Diagnostics, cancellationToken).ConfigureAwait(false) is not { } site || prior.GetString("id") is not { } id)
        {
            return;
        }

        var deadline = Deadline.Start(Timeouts.Get(plan, "update", VmSchema.UpdateTimeout));
        var name = plan.GetString("name") ?? id;
        try
        {
            if (plan.GetString("name") is { } newName && newName != prior.GetString("name"))
            {
                await site.Nova.RenameAsync(id, newName, cancellationToken).ConfigureAwait(false);
            }

            if (!plan.Get("metadata").EqualsIgnoringRefinements(prior.Get("metadata")))
            {
                await site.Nova.ReplaceMetadataAsync(id, plan.GetStringMap("metadata") ?? new Dictionary<string, string>(), cancellationToken).ConfigureAwait(false);
            }

            if (!plan.Get("tags").EqualsIgnoringRefinements(prior.Get("tags")))
            {
                await site.Nova.ReplaceTagsAsync(id, plan.GetStrings("tags") ?? [], cancellationToken).ConfigureAwait(false);
            }

            if (!plan.Get("security_groups").EqualsIgnoringRefinements(prior.Get("security_groups")) && plan.GetStrings("security_groups") is { } groups)
            {
                var ids = (await site.Neutron.ResolveSecurityGroupsAsync(groups, cancellationToken).ConfigureAwait(false)).Select(g => g.Id).Distinct().ToList();
                foreach (var port in await site.Neutron.ListPortsAsync(id, cancellationToken).ConfigureAwait(false))
                {
                    await site.Neutron.SetPortSecurityGroupsAsync(port.Id, ids, cancellationToken).ConfigureAwait(false);
                }
            }

            if (plan.GetString("flavor_id") is { } flavorId && flavorId != prior.GetString("flavor_id"))
            {
                // Resize in place: RESIZE -> VERIFY_RESIZE, confirm, back to ACTIVE or SHUTOFF as before.
                await site.Nova.ResizeAsync(id, flavorId, cancellationToken).ConfigureAwait(false);
                await site.Nova.WaitForStatusAsync(id, $"server {name} ({id}) to resize", VerifyResize, deadline.Remaining, cancellationToken).ConfigureAwait(false);
                await site.Nova.ConfirmResizeAsync(id, cancellationToken).ConfigureAwait(false);
                await site.Nova.WaitUntilSettledAsync(id, $"server {name} ({id}) to confirm its resize", deadline.Remaining, cancellationToken).ConfigureAwait(false);
            }

            if (plan.GetString("power_state") is { } power && (power != prior.GetString("power_state") || prior.GetString("status") != StatusOf(power)))
            {
                var server = await site.Nova.GetServerAsync(id, cancellationToken).ConfigureAwait(false);
                if (power == VmSchema.PowerShutoff && server?.Status != "SHUTOFF")
                {
                    await site.Nova.StopAsync(id, cancellationToken).ConfigureAwait(false);
                    await site.Nova.WaitForStatusAsync(id, $"server {name} ({id}) to stop", Shutoff, deadline.Remaining, cancellationToken).ConfigureAwait(false);
                }
                else if (power == VmSchema.PowerActive && server?.Status != "ACTIVE")
                {
                    await site.Nova.StartAsync(id, cancellationToken).ConfigureAwait(false);
                    await site.Nova.WaitForStatusAsync(id, $"server {name} ({id}) to start", Active, deadline.Remaining, cancellationToken).ConfigureAwait(false);
                }
            }

            var wantsFloating = plan.GetBool("floating_ip") == true;
            if (wantsFloating && prior.GetString("public_ip") is null)
            {
                var floating = await AttachFloatingIpAsync(site, id, Guid.NewGuid().ToString("N"), cancellationToken).ConfigureAwait(false);
                response.Private.SetString(FloatingIpKey, floating.Id);
            }
            else if (!wantsFloating && prior.GetString("public_ip") is not null)
            {
                await ReleaseFloatingIpsAsync(site, prior, request.Private, cancellationToken).ConfigureAwait(false);
                response.Private.RemoveKey(FloatingIpKey);
            }

            await RefreshAsync(state, site, id, cancellationToken).ConfigureAwait(false);
            new VmPlanner(_context).Settle(request.Private, response.Private);
        }
        catch (Exception e) when (e is CloudException or OperationCanceledException)
        {
            await RefreshBestEffortAsync(state, site, id).ConfigureAwait(false);
            response.Diagnostics.AddError("Cannot Update Server", e.Message);
        }
    }

    public async Task DeleteAsync(DeleteRequest request, DeleteResponse response, CancellationToken cancellationToken)
    {
        _context?.Quota.Applying(request.Private);
        var prior = request.PriorState;
        if (await SiteAsync(prior, response.Diagnostics, cancellationToken).ConfigureAwait(false) is not { } site || prior.GetString("id") is not { } id)
        {
            return;
        }

        try
        {
            // Release the floating IP first: Nova deletes the port, but the address would stay allocated.
            await ReleaseFloatingIpsAsync(site, prior, request.Private, cancellationToken).ConfigureAwait(false);
            await site.Nova.DeleteServerAsync(id, cancellationToken).ConfigureAwait(false);
            await site.Nova.WaitUntilDeletedAsync(id, Timeouts.Get(prior, "delete", VmSchema.DeleteTimeout), cancellationToken).ConfigureAwait(false);
            foreach (var port in await site.Neutron.ListPortsAsync(id, cancellationToken).ConfigureAwait(false))
            {
                await site.Neutron.DeletePortAsync(port.Id, cancellationToken).ConfigureAwait(false);
            }

            new VmPlanner(_context).Settle(request.Private, new PrivateState());
        }
        catch (CloudException e)
        {
            SiteScope.AddError(response.Diagnostics, "Cannot Delete Server", e);
        }
    }

    public async Task ImportStateAsync(ImportStateRequest request, ImportStateResponse response, CancellationToken cancellationToken)
    {
        if (SiteScope.ParseImportId(request.Id, TypeName, _context, response.Diagnostics) is not { } parsed)
        {
            return;
        }

        var state = response.State;
        state.SetString("site", parsed.Site);
        state.SetString("id", parsed.Id);
        try
        {
            // The state an apply produces holds the project id, so an import does too.
            state.SetString("project", parsed.Project ?? await _context!.TryGetSession(parsed.Site)!.GetProjectIdAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (CloudException e)
        {
            SiteScope.AddError(response.Diagnostics, "Cannot Import Server", e);
            return;
        }

        // Tells the read that follows to rebuild what only a configuration knows (image name, boot volume).
        response.Private.SetKey(ImportKey, "true");
    }

    private async Task<VmSite?> SiteAsync(ResourceData data, Terraform.Plugin.Diagnostics.DiagnosticCollection diagnostics, CancellationToken cancellationToken)
        => await SiteScope.SessionOfAsync(_context, data, diagnostics, cancellationToken).ConfigureAwait(false) is { } session ? new VmSite(session) : null;

    private static string StatusOf(string power) => power == VmSchema.PowerShutoff ? "SHUTOFF" : "ACTIVE";

    private static async Task<ServerCreateSpec?> CreateSpecAsync(VmSite site, ResourceData plan, string marker, CancellationToken cancellationToken)
    {
        var flavor = await site.Flavors.ResolveAsync(plan.GetString("flavor")!, cancellationToken).ConfigureAwait(false);
        var image = await site.ResolveImageAsync(plan.GetString("image")!, cancellationToken).ConfigureAwait(false);
        var network = plan.GetString("network") is { } given
            ? await site.Neutron.ResolveNetworkAsync(given, cancellationToken).ConfigureAwait(false)
            : await site.Neutron.ProjectNetworkAsync(cancellationToken).ConfigureAwait(false);
        var groups = plan.GetStrings("security_groups") is { } names
            ? await site.Neutron.ResolveSecurityGroupsAsync(names, cancellationToken).ConfigureAwait(false)
            : [];
        return new ServerCreateSpec
        {
            Name = plan.GetString("name")!,
            FlavorId = flavor.Id,
            ImageId = image.Id,
            NetworkId = network.Id,
            SecurityGroupIds = [.. groups.Select(g => g.Id).Distinct()],
            KeyName = plan.GetString("key_pair"),
            UserData = plan.GetString("user_data"),
            Metadata = plan.GetStringMap("metadata") ?? new Dictionary<string, string>(),
            Tags = plan.GetStrings("tags") ?? [],
            AvailabilityZone = plan.GetString("availability_zone"),
            BootVolumeSizeGb = plan.GetInt64("boot_volume_size_gb") is { } size ? checked((int)size) : null,
            RequestMarker = marker,
        };
    }

    private static async Task RefreshAsync(ResourceData state, VmSite site, string id, CancellationToken cancellationToken)
    {
        var server = await site.Nova.GetServerAsync(id, cancellationToken).ConfigureAwait(false)
            ?? throw new CloudOperationException($"server {id} disappeared on {site.Name}");
        await VmStateMapper.WriteAsync(state, server, site, import: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>After a failure: record what the server looks like now, if the site still answers quickly.</summary>
    private static async Task RefreshBestEffortAsync(ResourceData state, VmSite site, string id)
    {
        try
        {
            using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await RefreshAsync(state, site, id, quick.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is CloudException or OperationCanceledException)
        {
            // The id is what matters; the next refresh fills in the rest.
        }

        VmStateMapper.NullRemainingUnknowns(state);
    }

    private static async Task<NeutronFloatingIp> AttachFloatingIpAsync(VmSite site, string serverId, string marker, CancellationToken cancellationToken)
    {
        var ports = await site.Neutron.ListPortsAsync(serverId, cancellationToken).ConfigureAwait(false);
        var port = ports.FirstOrDefault() ?? throw new CloudOperationException($"server {serverId} on {site.Name} has no port to attach a floating IP to");
        var external = await site.Neutron.ResolveNetworkAsync(NeutronClient.DefaultExternalNetwork, cancellationToken).ConfigureAwait(false);
        return await site.Neutron.CreateFloatingIpAsync(external.Id, port.Id, $"crd_vm {serverId} request {marker}", cancellationToken).ConfigureAwait(false);
    }

    private static async Task ReleaseFloatingIpsAsync(VmSite site, ResourceData prior, PrivateState @private, CancellationToken cancellationToken)
    {
        var released = new HashSet<string>(StringComparer.Ordinal);
        if (prior.GetString("public_ip") is { } address)
        {
            foreach (var floating in await site.Neutron.ListFloatingIpsAsync("floating_ip_address", address, cancellationToken).ConfigureAwait(false))
            {
                await site.Neutron.DeleteFloatingIpAsync(floating.Id, cancellationToken).ConfigureAwait(false);
                released.Add(floating.Id);
            }
        }

        if (@private.GetString(FloatingIpKey) is { } id && !released.Contains(id))
        {
            await site.Neutron.DeleteFloatingIpAsync(id, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One operation's time budget, shared by its successive waits.</summary>
    private readonly record struct Deadline(long Started, TimeSpan Budget)
    {
        public static Deadline Start(TimeSpan budget) => new(Stopwatch.GetTimestamp(), budget);

        public TimeSpan Remaining => Budget - Stopwatch.GetElapsedTime(Started) is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }
}
