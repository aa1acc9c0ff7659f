using System.Text.Json.Nodes;
using Crd.Cloud.Polling;

namespace Crd.Cloud.Volume;

/// <summary>
/// Cinder v3 for one site: volumes (create, show, list, update, extend, retype, delete), their
/// waits, and volume types. Paths are relative to the catalog URL, which already ends with the
/// project id.
/// </summary>
public sealed class CinderClient(SiteSession session)
{
    /// <summary>
    /// Pinned microversion: 3.42 is needed to extend an attached (in-use) volume online, 3.63
    /// adds <c>volume_type_id</c> to volume bodies (lets a type given by id match without a lookup).
    /// </summary>
    public const string Microversion = "3.63";

    private static readonly TimeSpan TypeCacheLifetime = TimeSpan.FromMinutes(10);

    /// <summary>The site this client talks to.</summary>
    public string Site => session.Site;

    /// <summary><c>POST /volumes</c>: starts creating a volume (status <c>creating</c>).</summary>
    public async Task<CinderVolume> CreateAsync(VolumeCreateSpec spec, CancellationToken cancellationToken)
    {
        var volume = new JsonObject { ["size"] = spec.SizeGb };
        if (spec.Name is not null)
        {
            volume["name"] = spec.Name;
        }

        if (spec.Description is not null)
        {
            volume["description"] = spec.Description;
        }

        if (spec.VolumeType is not null)
        {
            volume["volume_type"] = spec.VolumeType;
        }

        if (spec.ImageId is not null)
        {
            volume["imageRef"] = spec.ImageId;
        }

        if (spec.Metadata.Count > 0)
        {
            volume["metadata"] = new JsonObject(spec.Metadata.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value))));
        }

        var response = await session.SendAsync(CloudRequest.Post(CloudService.Volume, "/volumes", new JsonObject { ["volume"] = volume }, Microversion), cancellationToken).ConfigureAwait(false);
        return CinderVolume.FromJson(response.Object("volume"));
    }

    /// <summary><c>GET /volumes/{id}</c>; throws <see cref="CloudApiException"/> (404 when gone).</summary>
    public async Task<CinderVolume> GetAsync(string id, CancellationToken cancellationToken)
    {
        var response = await session.SendAsync(CloudRequest.Get(CloudService.Volume, "/volumes/" + Uri.EscapeDataString(id), Microversion), cancellationToken).ConfigureAwait(false);
        return CinderVolume.FromJson(response.Object("volume"));
    }

    /// <summary><c>GET /volumes/{id}</c>, or null when the volume does not exist.</summary>
    public async Task<CinderVolume?> FindAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            return await GetAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (CloudApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// <c>GET /volumes/detail</c> of the project, optionally filtered by name and by metadata
    /// (sent to Cinder as its <c>metadata</c> filter and checked here too, since not every
    /// deployment honours the filter).
    /// </summary>
    public async Task<IReadOnlyList<CinderVolume>> ListDetailAsync(string? name, IReadOnlyDictionary<string, string>? metadata, CancellationToken cancellationToken)
    {
        var query = new List<string>();
        if (name is not null)
        {
            query.Add("name=" + Uri.EscapeDataString(name));
        }

        if (metadata is { Count: > 0 })
        {
            var filter = new JsonObject(metadata.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value))));
            query.Add("metadata=" + Uri.EscapeDataString(filter.ToJsonString()));
        }

        var path = "/volumes/detail" + (query.Count > 0 ? "?" + string.Join('&', query) : "");
        var response = await session.SendAsync(CloudRequest.Get(CloudService.Volume, path, Microversion), cancellationToken).ConfigureAwait(false);
        return response.Array("volumes").OfType<JsonObject>().Select(CinderVolume.FromJson)
            .Where(v => name is null || v.Name == name)
            .Where(v => metadata is null || metadata.All(kv => v.Metadata.TryGetValue(kv.Key, out var value) && value == kv.Value))
            .ToList();
    }

    /// <summary><c>PUT /volumes/{id}</c> with name and description (a null description clears it).</summary>
    public async Task<CinderVolume> UpdateAsync(string id, string? name, string? description, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["volume"] = new JsonObject { ["name"] = name, ["description"] = description } };
        var response = await session.SendAsync(CloudRequest.Put(CloudService.Volume, "/volumes/" + Uri.EscapeDataString(id), body, Microversion), cancellationToken).ConfigureAwait(false);
        return CinderVolume.FromJson(response.Object("volume"));
    }

    /// <summary><c>os-extend</c>: grows the volume (online when in-use, thanks to the pinned microversion).</summary>
    public Task ExtendAsync(string id, int newSizeGb, CancellationToken cancellationToken)
        => ActionAsync(id, new JsonObject { ["os-extend"] = new JsonObject { ["new_size"] = newSizeGb } }, cancellationToken);

    /// <summary><c>os-retype</c> with <c>migration_policy: on-demand</c>, so a type on another backend migrates the data.</summary>
    public Task RetypeAsync(string id, string newType, CancellationToken cancellationToken)
        => ActionAsync(id, new JsonObject { ["os-retype"] = new JsonObject { ["new_type"] = newType, ["migration_policy"] = "on-demand" } }, cancellationToken);

    /// <summary><c>DELETE /volumes/{id}</c>; false when the volume was already gone.</summary>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            await session.SendAsync(CloudRequest.Delete(CloudService.Volume, "/volumes/" + Uri.EscapeDataString(id), Microversion), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (CloudApiException e) when (e.IsNotFound)
        {
            return false;
        }
    }

    /// <summary><c>GET /types</c>, cached per site session.</summary>
    public Task<IReadOnlyList<CinderVolumeType>> ListTypesAsync(CancellationToken cancellationToken)
        => session.Cache.GetOrCreateAsync<IReadOnlyList<CinderVolumeType>>("volume.types", TypeCacheLifetime, async ct =>
        {
            var response = await session.SendAsync(CloudRequest.Get(CloudService.Volume, "/types", Microversion), ct).ConfigureAwait(false);
            return response.Array("volume_types").OfType<JsonObject>().Select(CinderVolumeType.FromJson).ToList();
        }, cancellationToken);

    /// <summary>
    /// The newest user message Cinder recorded about a volume (<c>GET /messages</c>, 3.3+), which
    /// is where Cinder says why a volume went to <c>error</c>. Best effort: null when there is none
    /// or the call fails.
    /// </summary>
    public async Task<string?> LatestMessageAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            var response = await session.SendAsync(CloudRequest.Get(CloudService.Volume, "/messages?resource_uuid=" + Uri.EscapeDataString(id), Microversion), cancellationToken).ConfigureAwait(false);
            return response.Array("messages").OfType<JsonObject>()
                .OrderByDescending(m => m["created_at"]?.GetValue<string>(), StringComparer.Ordinal)
                .Select(m => m["user_message"]?.GetValue<string>())
                .FirstOrDefault(m => m is { Length: > 0 });
        }
        catch (CloudException)
        {
            return null;
        }
    }

    /// <summary>
    /// Polls the volume until <paramref name="done"/> holds, bounded by <paramref name="timeout"/>.
    /// A failure status (<c>error*</c>) ends the wait with Cinder's reason; so does the volume
    /// disappearing.
    /// </summary>
    public Task<CinderVolume> WaitAsync(string id, string what, Func<CinderVolume, bool> done, TimeSpan timeout, CancellationToken cancellationToken)
        => Poller.UntilAsync(what, timeout, async ct =>
        {
            var volume = await FindAsync(id, ct).ConfigureAwait(false)
                ?? throw new CloudOperationException($"volume {id} on {Site} disappeared while waiting for {what}");
            if (done(volume))
            {
                return PollStep<CinderVolume>.Done(volume);
            }

            if (volume.IsFailed)
            {
                var reason = await LatestMessageAsync(id, ct).ConfigureAwait(false);
                throw new CloudOperationException($"volume {id} on {Site} went to status {volume.Status} while waiting for {what}{(reason is null ? "" : ": " + reason)}");
            }

            return PollStep<CinderVolume>.Pending(volume.Status);
        }, cancellationToken);

    /// <summary>Polls until the volume is gone (404), bounded by <paramref name="timeout"/>; <c>error_deleting</c> fails the wait.</summary>
    public Task WaitDeletedAsync(string id, TimeSpan timeout, CancellationToken cancellationToken)
        => Poller.UntilAsync($"volume {id} on {Site} to be deleted", timeout, async ct =>
        {
            var volume = await FindAsync(id, ct).ConfigureAwait(false);
            if (volume is null)
            {
                return PollStep<bool>.Done(true);
            }

            if (volume.Status == "error_deleting")
            {
                var reason = await LatestMessageAsync(id, ct).ConfigureAwait(false);
                throw new CloudOperationException($"Cinder could not delete volume {id} on {Site} (status error_deleting){(reason is null ? "" : ": " + reason)}");
            }

            return PollStep<bool>.Pending(volume.Status);
        }, cancellationToken);

    private Task ActionAsync(string id, JsonObject action, CancellationToken cancellationToken)
        => session.SendAsync(CloudRequest.Post(CloudService.Volume, "/volumes/" + Uri.EscapeDataString(id) + "/action", action, Microversion), cancellationToken);
}
