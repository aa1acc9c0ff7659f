using System.Text.Json.Nodes;

namespace Crd.Cloud.Onedata;

/// <summary>
/// Onezone REST (<c>/api/v3/onezone</c>, apis.md §4): the user's spaces, their supporting
/// providers, named and temporary tokens, and Onezone's clock (token caveats are checked
/// against it, not against this machine's).
/// </summary>
public sealed class OnezoneClient(OnedataConnection connection)
{
    /// <summary>The connection.</summary>
    public OnedataConnection Connection => connection;

    /// <summary><c>POST /user/spaces</c>: 201 with the space in <c>Location</c>; returns the new space id.</summary>
    public async Task<string> CreateSpaceAsync(string name, CancellationToken cancellationToken)
    {
        var response = await connection.SendAsync(HttpMethod.Post, "/user/spaces", new JsonObject { ["name"] = name }, cancellationToken).ConfigureAwait(false);
        var location = response.Location?.ToString()
            ?? throw new CloudProtocolException("Onezone created a space without a Location header (POST /user/spaces)");
        var id = location.TrimEnd('/').Split('/')[^1];
        return id.Length > 0 ? id : throw new CloudProtocolException($"cannot read a space id from Location \"{location}\"");
    }

    /// <summary><c>GET /spaces/{id}</c>, or null when the space does not exist (or is not the user's).</summary>
    public async Task<OnedataSpace?> FindSpaceAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            var body = (await connection.SendAsync(HttpMethod.Get, "/spaces/" + Uri.EscapeDataString(id), null, cancellationToken).ConfigureAwait(false)).Body as JsonObject
                ?? throw new CloudProtocolException($"Onezone answered GET /spaces/{id} without a JSON object");
            var providers = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var (provider, size) in body["providers"] as JsonObject ?? [])
            {
                providers[provider] = size is JsonValue v && v.TryGetValue<long>(out var bytes) ? bytes : (long)(size?.GetValue<double>() ?? 0);
            }

            return new OnedataSpace(Text(body, "spaceId") ?? id, Text(body, "name") ?? "", providers);
        }
        catch (CloudApiException e) when (e.StatusCode is 404 or 403)
        {
            return null;
        }
    }

    /// <summary><c>PATCH /spaces/{id}</c> <c>{"name"}</c>.</summary>
    public Task RenameSpaceAsync(string id, string name, CancellationToken cancellationToken)
        => connection.SendAsync(HttpMethod.Patch, "/spaces/" + Uri.EscapeDataString(id), new JsonObject { ["name"] = name }, cancellationToken);

    /// <summary><c>DELETE /spaces/{id}</c>; a space already gone is fine.</summary>
    public async Task DeleteSpaceAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            await connection.SendAsync(HttpMethod.Delete, "/spaces/" + Uri.EscapeDataString(id), null, cancellationToken).ConfigureAwait(false);
        }
        catch (CloudApiException e) when (e.IsNotFound)
        {
        }
    }

    /// <summary><c>GET /user/spaces</c>: ids of the user's spaces.</summary>
    public async Task<IReadOnlyList<string>> ListSpaceIdsAsync(CancellationToken cancellationToken)
    {
        var response = await connection.SendAsync(HttpMethod.Get, "/user/spaces", null, cancellationToken).ConfigureAwait(false);
        return [.. response.Array("spaces").Select(s => s?.GetValue<string>()).OfType<string>()];
    }

    /// <summary><c>GET /spaces/{id}/providers/{pid}</c>: a supporting provider's name and domain, or null.</summary>
    public async Task<OnedataProvider?> FindSpaceProviderAsync(string spaceId, string providerId, CancellationToken cancellationToken)
    {
        try
        {
            var body = (await connection.SendAsync(HttpMethod.Get, $"/spaces/{Uri.EscapeDataString(spaceId)}/providers/{Uri.EscapeDataString(providerId)}", null, cancellationToken).ConfigureAwait(false)).Body as JsonObject
                ?? throw new CloudProtocolException($"Onezone answered GET /spaces/{spaceId}/providers/{providerId} without a JSON object");
            return new OnedataProvider(Text(body, "providerId") ?? Text(body, "id") ?? providerId, Text(body, "name") ?? "", Text(body, "domain"));
        }
        catch (CloudApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// <c>DELETE /spaces/{id}/providers/{pid}</c>: the space owner ceases a provider's support
    /// (works without the provider's Onepanel); a support already gone is fine.
    /// </summary>
    public async Task CeaseSupportAsync(string spaceId, string providerId, CancellationToken cancellationToken)
    {
        try
        {
            await connection.SendAsync(HttpMethod.Delete, $"/spaces/{Uri.EscapeDataString(spaceId)}/providers/{Uri.EscapeDataString(providerId)}", null, cancellationToken).ConfigureAwait(false);
        }
        catch (CloudApiException e) when (e.IsNotFound)
        {
        }
    }

    /// <summary><c>POST /user/tokens/named</c>: a named token (deletable by id).</summary>
    public async Task<OnezoneToken> CreateNamedTokenAsync(string name, JsonObject type, IEnumerable<JsonObject> caveats, int? usageLimit, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["name"] = name, ["type"] = type, ["caveats"] = new JsonArray([.. caveats]) };
        if (usageLimit is { } limit)
        {
            body["usageLimit"] = limit;
        }

        var answer = (await connection.SendAsync(HttpMethod.Post, "/user/tokens/named", body, cancellationToken).ConfigureAwait(false)).Body;
        return new OnezoneToken(
            Text(answer as JsonObject, "token") ?? throw new CloudProtocolException("Onezone created a named token without \"token\""),
            Text(answer as JsonObject, "tokenId") ?? throw new CloudProtocolException("Onezone created a named token without \"tokenId\""));
    }

    /// <summary><c>POST /user/tokens/temporary</c>: a temporary token (needs a time caveat; cannot be deleted, only expire).</summary>
    public async Task<OnezoneToken> CreateTemporaryTokenAsync(JsonObject type, IEnumerable<JsonObject> caveats, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["type"] = type, ["caveats"] = new JsonArray([.. caveats]) };
        var answer = (await connection.SendAsync(HttpMethod.Post, "/user/tokens/temporary", body, cancellationToken).ConfigureAwait(false)).Body;
        return new OnezoneToken(Text(answer as JsonObject, "token") ?? throw new CloudProtocolException("Onezone created a temporary token without \"token\""), null);
    }

    /// <summary>
    /// <c>GET /user/tokens/named/name/{name}</c>: the user's named token of that name, or null;
    /// with its expiry (the <c>time</c> caveat) and whether it was revoked.
    /// </summary>
    public async Task<(OnezoneToken Token, DateTimeOffset? ValidUntil, bool Revoked)?> FindNamedTokenAsync(string name, CancellationToken cancellationToken)
    {
        JsonObject body;
        try
        {
            body = (await connection.SendAsync(HttpMethod.Get, "/user/tokens/named/name/" + Uri.EscapeDataString(name), null, cancellationToken).ConfigureAwait(false)).Body as JsonObject
                ?? throw new CloudProtocolException($"Onezone answered GET /user/tokens/named/name/{name} without a JSON object");
        }
        catch (CloudApiException e) when (e.IsNotFound)
        {
            return null;
        }

        var until = (body["caveats"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(c => Text(c, "type") == "time" && c["validUntil"] is JsonValue)
            .Select(c => (DateTimeOffset?)DateTimeOffset.FromUnixTimeSeconds(c["validUntil"]!.GetValue<long>()))
            .FirstOrDefault();
        var token = new OnezoneToken(Text(body, "token") ?? throw new CloudProtocolException($"Onezone's named token \"{name}\" has no serialized \"token\""), Text(body, "id"));
        return (token, until, body["revoked"] is JsonValue r && r.TryGetValue<bool>(out var revoked) && revoked);
    }

    /// <summary><c>DELETE /user/tokens/named/{id}</c>; a token already gone is fine.</summary>
    public async Task DeleteNamedTokenAsync(string tokenId, CancellationToken cancellationToken)
    {
        try
        {
            await connection.SendAsync(HttpMethod.Delete, "/user/tokens/named/" + Uri.EscapeDataString(tokenId), null, cancellationToken).ConfigureAwait(false);
        }
        catch (CloudApiException e) when (e.IsNotFound)
        {
        }
    }

    /// <summary><c>GET /provider/public/get_current_time</c> (no token): Onezone's clock.</summary>
    public async Task<DateTimeOffset> GetCurrentTimeAsync(CancellationToken cancellationToken)
    {
        var body = (await connection.SendAsync(HttpMethod.Get, "/provider/public/get_current_time", null, cancellationToken, authenticated: false).ConfigureAwait(false)).Body;
        return body?["timeMillis"] is JsonValue v && v.TryGetValue<long>(out var millis)
            ? DateTimeOffset.FromUnixTimeMilliseconds(millis)
            : throw new CloudProtocolException("Onezone's current time answer has no \"timeMillis\"");
    }

    private static string? Text(JsonObject? body, string name) => body?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
