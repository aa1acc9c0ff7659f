using System.Text.Json.Nodes;
using Crd.Simulator.Hosting;
using Crd.Simulator.State;

namespace Crd.Simulator.Volume;

/// <summary>Cinder's JSON for volumes and volume types.</summary>
public static class VolumeView
{
    /// <summary><c>{"id","name","links"}</c>.</summary>
    public static JsonObject Summary(VolumeEntity volume, string url) => new()
    {
        ["id"] = volume.Id,
        ["name"] = volume.Name,
        ["links"] = Links(url, volume.Id),
    };

    /// <summary>The full volume body.</summary>
    public static JsonObject Detail(StoreTransaction tx, VolumeEntity volume, Microversion version, string url)
    {
        var json = new JsonObject
        {
            ["id"] = volume.Id,
            ["name"] = volume.Name,
            ["description"] = volume.Description,
            ["size"] = volume.Size,
            ["status"] = volume.Status,
            ["volume_type"] = volume.VolumeType,
            ["availability_zone"] = volume.AvailabilityZone,
            ["bootable"] = volume.ImageId is null ? "false" : "true",
            ["encrypted"] = false,
            ["multiattach"] = false,
            ["attachments"] = new JsonArray([.. volume.Attachments.Select(a => (JsonNode)new JsonObject
            {
                ["id"] = volume.Id,
                ["attachment_id"] = a.AttachmentId,
                ["volume_id"] = volume.Id,
                ["server_id"] = a.ServerId,
                ["host_name"] = null,
                ["device"] = a.Device,
                ["attached_at"] = a.AttachedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", System.Globalization.CultureInfo.InvariantCulture),
            })]),
            ["metadata"] = volume.Metadata.ToJson(),
            ["created_at"] = Time(volume.CreatedAt),
            ["updated_at"] = Time(volume.UpdatedAt),
            ["user_id"] = volume.UserId,
            ["os-vol-tenant-attr:tenant_id"] = volume.ProjectId,
            ["snapshot_id"] = null,
            ["source_volid"] = null,
            ["replication_status"] = null,
            ["consistencygroup_id"] = null,
            ["links"] = Links(url, volume.Id),
        };
        if (volume.ImageId is not null)
        {
            json["volume_image_metadata"] = new JsonObject
            {
                ["image_id"] = volume.ImageId,
                ["image_name"] = tx.Find<Image.ImageEntity>(volume.ImageId)?.Name ?? "",
            };
        }
        if (version >= new Microversion(3, 13))
        {
            json["group_id"] = null;
        }
        if (version >= new Microversion(3, 48))
        {
            json["shared_targets"] = false;
            json["service_uuid"] = null;
        }
        if (version >= new Microversion(3, 63))
        {
            json["volume_type_id"] = tx.OfSite<VolumeType>(volume.Site).FirstOrDefault(t => t.Name == volume.VolumeType)?.Id;
        }
        if (version >= new Microversion(3, 65))
        {
            json["consumes_quota"] = true;
        }
        return json;
    }

    /// <summary>A volume type body.</summary>
    public static JsonObject Type(VolumeType type) => new()
    {
        ["id"] = type.Id,
        ["name"] = type.Name,
        ["description"] = type.Description,
        ["is_public"] = true,
        ["os-volume-type-access:is_public"] = true,
        ["extra_specs"] = new JsonObject { ["volume_backend_name"] = type.Name },
        ["qos_specs_id"] = null,
    };

    private static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", System.Globalization.CultureInfo.InvariantCulture);

    private static JsonArray Links(string url, string id) =>
    [
        new JsonObject { ["rel"] = "self", ["href"] = url + "/volumes/" + id },
        new JsonObject { ["rel"] = "bookmark", ["href"] = url + "/volumes/" + id },
    ];
}
