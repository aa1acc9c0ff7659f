using Crd.Cloud;
using Crd.Cloud.Compute;
using Crd.Cloud.Image;
using Crd.Cloud.Volume;
using Crd.Provider.Quota;
using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Diagnostics;
using Crd.Terraform.Plugin.Resources;
using Crd.Terraform.Plugin.Schema;
using Crd.Terraform.Plugin.Schema.PlanModifiers;
using Crd.Terraform.Plugin.Validators;
using Attr = Crd.Terraform.Plugin.Schema.SchemaAttribute;

namespace Crd.Provider.Resources;

/// <summary>
/// <c>crd_volume</c>: a Cinder volume on one site (docs/resources/volume.md). Grows in place
/// (online when attached), shrinking replaces it; the type changes by retype; <c>attach_to</c>
/// attaches, moves and detaches it, each step ending only when Nova and Cinder agree.
/// </summary>
internal sealed class VolumeResource : IResource, IResourceWithConfigure, IResourceWithModifyPlan, IResourceWithImportState
{
    private const string QuotaTicketKey = QuotaLedger.TicketKey;
    private const string ImageIdKey = "image_id";
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);
    private static readonly CtyPath SizePath = CtyPath.Root.Attribute("size_gb");
    private static readonly CtyPath TypePath = CtyPath.Root.Attribute("volume_type");
    private static readonly CtyPath ImagePath = CtyPath.Root.Attribute("image");
    private static readonly CtyPath AttachToPath = CtyPath.Root.Attribute("attach_to");

    private ProviderContext? _context;

    public string TypeName => "crd_volume";

    public SchemaDefinition Schema { get; } = new(0, new Block
    {
        Description = "A block-storage volume on one site of the federation, optionally attached to a VM.",
        Attributes =
        {
            new Attr("id", CtyType.String) { Computed = true, PlanModifiers = [UseStateForUnknown.Instance], Description = "Cinder volume id." },
            SiteScope.SiteAttribute(),
            SiteScope.ProjectAttribute(),
            new Attr("name", CtyType.String) { Required = true, Validators = [StringValidators.LengthBetween(1, 255)], Description = "Volume name. Changes in place." },
            new Attr("description", CtyType.String) { Optional = true, Validators = [StringValidators.LengthBetween(0, 255)], Description = "Free text. Changes in place." },
            new Attr("size_gb", CtyType.Number)
            {
                Required = true,
                Validators = [NumberValidators.IntegerBetween(1, 16384)],
                PlanModifiers = [RequiresReplace.If(RequiresReplace.IsDecrease, "Growing extends the volume in place (online when attached); shrinking creates a new, empty volume.")],
                Description = "Size in GB. Growing extends the volume in place, online when it is attached; Cinder cannot shrink a volume, so a smaller size replaces it (the data is lost).",
            },
            new Attr("volume_type", CtyType.String)
            {
                Optional = true,
                Computed = true,
                PlanModifiers = [UseStateForUnknown.Instance],
                Description = "Volume type name or id (`nvme`, `hdd`). Defaults to the site's default type. Changing it retypes the volume in place, migrating the data when needed.",
            },
            new Attr("image", CtyType.String) { Optional = true, Description = "Image name or id to copy into the volume (a bootable volume). A name means the newest active image of that name. Changing it creates a new volume." },
            new Attr("attach_to", CtyType.String) { Optional = true, Description = "Id of the VM (`crd_vm.x.id`) the volume is attached to. Setting, changing or removing it attaches, moves or detaches the volume in place." },
            new Attr("status", CtyType.String) { Computed = true, Description = "Cinder status: `available`, `in-use`, `error`..." },
            new Attr("device", CtyType.String) { Computed = true, Description = "Device path inside the VM (`/dev/vdb`) while attached; null otherwise." },
        },
        Blocks = { Timeouts.Block(DefaultTimeout, DefaultTimeout, DefaultTimeout) },
    });

    public void Configure(object? providerData) => _context = providerData as ProviderContext;

    public async Task ModifyPlanAsync(ModifyPlanRequest request, ModifyPlanResponse response, CancellationToken cancellationToken)
    {
        var prior = request.PriorState;
        var plan = response.Plan;
        if (plan.IsNull)
        {
            // Destroy frees the volume's quota.
            await ClaimAsync(prior, Demand(prior) is { } freed ? -freed : null, request.Private, response, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (prior.IsNull && plan.IsUnknown("site") && request.Config.Get("site") is { IsKnown: true, IsNull: true })
        {
            // Computed-and-unset attributes arrive unknown on create; an unset site means the
            // default site, which SiteScope resolves only from a known (null) value.
            plan.SetString("site", null);
        }

        if (await SiteScope.ResolvePlanAsync(_context, request.Config, plan, response.Diagnostics, cancellationToken).ConfigureAwait(false) is not { } scope)
        {
            return;
        }

        var creating = prior.IsNull;
        await CheckVolumeTypeAsync(scope.Session, request.Config, prior, response.Diagnostics, cancellationToken).ConfigureAwait(false);
        var replaceImage = await PlanImageAsync(scope.Session, request.Config, prior, request.Private, response.Diagnostics, cancellationToken).ConfigureAwait(false);
        if (replaceImage)
        {
            response.RequiresReplace.Add(ImagePath);
        }

        await CheckAttachToAsync(scope.Session, plan, prior, response.Diagnostics, cancellationToken).ConfigureAwait(false);
        PlanStatusAndDevice(plan, prior);

        // Quota: the delta this plan causes. A replacement's update plan frees the old volume and
        // its create plan (a second call, prior null) claims the new one.
        QuotaDemand? delta;
        if (creating)
        {
            delta = Demand(plan);
        }
        else if (response.RequiresReplace.Count > 0 || IsReplacement(plan, prior))
        {
            delta = Demand(prior) is { } freed ? -freed : null;
        }
        else
        {
            delta = Demand(plan) is { } planned && Demand(prior) is { } held ? planned - held : null;
        }

        await ClaimAsync(plan, delta, response.Private, response, cancellationToken, scope).ConfigureAwait(false);
    }

    public async Task CreateAsync(CreateRequest request, CreateResponse response, CancellationToken cancellationToken)
    {
        var plan = request.Plan;
        var state = response.State;
        if (await SiteScope.SessionOfAsync(_context, plan, response.Diagnostics, cancellationToken).ConfigureAwait(false) is not { } session)
        {
            return;
        }

        if (_context is not null)
        {
            await _context.Quota.ApplyingAsync(request.Private, cancellationToken).ConfigureAwait(false);
        }

        var operations = new VolumeOperations(session);
        var timeout = Timeouts.Get(plan, "create", DefaultTimeout);
        string? imageId = null;
        try
        {
            if (plan.GetString("image") is { } image)
            {
                imageId = (await new ImageClient(session).ResolveAsync(image, cancellationToken).ConfigureAwait(false)).Id;
            }

            var spec = new VolumeCreateSpec(plan.GetString("name"), (int)plan.GetInt64("size_gb")!.Value)
            {
                Description = plan.GetString("description"),
                VolumeType = plan.GetString("volume_type"),
                ImageId = imageId,
            };
            var id = await operations.StartCreateAsync(spec, cancellationToken).ConfigureAwait(false);

            // From here on the volume exists: keep its id even if what follows fails (tainted).
            state.SetString("id", id);
            var volume = await operations.WaitCreatedAsync(id, timeout, cancellationToken).ConfigureAwait(false);
            if (plan.GetString("attach_to") is { } server)
            {
                volume = await operations.AttachAsync(id, server, timeout, cancellationToken).ConfigureAwait(false);
            }

            Fill(state, volume, plan, response.Private);
            Settle(request.Private);
        }
        catch (CloudException e)
        {
            var kept = state.GetString("id") is { } id ? $" Volume {id} is kept in the state as tainted: the next apply replaces it." : "";
            response.Diagnostics.AddError("Volume Create Failed", e.Message + kept);
        }
    }

    public async Task ReadAsync(ReadRequest request, ReadResponse response, CancellationToken cancellationToken)
    {
        if (await SiteScope.SessionOfAsync(_context, request.State, response.Diagnostics, cancellationToken).ConfigureAwait(false) is not { } session || request.State.GetString("id") is not { } id)
        {
            return;
        }

        try
        {
            // One request per volume: the attachment is part of the volume body.
            var volume = await new CinderClient(session).FindAsync(id, cancellationToken).ConfigureAwait(false);
            if (volume is null)
            {
                response.RemoveResource();
                return;
            }

            Fill(response.State, volume, request.State, response.Private);
        }
        catch (CloudException e)
        {
            response.Diagnostics.AddError("Cannot Read Volume", e.Message);
        }
    }

    public async Task UpdateAsync(UpdateRequest request, UpdateResponse response, CancellationToken cancellationToken)
    {
        var plan = request.Plan;
        var prior = request.PriorState;
        var id = prior.GetString("id")!;
        if (await SiteScope.SessionOfAsync(_context, prior, response.Diagnostics, cancellationToken).ConfigureAwait(false) is not { } session)
        {
            return;
        }

        if (_context is not null)
        {
            await _context.Quota.ApplyingAsync(request.Private, cancellationToken).ConfigureAwait(false);
        }

        var operations = new VolumeOperations(session);
        var cinder = operations.Cinder;
        var timeout = Timeouts.Get(plan, "update", DefaultTimeout);
        try
        {
            var volume = await cinder.GetAsync(id, cancellationToken).ConfigureAwait(false);
            if (plan.GetString("name") != prior.GetString("name") || plan.GetString("description") != prior.GetString("description"))
            {
                volume = await cinder.UpdateAsync(id, plan.GetString("name"), plan.GetString("description"), cancellationToken).ConfigureAwait(false);
            }

            // Detach first when the volume moves or leaves its VM; grow and retype next (online if
            // it stays attached); attach last.
            var target = plan.GetString("attach_to");
            if (volume.Attachment is { } attached && attached.ServerId != target)
            {
                volume = await operations.DetachAsync(id, timeout, cancellationToken).ConfigureAwait(false);
            }

            if (plan.GetInt64("size_gb") is { } size && size > volume.SizeGb)
            {
                volume = await operations.ExtendAsync(id, (int)size, timeout, cancellationToken).ConfigureAwait(false);
            }

            if (plan.GetString("volume_type") is { } typeName && typeName != prior.GetString("volume_type"))
            {
                var type = (await cinder.ListTypesAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(t => t.Matches(typeName))
                    ?? throw new CloudLookupException(session.Site, "volume type", typeName, []);
                volume = await operations.RetypeAsync(id, type, timeout, cancellationToken).ConfigureAwait(false);
            }

            if (target is not null && volume.Attachment?.ServerId != target)
            {
                volume = await operations.AttachAsync(id, target, timeout, cancellationToken).ConfigureAwait(false);
            }

            Fill(response.State, volume, plan, response.Private);
            Settle(request.Private);
        }
        catch (CloudException e)
        {
            response.Diagnostics.AddError("Volume Update Failed", e.Message);
            await RecordActualAsync(cinder, id, response, plan, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task DeleteAsync(DeleteRequest request, DeleteResponse response, CancellationToken cancellationToken)
    {
        if (await SiteScope.SessionOfAsync(_context, request.PriorState, response.Diagnostics, cancellationToken).ConfigureAwait(false) is not { } session || request.PriorState.GetString("id") is not { } id)
        {
            return;
        }

        _context?.Quota.Applying(request.Private);
        try
        {
            await new VolumeOperations(session).DeleteAsync(id, Timeouts.Get(request.PriorState, "delete", DefaultTimeout), cancellationToken).ConfigureAwait(false);
            Settle(request.Private);
        }
        catch (CloudException e)
        {
            response.Diagnostics.AddError("Volume Delete Failed", e.Message);
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

    /// <summary>Copies what Cinder reports into the state, keeping the practitioner's spelling of type and image.</summary>
    private static void Fill(ResourceData state, CinderVolume volume, ResourceData previous, PrivateState @private)
    {
        state.SetString("id", volume.Id);
        state.SetString("name", volume.Name);
        var description = previous.GetString("description");
        state.SetString("description", string.IsNullOrEmpty(volume.Description) ? (description == "" ? "" : null) : volume.Description);
        state.SetInt64("size_gb", volume.SizeGb);

        var type = previous.GetString("volume_type");
        var sameType = type is not null && (type == volume.VolumeType || type == volume.VolumeTypeId);
        state.SetString("volume_type", sameType ? type : volume.VolumeType);

        var image = previous.GetString("image");
        var sameImage = image is not null && (image == volume.ImageId || image == volume.ImageName || (volume.ImageId is not null && @private.GetString(ImageIdKey) == volume.ImageId));
        state.SetString("image", sameImage ? image : volume.ImageName ?? volume.ImageId);
        if (volume.ImageId is null)
        {
            @private.RemoveKey(ImageIdKey);
        }
        else
        {
            @private.SetString(ImageIdKey, volume.ImageId);
        }

        state.SetString("attach_to", volume.Attachment?.ServerId);
        state.SetString("device", volume.Attachment?.Device);
        state.SetString("status", volume.Status);
    }

    /// <summary>After a failed update, store what the volume really looks like now (best effort).</summary>
    private static async Task RecordActualAsync(CinderClient cinder, string id, UpdateResponse response, ResourceData plan, CancellationToken cancellationToken)
    {
        try
        {
            if (await cinder.FindAsync(id, cancellationToken).ConfigureAwait(false) is { } actual)
            {
                Fill(response.State, actual, plan, response.Private);
            }
        }
        catch (CloudException)
        {
            // The prior state stays; the next refresh will tell.
        }
    }

    /// <summary>A configured volume type must exist on the site: say so at plan time, with the types that do.</summary>
    private static async Task CheckVolumeTypeAsync(SiteSession session, ResourceData config, ResourceData prior, DiagnosticCollection diagnostics, CancellationToken cancellationToken)
    {
        if (config.GetString("volume_type") is not { } wanted || wanted == prior.GetString("volume_type"))
        {
            return;
        }

        try
        {
            var types = await new CinderClient(session).ListTypesAsync(cancellationToken).ConfigureAwait(false);
            if (!types.Any(t => t.Matches(wanted)))
            {
                diagnostics.AddAttributeError(TypePath, "Unknown Volume Type",
                    $"Site \"{session.Site}\" has no volume type \"{wanted}\". Available: {string.Join(", ", types.Select(t => $"\"{t.Name}\""))}.");
            }
        }
        catch (CloudException e)
        {
            diagnostics.AddAttributeError(TypePath, "Cannot List Volume Types", e.Message);
        }
    }

    /// <summary>A VM id written out (not a reference still unknown) must name a VM of the site and project.</summary>
    private static async Task CheckAttachToAsync(SiteSession session, ResourceData plan, ResourceData prior, DiagnosticCollection diagnostics, CancellationToken cancellationToken)
    {
        if (plan.GetString("attach_to") is not { } server || (!prior.IsNull && server == prior.GetString("attach_to")))
        {
            return;
        }

        try
        {
            if (!await new VolumeAttachmentClient(session).ServerExistsAsync(server, cancellationToken).ConfigureAwait(false))
            {
                diagnostics.AddAttributeError(AttachToPath, "Unknown VM",
                    $"Site \"{session.Site}\" has no VM with id \"{server}\" in this project. `attach_to` takes a VM id, usually `crd_vm.<name>.id`.");
            }
        }
        catch (CloudException e)
        {
            diagnostics.AddAttributeError(AttachToPath, "Cannot Check VM", e.Message);
        }
    }

    /// <summary>
    /// Resolves a new or changed image at plan time (an unknown name is a plan error, not an apply
    /// failure) and says whether the change needs a new volume: writing the name of the very image
    /// the volume was made from instead of its id (or the reverse) does not.
    /// </summary>
    private static async Task<bool> PlanImageAsync(SiteSession session, ResourceData config, ResourceData prior, PrivateState @private, DiagnosticCollection diagnostics, CancellationToken cancellationToken)
    {
        var configValue = config.Get("image");
        var priorImage = prior.IsNull ? null : prior.GetString("image");
        if (!configValue.IsKnown)
        {
            return !prior.IsNull;
        }

        var wanted = config.GetString("image");
        if (wanted is null || wanted == priorImage)
        {
            return !prior.IsNull && wanted != priorImage;
        }

        try
        {
            var image = await new ImageClient(session).ResolveAsync(wanted, cancellationToken).ConfigureAwait(false);
            return !prior.IsNull && @private.GetString(ImageIdKey) != image.Id;
        }
        catch (CloudLookupException e)
        {
            diagnostics.AddAttributeError(ImagePath, "Unknown Image", e.Message);
        }
        catch (CloudException e)
        {
            diagnostics.AddAttributeError(ImagePath, "Cannot Resolve Image", e.Message);
        }

        return !prior.IsNull;
    }

    /// <summary>
    /// Predicts <c>status</c> and <c>device</c> so that a rename or a grow does not show them as
    /// "known after apply": an update ends with the volume at rest, in use exactly when attached.
    /// </summary>
    private static void PlanStatusAndDevice(ResourceData plan, ResourceData prior)
    {
        var attachKnown = !plan.IsUnknown("attach_to");
        var target = plan.GetString("attach_to");
        if (prior.IsNull)
        {
            if (attachKnown && target is null)
            {
                plan.SetString("device", null);
            }

            return;
        }

        if (!attachKnown || prior.GetString("status") is not ("available" or "in-use"))
        {
            return;
        }

        plan.SetString("status", target is null ? "available" : "in-use");
        if (target is null)
        {
            plan.SetString("device", null);
        }
        else if (target == prior.GetString("attach_to"))
        {
            plan.Set("device", prior.Get("device"));
        }
    }

    private static bool IsReplacement(ResourceData plan, ResourceData prior)
        => plan.GetInt64("size_gb") < prior.GetInt64("size_gb") || plan.GetString("site") != prior.GetString("site");

    /// <summary>What a volume holds of the project's quotas, or null when its size is not known yet.</summary>
    private static QuotaDemand? Demand(ResourceData data)
        => data.IsNull || data.GetInt64("size_gb") is not { } size ? null : QuotaDemand.Zero with { Volumes = 1, Gigabytes = size };

    private async Task ClaimAsync(ResourceData data, QuotaDemand? delta, PrivateState @private, ModifyPlanResponse response, CancellationToken cancellationToken, (SiteSession Session, string? ProjectId)? scope = null)
    {
        @private.RemoveKey(QuotaTicketKey);
        if (_context is null || delta is null || delta.IsZero)
        {
            return;
        }

        if (scope is null)
        {
            // Destroy: the object's own site and project.
            if (data.GetString("site") is null || await SiteScope.SessionOfAsync(_context, data, response.Diagnostics, cancellationToken).ConfigureAwait(false) is not { } session
                || data.GetString("project") is null)
            {
                return;
            }

            // A portal project's quota is that of its tenant's OpenStack project.
            scope = (session, await SiteScope.QuotaProjectAsync(session, data, cancellationToken).ConfigureAwait(false));
        }

        if (scope.Value.ProjectId is null)
        {
            return;
        }

        var ticket = await _context.Quota.ClaimAsync(new QuotaClaim(scope.Value.Session, scope.Value.ProjectId!, TypeName, delta, SizePath), response.Diagnostics, cancellationToken).ConfigureAwait(false);
        if (ticket is not null)
        {
            @private.SetString(QuotaTicketKey, ticket);
        }
    }

    /// <summary>The change planned with this private state was applied: its quota claim becomes usage.</summary>
    private void Settle(PrivateState @private)
    {
        if (@private.GetString(QuotaTicketKey) is { } ticket)
        {
            _context?.Quota.Settle(ticket);
        }

        @private.RemoveKey(QuotaTicketKey);
    }
}
