using System.Text.Json.Nodes;

namespace Crd.Cloud.Volume;

/// <summary>A Cinder volume type (<c>nvme</c>, <c>hdd</c>...).</summary>
/// <param name="Id">Type id.</param>
/// <param name="Name">Type name, what volumes report in <c>volume_type</c>.</param>
/// <param name="Description">Description, if any.</param>
public sealed record CinderVolumeType(string Id, string Name, string? Description)
{
    /// <summary>Reads one element of <c>volume_types</c>.</summary>
    public static CinderVolumeType FromJson(JsonObject json) => new(
        json["id"]?.GetValue<string>() ?? "",
        json["name"]?.GetValue<string>() ?? "",
        json["description"]?.GetValue<string>());

    /// <summary>True when <paramref name="nameOrId"/> names this type by name or id.</summary>
    public bool Matches(string nameOrId) => Name == nameOrId || Id == nameOrId;
}
