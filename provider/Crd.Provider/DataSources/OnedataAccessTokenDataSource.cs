using Crd.Cloud;
using Crd.Provider.EphemeralResources;
using Crd.Terraform.Plugin.DataSources;
using Crd.Terraform.Plugin.Resources;
using Crd.Terraform.Plugin.Schema;

namespace Crd.Provider.DataSources;

/// <summary>
/// The <c>crd_onedata_access_token</c> data source, for Terraform older than 1.10
/// (docs/data-sources/onedata_access_token.md): the same scoped token as the ephemeral resource,
/// but as a <em>named</em> Onezone token reused from run to run (a new token at every refresh
/// would replace every VM whose user data holds it). Its value lands in the state, sensitive.
/// </summary>
internal sealed class OnedataAccessTokenDataSource : IDataSource, IResourceWithConfigure
{
    private static readonly TimeSpan ReuseMargin = TimeSpan.FromMinutes(5);
    private object? _context;

    public string TypeName => "crd_onedata_access_token";

    public SchemaDefinition Schema { get; } = new(OnedataAccessTokenSchema.Block(
        "A Onezone access token limited to one space, optionally read-only, restricted to one interface and time-limited, for Terraform older than 1.10. " +
        "**The token is stored in the state** (marked sensitive): with Terraform >= 1.10 prefer the `crd_onedata_access_token` ephemeral resource. " +
        "It is a named token (`crd-<space id>-<rw|ro>-<interface>[-<ttl>]`) created on first read and reused while valid, so that plans stay stable; revoke it in Onezone when done.",
        "The access token. Sensitive, and **written to the state**: keep the state private.",
        "Lifetime of the token from its creation (its `time` caveat), as a duration such as `720h`; at most `336h`. Once expired (or within 5 minutes of it) the next read creates a new token. Default: no time caveat (the token lives until revoked)."));

    public void Configure(object? providerData) => _context = providerData;

    public async Task ReadAsync(DataSourceReadRequest request, DataSourceReadResponse response, CancellationToken cancellationToken)
    {
        var config = request.Config;
        if (OnedataAccessTokenIssuer.From(_context, TypeName, response.Diagnostics) is not { } issuer)
        {
            return;
        }

        var spaceId = config.GetString("space_id")!;
        try
        {
            if (await issuer.ProviderHostsAsync(spaceId, response.Diagnostics, cancellationToken).ConfigureAwait(false) is not { } hosts)
            {
                return;
            }

            var onezone = issuer.Onezone;
            var ttl = OnedataAccessTokenIssuer.Ttl(config, null);
            var name = Name(spaceId, config, ttl);
            var now = await onezone.GetCurrentTimeAsync(cancellationToken).ConfigureAwait(false);
            if (await onezone.FindNamedTokenAsync(name, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                if (!existing.Revoked && (existing.ValidUntil is null || existing.ValidUntil > now + ReuseMargin))
                {
                    OnedataAccessTokenIssuer.Fill(response.State, existing.Token.Serialized, existing.ValidUntil, hosts);
                    return;
                }

                await onezone.DeleteNamedTokenAsync(existing.Token.TokenId!, cancellationToken).ConfigureAwait(false);
            }

            DateTimeOffset? until = ttl is { } lifetime ? DateTimeOffset.FromUnixTimeSeconds((now + lifetime).ToUnixTimeSeconds()) : null;
            var token = await onezone.CreateNamedTokenAsync(name, Cloud.Onedata.TokenCaveats.AccessTokenType(), OnedataAccessTokenIssuer.Caveats(config, until), null, cancellationToken).ConfigureAwait(false);
            OnedataAccessTokenIssuer.Fill(response.State, token.Serialized, until, hosts);
        }
        catch (CloudException e)
        {
            OnedataAccessTokenIssuer.Report(e, TypeName, response.Diagnostics);
        }
    }

    /// <summary>One token per space and scope: the same configuration finds the same token.</summary>
    private static string Name(string spaceId, ResourceData config, TimeSpan? ttl)
    {
        var name = $"crd-{spaceId[..Math.Min(16, spaceId.Length)]}-{(config.GetBool("read_only") == true ? "ro" : "rw")}-{config.GetString("interface") ?? "any"}";
        return ttl is { } t ? name + "-" + (long)t.TotalMinutes + "m" : name;
    }
}
