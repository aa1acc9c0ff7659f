using System.Text.Json.Nodes;
using Crd.Cloud;
using Crd.Cloud.Compute;
using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Resources;

namespace Crd.Provider.Resources.Vm;

/// <summary>
/// Writes what Nova says about a server into <c>crd_vm</c> state. Apply, refresh and import all
/// go through here so that they produce the same state. Refresh costs one request (the server
/// itself): flavor and security group names resolve through the session's cached lists, and the
/// user's spelling (a name or an id) is kept whenever it still means what Nova reports.
/// </summary>
internal static class VmStateMapper
{
    /// <summary>Fills <paramref name="state"/> from <paramref name="server"/>; <paramref name="import"/> also reconstructs what only the configuration knew.</summary>
    public static async Task WriteAsync(ResourceData state, NovaServer server, VmSite site, bool import, CancellationToken cancellationToken)
    {
        state.SetString("id", server.Id);
        state.SetString("name", server.Name);
        state.SetString("status", server.Status);
        state.SetString("created_at", server.CreatedAt);
        state.SetString("key_pair", string.IsNullOrEmpty(server.KeyName) ? null : server.KeyName);
        if (!string.IsNullOrEmpty(server.AvailabilityZone) || !Known(state, "availability_zone"))
        {
            state.SetString("availability_zone", string.IsNullOrEmpty(server.AvailabilityZone) ? null : server.AvailabilityZone);
        }

        await WriteFlavorAsync(state, server, site, cancellationToken).ConfigureAwait(false);
        await WriteImageAsync(state, server, site, import, cancellationToken).ConfigureAwait(false);
        await WriteSecurityGroupsAsync(state, server, site, cancellationToken).ConfigureAwait(false);
        WriteAddresses(state, server);
        WritePowerState(state, server);
        state.SetStringMap("metadata", KeepEmptyAsBefore(state, "metadata",
            server.Metadata.Where(kv => !kv.Key.StartsWith(NovaClient.ReservedMetadataPrefix, StringComparison.Ordinal)).ToDictionary(StringComparer.Ordinal)));
        var tags = KeepEmptyAsBefore(state, "tags", server.Tags.Distinct(StringComparer.Ordinal).ToDictionary(t => t, t => t, StringComparer.Ordinal));
        state.SetStrings("tags", tags?.Keys);
        if (import)
        {
            state.SetBool("floating_ip", server.Addresses.Any(a => a.IsFloating));
        }

        NullRemainingUnknowns(state);
    }

    /// <summary>Replaces every unknown attribute by null: after apply, nothing may stay unknown.</summary>
    public static void NullRemainingUnknowns(ResourceData state)
    {
        foreach (var name in state.Value.Type.AttributeTypes.Keys)
        {
            if (state.IsUnknown(name))
            {
                state.Set(name, CtyValue.Null(state.Get(name).Type));
            }
        }
    }

    private static async Task WriteFlavorAsync(ResourceData state, NovaServer server, VmSite site, CancellationToken cancellationToken)
    {
        var flavors = await site.Flavors.ListAsync(cancellationToken).ConfigureAwait(false);
        var current = server.FlavorId is { } id ? flavors.FirstOrDefault(f => f.Id == id) : flavors.FirstOrDefault(f => f.Name == server.FlavorName);
        var currentId = current?.Id ?? server.FlavorId;
        if (currentId is null)
        {
            return;
        }

        if (!Known(state, "flavor") || state.GetString("flavor_id") != currentId)
        {
            // Resized behind Terraform's back (or imported): say what it is now, by name.
            state.SetString("flavor", current?.Name ?? currentId);
        }

        state.SetString("flavor_id", currentId);
    }

    private static async Task WriteImageAsync(ResourceData state, NovaServer server, VmSite site, bool import, CancellationToken cancellationToken)
    {
        if (import && server.ImageId.Length == 0 && server.AttachedVolumeIds.Count > 0)
        {
            // Booted from a volume: the image and size live on the boot volume (import only; refresh keeps state).
            var (size, imageId) = await BootVolumeAsync(site, server.AttachedVolumeIds[0], cancellationToken).ConfigureAwait(false);
            state.SetInt64("boot_volume_size_gb", size);
            state.SetString("image_id", imageId);
            state.SetString("image", imageId is null ? null : await ImageNameAsync(site, imageId, cancellationToken).ConfigureAwait(false));
            return;
        }

        if (server.ImageId.Length == 0)
        {
            return;
        }

        if (!Known(state, "image") || (Known(state, "image_id") && state.GetString("image_id") != server.ImageId))
        {
            // Rebuilt behind Terraform's back, or imported: name the image it runs now.
            state.SetString("image", import ? await ImageNameAsync(site, server.ImageId, cancellationToken).ConfigureAwait(false) : server.ImageId);
        }

        state.SetString("image_id", server.ImageId);
    }

