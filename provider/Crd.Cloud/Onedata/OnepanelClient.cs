using System.Text.Json.Nodes;

namespace Crd.Cloud.Onedata;

/// <summary>
/// A site's Onepanel (<c>/api/v3/onepanel</c>, admin only; apis.md §4): the Oneprovider's id,
/// its storages, and the spaces it supports (grant with a support token, resize, revoke).
/// The provider id and the storages are cached: they do not change during a run.
/// </summary>
public sealed class OnepanelClient(OnedataConnection connection)
{
    private Task<OnedataProvider>? _provider;
    private Task<IReadOnlyList<OnepanelStorage>>? _storages;

    /// <summary>The site name.</summary>
    public string Site => connection.Label;

    /// <summary>The connection.</summary>
    public OnedataConnection Connection => connection;

    /// <summary><c>GET /provider</c>, once per run.</summary>
    public Task<OnedataProvider> GetProviderAsync(CancellationToken cancellationToken)
        => Cached(ref _provider, () => FetchProviderAsync(cancellationToken));

    /// <summary><c>GET /provider/storages</c> then each storage, once per run.</summary>
    public Task<IReadOnlyList<OnepanelStorage>> ListStoragesAsync(CancellationToken cancellationToken)
        => Cached(ref _storages, () => FetchStoragesAsync(cancellationToken));

    /// <summary><c>GET /provider/spaces/{id}</c>, or null when this provider does not support the space.</summary>
    public async Task<OnepanelSupport?> FindSupportAsync(string spaceId, CancellationToken cancellationToken)
    {
        JsonObject body;
        try
        {
            body = (await connection.SendAsync(HttpMethod.Get, "/provider/spaces/" + Uri.EscapeDataString(spaceId), null, cancellationToken).ConfigureAwait(false)).Body as JsonObject
                ?? throw new CloudProtocolException($"Onepanel of {Site} answered GET /provider/spaces/{spaceId} without a JSON object");
        }
        catch (CloudApiException e) when (e.IsNotFound)
        {
            return null;
        }

        var provider = await GetProviderAsync(cancellationToken).ConfigureAwait(false);
        long? size = body["supportingProviders"]?[provider.Id] is JsonValue v && v.TryGetValue<long>(out var bytes) ? bytes : null;
        var storage = body["storageId"] is JsonValue s && s.TryGetValue<string>(out var id) ? id
            : (body["localStorages"] as JsonArray)?.FirstOrDefault()?.GetValue<string>() ?? "";
        return new OnepanelSupport(spaceId, storage, size);
    }

    /// <summary><c>POST /provider/spaces</c> <c>{"token","size","storageId"}</c>: grants support; returns the space id.</summary>
    public async Task<string> GrantSupportAsync(string supportToken, long sizeBytes, string storageId, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["token"] = supportToken, ["size"] = sizeBytes, ["storageId"] = storageId };
        var answer = (await connection.SendAsync(HttpMethod.Post, "/provider/spaces", body, cancellationToken).ConfigureAwait(false)).Body;
        return answer?["id"] is JsonValue v && v.TryGetValue<string>(out var id) ? id : throw new CloudProtocolException($"Onepanel of {Site} granted support without an \"id\"");
    }

    /// <summary><c>PATCH /provider/spaces/{id}</c> <c>{"size"}</c>.</summary>
    public Task ResizeSupportAsync(string spaceId, long sizeBytes, CancellationToken cancellationToken)
        => connection.SendAsync(HttpMethod.Patch, "/provider/spaces/" + Uri.EscapeDataString(spaceId), new JsonObject { ["size"] = sizeBytes }, cancellationToken);

    /// <summary><c>DELETE /provider/spaces/{id}</c> (<c>revoke_space_support</c>); a support already gone is fine.</summary>
    public async Task RevokeSupportAsync(string spaceId, CancellationToken cancellationToken)
    {
        try
        {
            await connection.SendAsync(HttpMethod.Delete, "/provider/spaces/" + Uri.EscapeDataString(spaceId), null, cancellationToken).ConfigureAwait(false);
        }
        catch (CloudApiException e) when (e.IsNotFound)
        {
        }
    }

    private async Task<OnedataProvider> FetchProviderAsync(CancellationToken cancellationToken)
    {
        var body = (await connection.SendAsync(HttpMethod.Get, "/provider", null, cancellationToken).ConfigureAwait(false)).Body as JsonObject;
        var id = Text(body, "id") ?? Text(body, "providerId") ?? throw new CloudProtocolException($"Onepanel of {Site} answered GET /provider without an id");
        return new OnedataProvider(id, Text(body, "name") ?? Site, Text(body, "domain"));
    }

    private async Task<IReadOnlyList<OnepanelStorage>> FetchStoragesAsync(CancellationToken cancellationToken)
    {
        var ids = (await connection.SendAsync(HttpMethod.Get, "/provider/storages", null, cancellationToken).ConfigureAwait(false)).Array("ids")
            .Select(i => i?.GetValue<string>()).OfType<string>().ToList();
        var storages = new List<OnepanelStorage>(ids.Count);
        foreach (var id in ids)
        {
            var body = (await connection.SendAsync(HttpMethod.Get, "/provider/storages/" + Uri.EscapeDataString(id), null, cancellationToken).ConfigureAwait(false)).Body as JsonObject;
            storages.Add(new OnepanelStorage(id, Text(body, "name") ?? id, Text(body, "type")));
        }

        return storages;
    }

    // A failed fetch is not cached: the next call tries again.
    private static Task<T> Cached<T>(ref Task<T>? slot, Func<Task<T>> fetch)
    {
        var current = Volatile.Read(ref slot);
        if (current is not null && !current.IsFaulted && !current.IsCanceled)
        {
            return current;
        }

        var fresh = fetch();
        Interlocked.Exchange(ref slot, fresh);
        return fresh;
    }

    private static string? Text(JsonObject? body, string name) => body?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
