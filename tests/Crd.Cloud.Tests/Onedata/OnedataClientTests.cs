using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Crd.Cloud.Onedata;
using Crd.Cloud.Tests.Support;

namespace Crd.Cloud.Tests.Onedata;

/// <summary>The Onezone and Onepanel clients against crd-sim over HTTP: calls, Location parsing, caveats, errors quoted.</summary>
public sealed class OnedataClientTests(CloudSim fixture) : IClassFixture<CloudSim>
{
    private const long Gib = 1_073_741_824L;

    private static CancellationToken Deadline => new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token;

    private string Setting(string name, string? site = null)
    {
        var text = File.ReadAllText(Path.Combine(fixture.Sim.DataDirectory, "provider.tf"));
        if (site is not null)
        {
            text = text.Split("site {").First(b => b.Contains($"name = \"{site}\"", StringComparison.Ordinal) || Regex.IsMatch(b, "name\\s*=\\s*\"" + site + "\""));
        }

        return Regex.Match(text, "(?m)^\\s*" + name + "\\s*=\\s*\"([^\"]*)\"").Groups[1].Value;
    }

    private OnezoneClient Onezone(string? token = null) => new(new OnedataConnection("onezone", "onezone", Setting("onezone_url"), token ?? Setting("onezone_token")));

    private OnepanelClient Onepanel(string site) => new(new OnedataConnection(site, "onepanel", Setting("onepanel_url", site), Setting("onepanel_token", site)));

    [Fact]
    public async Task Space_CreateFindRenameDelete_IdFromLocationAndGoneIsNull()
    {
        var onezone = Onezone();
        var id = await onezone.CreateSpaceAsync("cloud-tests", Deadline);

        var space = await onezone.FindSpaceAsync(id, Deadline);
        Assert.Equal(("cloud-tests", 0), (space!.Name, space.Providers.Count));
        Assert.Contains(id, await onezone.ListSpaceIdsAsync(Deadline));
        await onezone.RenameSpaceAsync(id, "renamed", Deadline);
        Assert.Equal("renamed", (await onezone.FindSpaceAsync(id, Deadline))!.Name);

        await onezone.DeleteSpaceAsync(id, Deadline);
        await onezone.DeleteSpaceAsync(id, Deadline); // already gone: fine
        Assert.Null(await onezone.FindSpaceAsync(id, Deadline));
    }

    [Fact]
    public async Task Errors_BadNameAndBadToken_QuoteOnedataIdAndDescription()
    {
        var bad = await Assert.ThrowsAsync<CloudApiException>(() => Onezone().CreateSpaceAsync("x", Deadline));
        Assert.Equal(400, bad.StatusCode);
        Assert.False(string.IsNullOrEmpty(bad.ErrorType));
        Assert.Contains("name", bad.ServiceMessage, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("onezone POST /user/spaces", bad.Message, StringComparison.Ordinal);

        var refused = await Assert.ThrowsAsync<CloudApiException>(() => Onezone("MDAxwrong").ListSpaceIdsAsync(Deadline));
        Assert.Equal((401, "unauthorized"), (refused.StatusCode, refused.ErrorType));
        Assert.Contains("token of onezone was refused", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("MDAxwrong", refused.Message, StringComparison.Ordinal);

        var noCaveat = await Assert.ThrowsAsync<CloudApiException>(() => Onezone().CreateTemporaryTokenAsync(TokenCaveats.AccessTokenType(), [], Deadline));
        Assert.Equal("tokenTimeCaveatRequired", noCaveat.ErrorType);
    }

    [Fact]
    public async Task Support_GrantResizeRevoke_ThroughOnepanelWithSingleUseToken()
    {
        var onezone = Onezone();
        var panel = Onepanel("strasbourg");
        var id = await onezone.CreateSpaceAsync("supported", Deadline);
        var now = await onezone.GetCurrentTimeAsync(Deadline);
        var storage = Assert.Single(await panel.ListStoragesAsync(Deadline));
        Assert.Equal("posix", storage.Name);

        var token = await onezone.CreateNamedTokenAsync("grant-" + id[..8], TokenCaveats.SupportSpaceType(id), [TokenCaveats.Time(now.AddMinutes(15))], 1, Deadline);
        Assert.Equal(id, await panel.GrantSupportAsync(token.Serialized, 3 * Gib, storage.Id, Deadline));
        var provider = await panel.GetProviderAsync(Deadline);
        Assert.Equal(3 * Gib, (await onezone.FindSpaceAsync(id, Deadline))!.Providers[provider.Id]);
        Assert.Equal(new OnepanelSupport(id, storage.Id, 3 * Gib), await panel.FindSupportAsync(id, Deadline));
        Assert.Equal("strasbourg", (await onezone.FindSpaceProviderAsync(id, provider.Id, Deadline))!.Name);

        // Single use: a second grant with the same token is refused.
        var reused = await Assert.ThrowsAsync<CloudApiException>(() => Onepanel("paris").GrantSupportAsync(token.Serialized, Gib, "x", Deadline));
        Assert.Equal(400, reused.StatusCode);

        await panel.ResizeSupportAsync(id, 5 * Gib, Deadline);
        Assert.Equal(5 * Gib, (await panel.FindSupportAsync(id, Deadline))!.SizeBytes);
        var tooBig = await Assert.ThrowsAsync<CloudApiException>(() => panel.ResizeSupportAsync(id, 20_000 * Gib, Deadline));
        Assert.Equal("badValueTooHigh", tooBig.ErrorType);

        await panel.RevokeSupportAsync(id, Deadline);
        await panel.RevokeSupportAsync(id, Deadline); // already gone: fine
        Assert.Null(await panel.FindSupportAsync(id, Deadline));
        Assert.Empty((await onezone.FindSpaceAsync(id, Deadline))!.Providers);

        await onezone.DeleteNamedTokenAsync(token.TokenId!, Deadline);
        Assert.Null(await onezone.FindNamedTokenAsync("grant-" + id[..8], Deadline));
        await onezone.DeleteSpaceAsync(id, Deadline);
    }

    [Fact]
    public async Task NamedToken_FoundByNameWithItsTimeCaveat_AndSpaceCaveatIsBase64Path()
    {
        var onezone = Onezone();
        var until = (await onezone.GetCurrentTimeAsync(Deadline)).AddHours(2);
        var name = "access-" + Guid.NewGuid().ToString("N")[..8];
        var created = await onezone.CreateNamedTokenAsync(name, TokenCaveats.AccessTokenType(), [TokenCaveats.Space("abc"), TokenCaveats.ReadOnly(), TokenCaveats.Time(until)], null, Deadline);

        var found = await onezone.FindNamedTokenAsync(name, Deadline);
        Assert.Equal(created.Serialized, found!.Value.Token.Serialized);
        Assert.Equal(until.ToUnixTimeSeconds(), found.Value.ValidUntil!.Value.ToUnixTimeSeconds());
        Assert.False(found.Value.Revoked);
        Assert.Equal("/abc", Encoding.UTF8.GetString(Convert.FromBase64String(TokenCaveats.Space("abc")["whitelist"]![0]!.GetValue<string>())));
        Assert.Equal("named token " + created.TokenId, created.ToString()); // never the secret

        await onezone.DeleteNamedTokenAsync(created.TokenId!, Deadline);
        await onezone.DeleteNamedTokenAsync(created.TokenId!, Deadline); // already gone: fine
    }
}
