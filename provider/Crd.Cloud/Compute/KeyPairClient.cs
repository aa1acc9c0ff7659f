using System.Text.Json.Nodes;

namespace Crd.Cloud.Compute;

/// <summary>
/// Nova key pairs (<c>/os-keypairs</c>) at microversion 2.2+ (key type, 201/204 codes). Only
/// imports of a given public key: the provider never asks Nova to generate a key, so no private
/// key ever passes through it.
/// </summary>
public sealed class KeyPairClient(SiteSession session)
{
    private const string Microversion = "2.2";

    /// <summary>The site session.</summary>
    public SiteSession Session => session;

    /// <summary><c>GET /os-keypairs/{name}</c>; null on 404.</summary>
    public async Task<NovaKeyPair?> FindAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var response = await session.SendAsync(CloudRequest.Get(CloudService.Compute, Path(name), Microversion), cancellationToken).ConfigureAwait(false);
            return Parse(response.Object("keypair"));
        }
        catch (CloudApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// <c>POST /os-keypairs</c> importing <paramref name="publicKey"/>. When a resent POST finds
    /// the key pair already there (409) with the very same key, it is adopted; another key under
    /// that name is a conflict the caller reports.
    /// </summary>
    public async Task<NovaKeyPair> ImportAsync(string name, string publicKey, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["keypair"] = new JsonObject { ["name"] = name, ["public_key"] = publicKey, ["type"] = "ssh" } };
        try
        {
            var response = await session.SendAsync(CloudRequest.Post(CloudService.Compute, "/os-keypairs", body, Microversion), cancellationToken).ConfigureAwait(false);
            return Parse(response.Object("keypair"));
        }
        catch (CloudApiException e) when (e.IsConflict)
        {
            var existing = await FindAsync(name, cancellationToken).ConfigureAwait(false);
            if (existing is not null && SameKey(existing.PublicKey, publicKey))
            {
                return existing;
            }

            throw;
        }
    }

    /// <summary><c>DELETE /os-keypairs/{name}</c>; a 404 means it is already gone.</summary>
    public async Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await session.SendAsync(CloudRequest.Delete(CloudService.Compute, Path(name), Microversion), cancellationToken).ConfigureAwait(false);
        }
        catch (CloudApiException e) when (e.IsNotFound)
        {
        }
    }

    /// <summary>Same key type and key material (the trailing comment does not matter to SSH).</summary>
    public static bool SameKey(string a, string b)
    {
        var x = a.Trim().Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        var y = b.Trim().Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        return x.Length >= 2 && y.Length >= 2 && x[0] == y[0] && x[1] == y[1];
    }

    private static string Path(string name) => "/os-keypairs/" + Uri.EscapeDataString(name);

    private static NovaKeyPair Parse(JsonObject json) => new(
        Text(json, "name") ?? "",
        Text(json, "public_key") ?? "",
        Text(json, "fingerprint") ?? "",
        Text(json, "type") ?? "ssh");

    private static string? Text(JsonObject json, string name) => json[name] is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;
}
