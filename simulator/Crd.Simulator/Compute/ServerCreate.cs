using System.Text.Json.Nodes;
using Crd.Simulator.Config;
using Crd.Simulator.Hosting;
using Crd.Simulator.Identity;
using Crd.Simulator.Network;
using Crd.Simulator.State;
using Crd.Simulator.Volume;

namespace Crd.Simulator.Compute;

/// <summary><c>POST /servers</c>: validation in Nova's order and words, quota, capacity, ports, boot volume.</summary>
public static class ServerCreate
{
    private static readonly Microversion NetworksRequired = new(2, 37);

    /// <summary>Creates the server (status BUILD) or throws the service's refusal.</summary>
    public static Server Create(StoreTransaction tx, SimRuntime runtime, SiteConfig site, TokenInfo token, JsonObject body, Microversion version)
    {
        var spec = body.RequireObject("server");
        var projectId = token.RequireProject();
        var project = tx.Find<Project>(projectId) ?? throw TokenService.Unauthorized();
        var name = spec.RequireString("name");
        if (name.Trim().Length == 0 || name.Length > 255)
        {
            throw ApiException.BadRequest($"Invalid input for field/attribute name. Value: {name}. '{name}' does not match '^(?! )[a-zA-Z0-9. _-]+(?<! )$'");
        }
        var flavorRef = RefId(spec, "flavorRef") ?? throw ApiException.BadRequest("Invalid input for field/attribute flavorRef. Value: None. 'flavorRef' is a required property");
        var flavor = tx.Find<Flavor>(flavorRef) is { } f && f.Site == site.Name ? f : throw ApiException.BadRequest($"Flavor {flavorRef} could not be found.");
        var (bootVolume, bootFromImage, bootSize, deleteBoot) = BootVolume(tx, site, projectId, spec);
        var imageRef = RefId(spec, "imageRef");
        Image.ImageEntity? image = null;
        if (bootVolume is null && bootFromImage is null)
        {
            image = imageRef is null ? throw ApiException.BadRequest("Block Device Mapping is Invalid: Boot sequence for the instance and image/block device mapping combination is not valid.")
                : FindImage(tx, site, projectId, imageRef);
        }
        var networks = spec["networks"];
        if (networks is null && version >= NetworksRequired)
        {
            throw ApiException.BadRequest("Invalid input for field/attribute server. Value: " + spec.ToJsonString() + ". 'networks' is a required property");
        }
        string? keyName = spec.OptString("key_name");
        if (keyName is not null && tx.Find<Keypair>(Keypair.IdFor(token.UserId, keyName)) is null)
        {
            throw ApiException.BadRequest("Invalid key_name provided.");
        }
        var groups = SecurityGroups(tx, site, projectId, spec);
        var userData = spec.OptString("user_data");
        if (userData is not null && (userData.Length > 65535 || !IsBase64(userData)))
        {
            throw ApiException.BadRequest("User data needs to be valid base 64.");
        }
        var zone = spec.OptString("availability_zone");
        if (zone is not null && zone != "nova")
        {
            throw ApiException.BadRequest("The requested availability zone is not available");
        }
        var metadata = spec.OptStringMap("metadata") ?? [];
        var tags = spec["tags"] is JsonArray tagList && version >= new Microversion(2, 52)
            ? tagList.Select(t => t is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw ApiException.BadRequest("Invalid tag.")).Distinct().ToList()
            : [];
        var plan = NetworkPlan(tx, site, projectId, networks);

        ComputeUsage.Check(tx, project, 1, flavor.Vcpus, flavor.RamMb);
        if (bootFromImage is not null)
        {
            VolumeUsage.Check(tx, project, 1, bootSize);
        }
        var server = new Server
        {
            Id = SimRuntime.NewUuid(),
            Site = site.Name,
            ProjectId = projectId,
            UserId = token.UserId,
            Name = name,
            FlavorId = flavor.Id,
            ImageId = image?.Id ?? "",
            KeyName = keyName,
            Metadata = metadata,
            Tags = tags,
            UserData = userData,
            ConfigDrive = spec.OptBool("config_drive") ?? false,
            Description = spec.OptString("description"),
            AdminPass = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(9)),
            HostId = runtime.DeriveId(site.Name, projectId, "host")[..24],
            CreatedAt = tx.Now,
            UpdatedAt = tx.Now,
            Status = "BUILD",
            VmState = "building",
            TaskState = "scheduling",
            Pending = "build",
            DueAt = runtime.Due(tx, site.Name, "compute", runtime.Config.BuildSeconds),
        };
        var load = ComputeUsage.SiteLoad(tx, site.Name);
        if (load.Vcpus + flavor.Vcpus > site.Capacity.Vcpus || load.RamMb + flavor.RamMb > site.Capacity.RamGb * 1024
            || load.Gpus + flavor.Gpus > site.Capacity.Gpus)
        {
            server.FailMessage = "No valid host was found. There are not enough hosts available.";
        }
        else if (runtime.Faults.BuildFault(site.Name, "compute", "/servers") is { } rule)
        {
            server.FailMessage = rule.Message ?? "No valid host was found. ";
        }
        foreach (var (network, port, fixedIp) in plan)
        {
            if (port is not null)
            {
                port.DeviceId = server.Id;
                port.DeviceOwner = "compute:" + server.AvailabilityZone;
                tx.Put(port);
                continue;
            }
            var created = PortAllocator.Create(tx, network!, projectId, null, fixedIp, groups, "", server.Id, "compute:" + server.AvailabilityZone);
            server.OwnedPortIds.Add(created.Id);
        }
        tx.Put(server);
        AttachBootVolume(tx, server, token, bootVolume, bootFromImage, bootSize, deleteBoot, site);
        return server;
    }

    private static void AttachBootVolume(StoreTransaction tx, Server server, TokenInfo token, VolumeEntity? existing, Image.ImageEntity? image,
        int size, bool deleteOnTermination, SiteConfig site)
    {
        var volume = existing;
        if (image is not null)
        {
            volume = new VolumeEntity
            {
                Id = SimRuntime.NewUuid(),
                Site = site.Name,
                ProjectId = server.ProjectId,
                UserId = token.UserId,
                Size = size,
                ImageId = image.Id,
                VolumeType = site.VolumeTypes.FirstOrDefault()?.Name ?? "",
                CreatedAt = tx.Now,
                UpdatedAt = tx.Now,
            };
        }
        if (volume is null)
        {
            return;
        }
        volume.Status = "in-use";
        volume.Attachments.Add(new VolumeAttachmentRecord
        {
            AttachmentId = SimRuntime.NewUuid(),
            ServerId = server.Id,
            Device = "/dev/vda",
            DeleteOnTermination = deleteOnTermination,
            AttachedAt = tx.Now,
        });
        volume.UpdatedAt = tx.Now;
        tx.Put(volume);
    }

    private static (VolumeEntity? Existing, Image.ImageEntity? FromImage, int Size, bool DeleteOnTermination) BootVolume(
        StoreTransaction tx, SiteConfig site, string projectId, JsonObject spec)
    {
        if (spec["block_device_mapping_v2"] is not JsonArray mappings)
        {
            return (null, null, 0, false);
        }
        var boot = mappings.OfType<JsonObject>().FirstOrDefault(m => m.OptInt("boot_index") == 0);
        if (boot is null)
        {
            return (null, null, 0, false);
        }
        var source = boot.OptString("source_type");
        var destination = boot.OptString("destination_type") ?? "volume";
        var uuid = boot.OptString("uuid") ?? throw ApiException.BadRequest("Block Device Mapping is Invalid: uuid is required.");
        var deleteOnTermination = boot.OptBool("delete_on_termination") ?? false;
        if (source == "volume")
        {
            var volume = tx.Find<VolumeEntity>(uuid) is { } v && v.Site == site.Name && v.ProjectId == projectId
                ? v
                : throw ApiException.BadRequest($"Block Device Mapping is Invalid: failed to get volume {uuid}.");
            if (volume.Status != "available")
            {
                throw ApiException.BadRequest($"Invalid volume: volume {uuid} status must be available, but current status is: {volume.Status}");
            }
            return (volume, null, 0, deleteOnTermination);
        }
        if (source == "image" && destination == "volume")
        {
            var image = FindImage(tx, site, projectId, uuid);
            var size = boot.OptInt("volume_size") ?? throw ApiException.BadRequest("Block Device Mapping is Invalid: volume_size is required.");
            if (size < image.MinDiskGb)
            {
                throw ApiException.BadRequest($"Volume is smaller than the minimum size specified in image metadata. Volume size is {size * 1073741824L} bytes, minimum size is {image.MinDiskGb * 1073741824L} bytes.");
            }
            return (null, image, size, deleteOnTermination);
        }
        return (null, null, 0, false);
    }

    private static Image.ImageEntity FindImage(StoreTransaction tx, SiteConfig site, string projectId, string id) =>
        tx.Find<Image.ImageEntity>(id) is { } image && image.Site == site.Name && (image.Visibility == "public" || image.ProjectId == projectId)
            ? image
            : throw ApiException.BadRequest("Can not find requested image");

    private static List<string> SecurityGroups(StoreTransaction tx, SiteConfig site, string projectId, JsonObject spec)
    {
        var names = spec["security_groups"] is JsonArray list
            ? list.OfType<JsonObject>().Select(g => g.RequireString("name")).ToList()
            : ["default"];
        var groups = tx.OfSite<SecurityGroup>(site.Name, projectId).ToList();
        return [.. names.Distinct().Select(n => (groups.FirstOrDefault(g => g.Id == n) ?? groups.FirstOrDefault(g => g.Name == n))?.Id
            ?? throw ApiException.BadRequest($"Security group {n} not found for project {projectId}."))];
    }

    private static List<(NetworkEntity? Network, Port? Port, string? FixedIp)> NetworkPlan(StoreTransaction tx, SiteConfig site, string projectId,
        JsonNode? networks)
    {
        if (networks is JsonValue value && value.TryGetValue<string>(out var mode))
        {
            return mode switch
            {
                "none" => [],
                "auto" => [(ProjectNetwork(tx, site, projectId), null, null)],
                _ => throw ApiException.BadRequest($"Invalid input for field/attribute networks. Value: {mode}."),
            };
        }
        if (networks is null)
        {
            return [(ProjectNetwork(tx, site, projectId), null, null)];
        }
        if (networks is not JsonArray list)
        {
            throw ApiException.BadRequest("Invalid input for field/attribute networks.");
        }
        var plan = new List<(NetworkEntity?, Port?, string?)>();
        foreach (var item in list.OfType<JsonObject>())
        {
            if (item.OptString("port") is { } portId)
            {
                var port = tx.Find<Port>(portId) is { } p && p.Site == site.Name && p.ProjectId == projectId
                    ? p
                    : throw ApiException.BadRequest($"Port id {portId} not found.");
                if (port.DeviceId.Length > 0)
                {
                    throw ApiException.Conflict($"Port {portId} is still in use.");
                }
                plan.Add((null, port, null));
                continue;
            }
            var uuid = item.OptString("uuid") ?? throw ApiException.BadRequest("Invalid input for field/attribute networks: uuid or port is required.");
            var network = tx.Find<NetworkEntity>(uuid) is { } n && n.Site == site.Name && (n.ProjectId == projectId || n.Shared || n.External)
                ? n
                : throw ApiException.BadRequest($"Network {uuid} could not be found.");
            plan.Add((network, null, item.OptString("fixed_ip")));
        }
        return plan;
    }

    private static NetworkEntity ProjectNetwork(StoreTransaction tx, SiteConfig site, string projectId) =>
        tx.OfSite<NetworkEntity>(site.Name, projectId).OrderBy(n => n.Name == TenantNetworks.PrivateName ? 0 : 1).ThenBy(n => n.CreatedAt).FirstOrDefault()
        ?? throw ApiException.BadRequest($"Unable to automatically allocate a network for project {projectId}");

    private static string? RefId(JsonObject spec, string name)
    {
        var node = spec[name];
        if (node is null)
        {
            return null;
        }
        var text = node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node.ToJsonString();
        // References may be full links; Nova takes the last path segment.
        return text.TrimEnd('/').Split('/')[^1];
    }

    private static bool IsBase64(string text)
    {
        var buffer = new byte[((text.Length * 3) + 3) / 4];
        return Convert.TryFromBase64String(text, buffer, out _);
    }
}
