using System.Globalization;
using System.Text.Json.Nodes;

namespace Crd.Cloud.Image;

/// <summary>Glance v2 images of a site: filtered listing (all pages), show, name resolution.</summary>
public sealed class ImageClient(SiteSession session)
{
    private const int PageSize = 200;

    private static readonly HashSet<string> CoreFields = new(StringComparer.Ordinal)
    {
        "id", "name", "status", "visibility", "created_at", "updated_at", "min_disk", "min_ram", "size", "virtual_size",
        "checksum", "container_format", "disk_format", "owner", "protected", "tags", "self", "file", "schema",
        "os_hash_algo", "os_hash_value", "os_hidden", "direct_url", "locations", "stores",
    };

    /// <summary>Every image matching <paramref name="query"/>, newest first.</summary>
    public async Task<IReadOnlyList<Image>> ListAsync(ImageQuery query, CancellationToken cancellationToken)
    {
        var parameters = new List<string> { "limit=" + PageSize.ToString(CultureInfo.InvariantCulture), "sort=created_at:desc" };
        Add(parameters, "name", query.Name);
        Add(parameters, "status", query.Status);
        Add(parameters, "visibility", query.Visibility);
        Add(parameters, "tag", query.Tag);
        foreach (var (key, value) in query.Properties ?? new Dictionary<string, string>())
        {
            Add(parameters, key, value);
        }

        var images = new List<Image>();
        var path = "/images?" + string.Join('&', parameters);
        while (true)
        {
            var response = await session.SendAsync(CloudRequest.Get(CloudService.Image, path), cancellationToken).ConfigureAwait(false);
            images.AddRange(response.Array("images").OfType<JsonObject>().Select(Parse));
            var next = response.Body?["next"]?.GetValue<string>();
            if (string.IsNullOrEmpty(next))
            {
                break;
            }

            // "next" is "/v2/images?marker=..." relative to the unversioned endpoint.
            path = next.StartsWith("/v2/", StringComparison.Ordinal) ? next[3..] : next;
        }

        // Servers may ignore property filters they do not index; enforce them here too.
        return [.. images
            .Where(i => query.Properties is null || query.Properties.All(p => i.Properties.TryGetValue(p.Key, out var v) && v == p.Value))
            .OrderByDescending(i => i.CreatedAt)];
    }

    /// <summary>The image with this id; null when it does not exist.</summary>
    public async Task<Image?> GetAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            var response = await session.SendAsync(CloudRequest.Get(CloudService.Image, "/images/" + Uri.EscapeDataString(id)), cancellationToken).ConfigureAwait(false);
            return response.Body is JsonObject image ? Parse(image) : null;
        }
        catch (CloudApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>An id, or else the newest active image with this exact name.</summary>
    public async Task<Image> ResolveAsync(string nameOrId, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(nameOrId, out _) && await GetAsync(nameOrId, cancellationToken).ConfigureAwait(false) is { } byId)
        {
            return byId;
        }

        var byName = await ListAsync(new ImageQuery { Name = nameOrId }, cancellationToken).ConfigureAwait(false);
        if (byName.Count > 0)
        {
            return byName[0];
        }

        var all = await ListAsync(new ImageQuery(), cancellationToken).ConfigureAwait(false);
        throw new CloudLookupException(session.Site, "active image", nameOrId, all.Select(i => i.Name));
    }

    /// <summary>Parses a Glance image object.</summary>
    public static Image Parse(JsonObject image)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in image)
        {
            if (!CoreFields.Contains(key) && value is JsonValue v && v.GetValueKind() is System.Text.Json.JsonValueKind.String)
            {
                properties[key] = v.GetValue<string>();
            }
        }

        return new Image(
            image["id"]?.GetValue<string>() ?? "",
            image["name"]?.GetValue<string>() ?? "",
            image["status"]?.GetValue<string>() ?? "",
            image["created_at"]?.GetValue<string>() is { } created && DateTimeOffset.TryParse(created, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null,
            Long(image["min_disk"]) ?? 0,
            Long(image["min_ram"]) ?? 0,
            Long(image["size"]),
            image["visibility"]?.GetValue<string>() ?? "",
            [.. (image["tags"] as JsonArray ?? []).Select(t => t?.GetValue<string>()).OfType<string>()],
            properties);
    }

    private static long? Long(JsonNode? node) => node is JsonValue v && v.TryGetValue<long>(out var l) ? l : null;

    private static void Add(List<string> parameters, string key, string? value)
    {
        if (value is not null)
        {
            parameters.Add(Uri.EscapeDataString(key) + "=" + Uri.EscapeDataString(value));
        }
    }
}
