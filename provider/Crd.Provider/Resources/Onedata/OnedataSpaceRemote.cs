using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Crd.Cloud;
using Crd.Cloud.Onedata;
using Crd.Terraform.Plugin.Resources;

namespace Crd.Provider.Resources.Onedata;

/// <summary>
/// What <c>crd_onedata_space</c> does to Onezone and to the sites' Onepanels: read a space with
/// its supports, grant (a single-use support token spent at once by the site's Onepanel),
/// resize, revoke (Onepanel, else Onezone's cease-support as the space owner), and the support
/// tokens of sites without Onepanel credentials (named, so they can be deleted; ids kept in
/// private state).
/// </summary>
internal sealed partial class OnedataSpaceRemote(ProviderContext context, OnezoneClient onezone)
{
    private const string TokensKey = "support_tokens";
    private static readonly TimeSpan GrantTokenLifetime = TimeSpan.FromMinutes(15);
    private DateTimeOffset? _now;

    public OnezoneClient Onezone => onezone;

    public OnepanelClient? Panel(string site) => context.TryGetOnepanel(site);

    /// <summary>Onezone's clock (token caveats are checked against it), once per operation.</summary>
    public async Task<DateTimeOffset> NowAsync(CancellationToken cancellationToken)
        => _now ??= await onezone.GetCurrentTimeAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// The space as it is now, with <paramref name="known"/> (state order) brought up to date:
    /// a Onepanel site's support from its Onepanel (dropped when revoked behind Terraform's back);
    /// a site without Onepanel by the name of a supporting provider (pending until it appears,
    /// dropped when it disappears after being granted). Null when the space is gone.
    /// </summary>
    public async Task<(OnedataSpace Space, List<SupportEntry> Supports)?> RefreshAsync(string id, IReadOnlyList<SupportEntry> known, CancellationToken cancellationToken)
    {
        if (await onezone.FindSpaceAsync(id, cancellationToken).ConfigureAwait(false) is not { } space)
        {
            return null;
        }

        var result = new List<SupportEntry>();
        Dictionary<string, OnedataProvider>? others = null;
        foreach (var entry in known)
        {
            if (Panel(entry.Site) is { } panel)
            {
                if (await ReadPanelSupportAsync(panel, space, cancellationToken).ConfigureAwait(false) is { } read)
                {
                    result.Add(read);
                }

                continue;
            }

            others ??= await ProvidersByNameAsync(space, known, cancellationToken).ConfigureAwait(false);
            if (others.TryGetValue(entry.Site, out var provider))
            {
                // Granted by the site's administrators: the token is spent.
                result.Add(entry with { ProviderId = provider.Id, Status = OnedataSpaceSchema.Supported, SupportToken = null, TokenExpiresAt = null, StorageId = null });
            }
            else if (entry.IsPending)
            {
                result.Add(entry);
            }
        }

        return (space, result);
    }

    /// <summary>Import: the supports of every configured site whose Onepanel the provider can read, in the provider block's order.</summary>
    public async Task<List<SupportEntry>> DiscoverAsync(OnedataSpace space, CancellationToken cancellationToken)
    {
        var result = new List<SupportEntry>();
        foreach (var site in context.SiteNames)
        {
            if (Panel(site) is { } panel && await ReadPanelSupportAsync(panel, space, cancellationToken).ConfigureAwait(false) is { } read)
            {
                result.Add(read);
            }
        }

        return result;
    }

