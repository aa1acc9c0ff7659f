using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Crd.Cloud.Polling;

namespace Crd.Cloud.Compute;

/// <summary>
/// Nova servers of one site: create (adopting a server whose POST answer was lost), show, list,
/// update, power and resize actions, delete, and the waits between them. Every call pins
/// microversion <see cref="Microversion"/>.
/// </summary>
public sealed class NovaClient(SiteSession session)
{
    /// <summary>
    /// The compute microversion every call sends: 2.52+ for tags at create time, 2.47+ for the
    /// embedded flavor (its name comes with the server, no extra lookup).
    /// </summary>
    public const string Microversion = "2.79";

    /// <summary>Metadata key holding the marker of the request that created a server.</summary>
    public const string RequestMarkerKey = "crd:request";

    /// <summary>Metadata keys with this prefix belong to the provider and are hidden from users.</summary>
    public const string ReservedMetadataPrefix = "crd:";

    private static readonly HashSet<string> Settled = new(StringComparer.Ordinal) { "ACTIVE", "SHUTOFF" };

    /// <summary>The site session.</summary>
    public SiteSession Session => session;

    /// <summary><c>GET /servers/{id}</c>; null when Nova answers 404.</summary>
    public async Task<NovaServer?> GetServerAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            var response = await SendAsync(CloudRequest.Get(CloudService.Compute, "/servers/" + Uri.EscapeDataString(id), Microversion), cancellationToken).ConfigureAwait(false);
            return NovaServer.Parse(response.Object("server"));
        }
        catch (CloudApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    /// <summary><c>GET /servers/detail</c>, optionally filtered by an exact name.</summary>
    public async Task<IReadOnlyList<NovaServer>> ListServersAsync(string? exactName, CancellationToken cancellationToken)
    {
        // Nova's name filter is a regular expression: anchor and escape it for an exact match.
        var path = exactName is null ? "/servers/detail" : "/servers/detail?name=" + Uri.EscapeDataString("^" + Regex.Escape(exactName) + "$");
        var response = await SendAsync(CloudRequest.Get(CloudService.Compute, path, Microversion), cancellationToken).ConfigureAwait(false);
        return response.Array("servers").OfType<JsonObject>().Select(NovaServer.Parse).ToList();
    }

    /// <summary>
    /// <c>POST /servers</c>. The resilience handler may resend the POST after a lost answer, and
    /// a 5xx may come after Nova accepted it: when the call fails, the server is looked up by its
    /// request marker and adopted; when it succeeded after more than one request went out, other
    /// servers with the same marker are deleted. One call never leaves an orphan or a duplicate.
    /// </summary>
    /// <returns>The id of the new (or adopted) server.</returns>
    public async Task<string> CreateServerAsync(ServerCreateSpec spec, CancellationToken cancellationToken)
    {
        var sentBefore = session.RequestCount;
        try
        {
            var response = await SendAsync(CloudRequest.Post(CloudService.Compute, "/servers", CreateBody(spec), Microversion), cancellationToken).ConfigureAwait(false);
            var id = NovaServer.Text(response.Object("server"), "id") ?? throw new CloudProtocolException("Nova accepted the server but answered no id");
            if (session.RequestCount - sentBefore > 1)
            {
                // The POST may have been resent after a lost answer (or other calls ran meanwhile):
                // any other server carrying this request's marker is a duplicate.
                foreach (var duplicate in (await ListServersAsync(spec.Name, cancellationToken).ConfigureAwait(false))
                    .Where(s => s.Id != id && s.Metadata.TryGetValue(RequestMarkerKey, out var m) && m == spec.RequestMarker))
                {
                    await DeleteServerAsync(duplicate.Id, cancellationToken).ConfigureAwait(false);
                }
            }

            return id;
        }
        catch (CloudException e) when (e is CloudUnreachableException or CloudProtocolException || (e is CloudApiException api && api.StatusCode >= 500))
        {
            var adopted = (await ListServersAsync(spec.Name, cancellationToken).ConfigureAwait(false))
                .Where(s => s.Metadata.TryGetValue(RequestMarkerKey, out var m) && m == spec.RequestMarker).ToList();
            if (adopted.Count == 0)
            {
                throw;
            }

            // Every attempt may have been performed: keep one server, delete the others.
            foreach (var duplicate in adopted.Skip(1))
            {
                await DeleteServerAsync(duplicate.Id, cancellationToken).ConfigureAwait(false);
            }

            return adopted[0].Id;
        }
    }

    /// <summary>The server named <paramref name="name"/> carrying <paramref name="marker"/>, if one exists.</summary>
    public async Task<NovaServer?> FindByMarkerAsync(string name, string marker, CancellationToken cancellationToken)
    {
        var servers = await ListServersAsync(name, cancellationToken).ConfigureAwait(false);
        return servers.FirstOrDefault(s => s.Metadata.TryGetValue(RequestMarkerKey, out var m) && m == marker);
    }

    /// <summary><c>PUT /servers/{id}</c> with a new name.</summary>
    public Task RenameAsync(string id, string name, CancellationToken cancellationToken)
        => SendAsync(CloudRequest.Put(CloudService.Compute, ServerPath(id), new JsonObject { ["server"] = new JsonObject { ["name"] = name } }, Microversion), cancellationToken);

    /// <summary><c>PUT /servers/{id}/metadata</c>: replaces every key.</summary>
    public Task ReplaceMetadataAsync(string id, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
        => SendAsync(CloudRequest.Put(CloudService.Compute, ServerPath(id) + "/metadata", new JsonObject { ["metadata"] = ToJson(metadata) }, Microversion), cancellationToken);

    /// <summary><c>PUT /servers/{id}/tags</c>: replaces every tag.</summary>
    public Task ReplaceTagsAsync(string id, IEnumerable<string> tags, CancellationToken cancellationToken)
        => SendAsync(CloudRequest.Put(CloudService.Compute, ServerPath(id) + "/tags", new JsonObject { ["tags"] = new JsonArray([.. tags.Select(t => (JsonNode)t)]) }, Microversion), cancellationToken);

    /// <summary><c>os-stop</c>.</summary>
    public Task StopAsync(string id, CancellationToken cancellationToken) => ActionAsync(id, "os-stop", null, cancellationToken);

    /// <summary><c>os-start</c>.</summary>
    public Task StartAsync(string id, CancellationToken cancellationToken) => ActionAsync(id, "os-start", null, cancellationToken);

    /// <summary><c>resize</c> to <paramref name="flavorId"/> (the server then waits in VERIFY_RESIZE).</summary>
    public Task ResizeAsync(string id, string flavorId, CancellationToken cancellationToken)
        => ActionAsync(id, "resize", new JsonObject { ["flavorRef"] = flavorId }, cancellationToken);

    /// <summary><c>confirmResize</c>.</summary>
    public Task ConfirmResizeAsync(string id, CancellationToken cancellationToken) => ActionAsync(id, "confirmResize", null, cancellationToken);

    /// <summary><c>DELETE /servers/{id}</c>; a 404 means it is already gone.</summary>
    public async Task DeleteServerAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync(CloudRequest.Delete(CloudService.Compute, ServerPath(id), Microversion), cancellationToken).ConfigureAwait(false);
        }
        catch (CloudApiException e) when (e.IsNotFound)
        {
        }
    }

    /// <summary>Waits until the server is ACTIVE or SHUTOFF with no task running; ERROR fails with Nova's fault message.</summary>
    public Task<NovaServer> WaitUntilSettledAsync(string id, string what, TimeSpan timeout, CancellationToken cancellationToken)
        => WaitForStatusAsync(id, what, Settled, timeout, cancellationToken);

    /// <summary>Waits until the server's status is one of <paramref name="targets"/> with no task running.</summary>
    public Task<NovaServer> WaitForStatusAsync(string id, string what, IReadOnlySet<string> targets, TimeSpan timeout, CancellationToken cancellationToken)
        => Poller.UntilAsync(what, timeout, async ct =>
        {
            var server = await GetServerAsync(id, ct).ConfigureAwait(false)
                ?? throw new CloudOperationException($"server {id} disappeared on {session.Site} while waiting for {what}");
            if (server.Status == "ERROR" && !targets.Contains("ERROR"))
            {
                throw new CloudOperationException(FaultText(server));
            }

            return targets.Contains(server.Status) && server.TaskState is null
                ? PollStep<NovaServer>.Done(server)
                : PollStep<NovaServer>.Pending(server.TaskState is null ? server.Status : server.Status + "/" + server.TaskState);
        }, cancellationToken);

    /// <summary>Waits until <c>GET /servers/{id}</c> answers 404.</summary>
    public Task WaitUntilDeletedAsync(string id, TimeSpan timeout, CancellationToken cancellationToken)
        => Poller.UntilAsync($"server {id} to be deleted", timeout, async ct =>
        {
            var server = await GetServerAsync(id, ct).ConfigureAwait(false);
            return server is null ? PollStep<bool>.Done(true) : PollStep<bool>.Pending(server.Status);
        }, cancellationToken);

    /// <summary>"server NAME (ID) on SITE is in ERROR: fault message".</summary>
    public string FaultText(NovaServer server)
        => $"server {server.Name} ({server.Id}) on {session.Site} is in ERROR: {(string.IsNullOrEmpty(server.FaultMessage) ? "Nova gave no fault message" : server.FaultMessage)}";

    private Task ActionAsync(string id, string action, JsonNode? argument, CancellationToken cancellationToken)
        => SendAsync(CloudRequest.Post(CloudService.Compute, ServerPath(id) + "/action", new JsonObject { [action] = argument }, Microversion), cancellationToken);

    private Task<CloudResponse> SendAsync(CloudRequest request, CancellationToken cancellationToken) => session.SendAsync(request, cancellationToken);

    private static string ServerPath(string id) => "/servers/" + Uri.EscapeDataString(id);

    private static JsonObject ToJson(IReadOnlyDictionary<string, string> map)
    {
        var json = new JsonObject();
        foreach (var (key, value) in map.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            json[key] = value;
        }

        return json;
    }

    private static JsonObject CreateBody(ServerCreateSpec spec)
    {
        var metadata = ToJson(spec.Metadata);
        metadata[RequestMarkerKey] = spec.RequestMarker;
        var server = new JsonObject
        {
            ["name"] = spec.Name,
            ["flavorRef"] = spec.FlavorId,
            ["networks"] = new JsonArray(new JsonObject { ["uuid"] = spec.NetworkId }),
            ["metadata"] = metadata,
        };
        if (spec.BootVolumeSizeGb is { } size)
        {
            server["block_device_mapping_v2"] = new JsonArray(new JsonObject
            {
                ["boot_index"] = 0,
                ["uuid"] = spec.ImageId,
                ["source_type"] = "image",
                ["destination_type"] = "volume",
                ["volume_size"] = size,
                ["delete_on_termination"] = true,
            });
        }
        else
        {
            server["imageRef"] = spec.ImageId;
        }

        if (spec.SecurityGroupIds.Count > 0)
        {
            server["security_groups"] = new JsonArray([.. spec.SecurityGroupIds.Select(g => (JsonNode)new JsonObject { ["name"] = g })]);
        }

        if (spec.KeyName is not null)
        {
            server["key_name"] = spec.KeyName;
        }

        if (spec.UserData is not null)
        {
            server["user_data"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(spec.UserData));
        }

        if (spec.Tags.Count > 0)
        {
            server["tags"] = new JsonArray([.. spec.Tags.Select(t => (JsonNode)t)]);
        }

        if (spec.AvailabilityZone is not null)
        {
            server["availability_zone"] = spec.AvailabilityZone;
        }

        return new JsonObject { ["server"] = server };
    }
}
