using System.Text.Json.Nodes;
using Crd.Cloud;
using Crd.Cloud.Onedata;
using Crd.Provider.Resources;
using Crd.Provider.Resources.Onedata;
using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Diagnostics;
using Crd.Terraform.Plugin.Resources;

namespace Crd.Provider.EphemeralResources;

/// <summary>
/// Issues a Onezone access token limited to one space (caveat <c>data.path</c> = the space's
/// root), optionally read-only, restricted to one interface and time-limited, and fills the
/// attributes of <see cref="OnedataAccessTokenSchema"/>.
/// </summary>
internal sealed class OnedataAccessTokenIssuer(OnezoneClient onezone)
{
    private static readonly CtyPath SpacePath = CtyPath.Root.Attribute("space_id");

    /// <summary>The Onezone client, or an error diagnostic naming the provider settings to set.</summary>
    public static OnedataAccessTokenIssuer? From(object? context, string typeName, DiagnosticCollection diagnostics)
    {
        if ((context as ProviderContext)?.Onezone is { } onezone)
        {
            return new OnedataAccessTokenIssuer(onezone);
        }

        diagnostics.AddError("Missing Onezone Configuration",
            $"{typeName} asks Onezone for a token: set `onezone_url` and `onezone_token` in the provider block (or CRD_ONEZONE_URL and CRD_ONEZONE_TOKEN).");
        return null;
    }

    /// <summary>The space must exist and be visible to the provider's token; returns the hosts supporting it.</summary>
    public async Task<IReadOnlyList<string>?> ProviderHostsAsync(string spaceId, DiagnosticCollection diagnostics, CancellationToken cancellationToken)
    {
        if (await onezone.FindSpaceAsync(spaceId, cancellationToken).ConfigureAwait(false) is not { } space)
        {
            diagnostics.AddAttributeError(SpacePath, "Space Not Found",
                $"Onezone has no space \"{spaceId}\" that the provider's onezone_token can see. Use the id of a space (`crd_onedata_space.x.id`).");
            return null;
        }

        var hosts = new List<string>();
        foreach (var providerId in space.Providers.Keys.Order(StringComparer.Ordinal))
        {
            if (await onezone.FindSpaceProviderAsync(spaceId, providerId, cancellationToken).ConfigureAwait(false) is { Domain: { } domain })
            {
                hosts.Add(domain);
            }
        }

        return hosts;
    }

    /// <summary>The caveats the configuration asks for, the space's own first.</summary>
    public static List<JsonObject> Caveats(ResourceData config, DateTimeOffset? validUntil)
    {
        var caveats = new List<JsonObject> { TokenCaveats.Space(config.GetString("space_id")!) };
        if (config.GetBool("read_only") == true)
        {
            caveats.Add(TokenCaveats.ReadOnly());
        }

        if (config.GetString("interface") is { } name)
        {
            caveats.Add(TokenCaveats.Interface(name));
        }

        if (validUntil is { } until)
        {
            caveats.Add(TokenCaveats.Time(until));
        }

        return caveats;
    }

    /// <summary>A temporary access token (the ephemeral resource): never stored, expires after the TTL.</summary>
    public async Task<(OnezoneToken Token, DateTimeOffset ValidUntil)> IssueTemporaryAsync(ResourceData config, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var until = DateTimeOffset.FromUnixTimeSeconds((await onezone.GetCurrentTimeAsync(cancellationToken).ConfigureAwait(false) + ttl).ToUnixTimeSeconds());
        var token = await onezone.CreateTemporaryTokenAsync(TokenCaveats.AccessTokenType(), Caveats(config, until), cancellationToken).ConfigureAwait(false);
        return (token, until);
    }

    public OnezoneClient Onezone => onezone;

    /// <summary>Writes the computed attributes.</summary>
    public static void Fill(ResourceData result, string token, DateTimeOffset? validUntil, IReadOnlyList<string> hosts)
    {
        result.SetString("token", token);
        result.SetString("expires_at", validUntil is { } until ? SupportEntry.Rfc3339(until) : null);
        result.SetStrings("provider_hosts", hosts);
    }

    /// <summary>The configured TTL, or <paramref name="fallback"/>.</summary>
    public static TimeSpan? Ttl(ResourceData config, TimeSpan? fallback)
        => config.GetString("ttl") is { } text && Timeouts.TryParse(text, out var ttl) ? ttl : fallback;

    /// <summary>A Onezone failure as a diagnostic.</summary>
    public static void Report(CloudException e, string typeName, DiagnosticCollection diagnostics)
        => diagnostics.AddError("Cannot Issue Access Token", $"{typeName}: {e.Message}");
}