    private static async Task WriteSecurityGroupsAsync(ResourceData state, NovaServer server, VmSite site, CancellationToken cancellationToken)
    {
        if (server.Status is "BUILD" or "ERROR" && server.SecurityGroupNames.Count == 0 && Known(state, "security_groups"))
        {
            return; // Nova lists no groups before the port exists; nothing to compare yet.
        }

        var reported = server.SecurityGroupNames.ToHashSet(StringComparer.Ordinal);
        if (Known(state, "security_groups"))
        {
            // Nova reports names; the state may hold ids. Same groups by name = no change, keep the user's spelling.
            var groups = await site.Neutron.ListSecurityGroupsAsync(cancellationToken).ConfigureAwait(false);
            if (state.GetStrings("security_groups")!.Any(g => !groups.Any(x => x.Id == g || x.Name == g)))
            {
                // A group created since the list was cached (a crd_security_group of this run, or
                // another process): list again rather than mistake its id for a changed group.
                site.Neutron.ForgetSecurityGroups();
                groups = await site.Neutron.ListSecurityGroupsAsync(cancellationToken).ConfigureAwait(false);
            }

            var stateNames = state.GetStrings("security_groups")!.Select(g => groups.FirstOrDefault(x => x.Id == g)?.Name ?? g).ToHashSet(StringComparer.Ordinal);
            if (stateNames.SetEquals(reported))
            {
                return;
            }
        }

        state.SetStrings("security_groups", reported.Order(StringComparer.Ordinal));
    }

    private static void WriteAddresses(ResourceData state, NovaServer server)
    {
        var byNetwork = server.Addresses.GroupBy(a => a.Network, StringComparer.Ordinal)
            .Select(g => KeyValuePair.Create(g.Key, CtyValue.List(CtyType.String, g.Select(a => CtyValue.String(a.Address)).ToList())))
            .ToList();
        state.Set("addresses", CtyValue.Map(CtyType.List(CtyType.String), byNetwork));
        state.SetString("private_ip", server.Addresses.FirstOrDefault(a => !a.IsFloating && a.Version == 4)?.Address
            ?? server.Addresses.FirstOrDefault(a => !a.IsFloating)?.Address);
        state.SetString("public_ip", server.Addresses.FirstOrDefault(a => a.IsFloating)?.Address);
        if (!Known(state, "network"))
        {
            state.SetString("network", server.Addresses.FirstOrDefault(a => !a.IsFloating)?.Network);
        }

        if (Known(state, "floating_ip") || server.Status is not ("BUILD" or "ERROR"))
        {
            state.SetBool("floating_ip", server.Addresses.Any(a => a.IsFloating));
        }
    }

    private static void WritePowerState(ResourceData state, NovaServer server)
    {
        var power = server.Status switch
        {
            "ACTIVE" => VmSchema.PowerActive,
            "SHUTOFF" => VmSchema.PowerShutoff,
            _ => null,
        };
        if (power is not null || !Known(state, "power_state"))
        {
            state.SetString("power_state", power ?? VmSchema.PowerActive);
        }
    }

    private static async Task<(long? Size, string? ImageId)> BootVolumeAsync(VmSite site, string volumeId, CancellationToken cancellationToken)
    {
        try
        {
            var response = await site.Session.SendAsync(CloudRequest.Get(CloudService.Volume, "/volumes/" + Uri.EscapeDataString(volumeId)), cancellationToken).ConfigureAwait(false);
            var volume = response.Object("volume");
            long? size = volume["size"] is JsonValue s && s.TryGetValue<long>(out var n) ? n : null;
            var imageId = (volume["volume_image_metadata"] as JsonObject)?["image_id"] is JsonValue i && i.TryGetValue<string>(out var text) ? text : null;
            return (size, imageId);
        }
        catch (CloudApiException e) when (e.IsNotFound)
        {
            return (null, null);
        }
    }

    private static async Task<string> ImageNameAsync(VmSite site, string imageId, CancellationToken cancellationToken)
    {
        // A deleted image has no name; its id still says what the server was made from.
        var image = await site.Images.GetAsync(imageId, cancellationToken).ConfigureAwait(false);
        return string.IsNullOrEmpty(image?.Name) ? imageId : image.Name;
    }

    private static Dictionary<string, string>? KeepEmptyAsBefore(ResourceData state, string name, Dictionary<string, string> value)
        => value.Count > 0 ? value : Known(state, name) && !state.IsNullAttribute(name) ? value : null;

    private static bool Known(ResourceData state, string name) => !state.IsUnknown(name) && !state.IsNullAttribute(name);
}