    /// <summary>Grants support at a Onepanel site: a single-use support token, spent at once, then deleted.</summary>
    public async Task<SupportEntry> GrantAsync(OnepanelClient panel, string spaceId, SupportEntry entry, CancellationToken cancellationToken)
    {
        var storageId = entry.StorageId ?? (await DefaultStorageAsync(panel, cancellationToken).ConfigureAwait(false)).Id;
        var now = await NowAsync(cancellationToken).ConfigureAwait(false);
        var token = await onezone.CreateNamedTokenAsync(TokenName(spaceId, entry.Site), TokenCaveats.SupportSpaceType(spaceId), [TokenCaveats.Time(now + GrantTokenLifetime)], 1, cancellationToken).ConfigureAwait(false);
        try
        {
            await panel.GrantSupportAsync(token.Serialized, entry.SizeBytes, storageId, cancellationToken).ConfigureAwait(false);
        }
        catch (CloudApiException e) when (e.ErrorType == "badValueTooHigh")
        {
            throw await TooLargeAsync(panel, entry, storageId, e, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await onezone.DeleteNamedTokenAsync(token.TokenId!, cancellationToken).ConfigureAwait(false);
        }

        var provider = await panel.GetProviderAsync(cancellationToken).ConfigureAwait(false);
        return entry with { StorageId = storageId, ProviderId = provider.Id, Status = OnedataSpaceSchema.Supported, SupportToken = null, TokenExpiresAt = null };
    }

    /// <summary>Changes the support size at a Onepanel site.</summary>
    public async Task ResizeAsync(OnepanelClient panel, string spaceId, SupportEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            await panel.ResizeSupportAsync(spaceId, entry.SizeBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (CloudApiException e) when (e.ErrorType == "badValueTooHigh")
        {
            throw await TooLargeAsync(panel, entry, entry.StorageId, e, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Ends a site's support: through its Onepanel, else as the space owner in Onezone; deletes its support token.</summary>
    public async Task RevokeAsync(string spaceId, SupportEntry entry, PrivateState @private, CancellationToken cancellationToken)
    {
        if (Panel(entry.Site) is { } panel)
        {
            await panel.RevokeSupportAsync(spaceId, cancellationToken).ConfigureAwait(false);
        }
        else if (entry.ProviderId is { } providerId)
        {
            await onezone.CeaseSupportAsync(spaceId, providerId, cancellationToken).ConfigureAwait(false);
        }

        await DeleteTokenAsync(entry.Site, @private, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Issues the support token of a site without Onepanel credentials (replacing an older one).</summary>
    public async Task<SupportEntry> IssueTokenAsync(string spaceId, SupportEntry entry, TimeSpan lifetime, PrivateState @private, CancellationToken cancellationToken)
    {
        await DeleteTokenAsync(entry.Site, @private, cancellationToken).ConfigureAwait(false);
        var until = await NowAsync(cancellationToken).ConfigureAwait(false) + lifetime;
        var token = await onezone.CreateNamedTokenAsync(TokenName(spaceId, entry.Site), TokenCaveats.SupportSpaceType(spaceId), [TokenCaveats.Time(until)], 1, cancellationToken).ConfigureAwait(false);
        var tokens = Tokens(@private);
        tokens[entry.Site] = token.TokenId;
        @private.SetKey(TokensKey, tokens.ToJsonString());
        return entry with { StorageId = null, ProviderId = null, Status = OnedataSpaceSchema.Pending, SupportToken = token.Serialized, TokenExpiresAt = SupportEntry.Rfc3339(DateTimeOffset.FromUnixTimeSeconds(until.ToUnixTimeSeconds())) };
    }

    /// <summary>Deletes the support tokens of sites that no longer wait for support.</summary>
    public async Task DeleteSpentTokensAsync(IEnumerable<SupportEntry> supports, PrivateState @private, bool all, CancellationToken cancellationToken)
    {
        var waiting = all ? [] : supports.Where(s => s.IsPending).Select(s => s.Site).ToHashSet(StringComparer.Ordinal);
        foreach (var site in Tokens(@private).Select(kv => kv.Key).Where(s => !waiting.Contains(s)).ToList())
        {
            await DeleteTokenAsync(site, @private, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The site's only storage, or a clear error listing them.</summary>
    public static async Task<OnepanelStorage> DefaultStorageAsync(OnepanelClient panel, CancellationToken cancellationToken)
    {
        var storages = await panel.ListStoragesAsync(cancellationToken).ConfigureAwait(false);
        return storages.Count == 1
            ? storages[0]
            : throw new CloudException(storages.Count == 0
                ? $"The Oneprovider of site \"{panel.Site}\" has no storage to support a space with."
                : $"The Oneprovider of site \"{panel.Site}\" has {storages.Count} storages: set storage_id to one of {Describe(storages)}.");
    }

    public static string Describe(IEnumerable<OnepanelStorage> storages) => string.Join(", ", storages.Select(s => $"\"{s.Id}\" ({s.Name})"));

    private async Task<SupportEntry?> ReadPanelSupportAsync(OnepanelClient panel, OnedataSpace space, CancellationToken cancellationToken)
    {
        var provider = await panel.GetProviderAsync(cancellationToken).ConfigureAwait(false);
        if (!space.Providers.TryGetValue(provider.Id, out var bytes))
        {
            return null;
        }

        var support = await panel.FindSupportAsync(space.Id, cancellationToken).ConfigureAwait(false);
        return support is null ? null : new SupportEntry(panel.Site, SupportEntry.GibOf(support.SizeBytes ?? bytes), support.StorageId, provider.Id, OnedataSpaceSchema.Supported, null, null);
    }

    /// <summary>Supporting providers that no configured Onepanel accounts for, by name (one Onezone call each).</summary>
    private async Task<Dictionary<string, OnedataProvider>> ProvidersByNameAsync(OnedataSpace space, IReadOnlyList<SupportEntry> known, CancellationToken cancellationToken)
    {
        var accounted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var site in context.SiteNames)
        {
            if (Panel(site) is { } panel)
            {
                accounted.Add((await panel.GetProviderAsync(cancellationToken).ConfigureAwait(false)).Id);
            }
        }

        var byName = new Dictionary<string, OnedataProvider>(StringComparer.OrdinalIgnoreCase);
        foreach (var providerId in space.Providers.Keys.Where(p => !accounted.Contains(p)))
        {
            if (await onezone.FindSpaceProviderAsync(space.Id, providerId, cancellationToken).ConfigureAwait(false) is { } provider)
            {
                byName.TryAdd(provider.Name, provider);
            }
        }

        return byName;
    }

    private async Task DeleteTokenAsync(string site, PrivateState @private, CancellationToken cancellationToken)
    {
        var tokens = Tokens(@private);
        if (tokens[site] is JsonValue v && v.TryGetValue<string>(out var tokenId))
        {
            await onezone.DeleteNamedTokenAsync(tokenId, cancellationToken).ConfigureAwait(false);
        }

        if (tokens.Remove(site))
        {
            if (tokens.Count == 0)
            {
                @private.RemoveKey(TokensKey);
            }
            else
            {
                @private.SetKey(TokensKey, tokens.ToJsonString());
            }
        }
    }

    private static JsonObject Tokens(PrivateState @private)
        => @private.GetKey(TokensKey) is { } json && JsonNode.Parse(json) is JsonObject tokens ? tokens : [];

    private static string TokenName(string spaceId, string site) => $"crd-support-{site}-{spaceId[..Math.Min(12, spaceId.Length)]}-{Guid.NewGuid().ToString("N")[..6]}";

    private static async Task<CloudException> TooLargeAsync(OnepanelClient panel, SupportEntry entry, string? storageId, CloudApiException e, CancellationToken cancellationToken)
    {
        var storages = await panel.ListStoragesAsync(cancellationToken).ConfigureAwait(false);
        var storage = storages.FirstOrDefault(s => s.Id == storageId);
        var room = Bytes().Match(e.ServiceMessage) is { Success: true } m && long.TryParse(m.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var free)
            ? $" At most {Math.Floor(SupportEntry.GibOf(free)).ToString(CultureInfo.InvariantCulture)} GiB still fit there."
            : "";
        return new CloudException(
            $"Site \"{entry.Site}\" cannot hold {entry.SizeGb.ToString(CultureInfo.InvariantCulture)} GiB for this space on storage \"{storage?.Name ?? storageId}\" ({storageId}).{room} " +
            $"Onepanel answered: {e.ServiceMessage} Choose a smaller size_gb, another storage_id, or ask the site's administrators for room.");
    }

    [GeneratedRegex("[0-9]{4,}")]
    private static partial Regex Bytes();
}
