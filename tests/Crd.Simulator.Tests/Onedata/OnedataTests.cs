using System.Text.Json.Nodes;
using Crd.Simulator.Tests.Support;

namespace Crd.Simulator.Tests.Onedata;

public sealed class OnedataTests(SharedSim fixture) : IClassFixture<SharedSim>
{
    private const string Zone = "/onezone/api/v3/onezone";

    private SimClient Client => fixture.Client;

    private string UserToken => Report("onezone user token");

    private string PanelToken(string site) => Report(site + " onepanel token");

    private static string Panel(string site) => $"/sites/{site}/onepanel/api/v3/onepanel";

    private string Report(string label) =>
        fixture.Sim.Output.Split('\n').First(l => l.TrimStart().StartsWith(label, StringComparison.Ordinal)).Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1];

    private async Task<string> CreateSpaceAsync(string name)
    {
        var created = (await Client.PostAsync(Zone + "/user/spaces", new JsonObject { ["name"] = name }, UserToken)).AssertStatus(201);
        return created.Headers["Location"].Split('/')[^1];
    }

    private async Task<string> SupportTokenAsync(string spaceId) =>
        (await Client.PostAsync(Zone + "/user/tokens/named", new JsonObject
        {
            ["name"] = "support-" + Guid.NewGuid().ToString("N")[..8],
            ["type"] = new JsonObject { ["inviteToken"] = new JsonObject { ["inviteType"] = "supportSpace", ["spaceId"] = spaceId } },
            ["usageLimit"] = 2,
        }, UserToken)).AssertStatus(201).Str("token");

    private async Task<string> ProviderIdAsync(string site) =>
        (await Client.GetAsync(Panel(site) + "/provider", PanelToken(site))).AssertStatus(200).Str("id");

    private async Task<string> StorageIdAsync(string site) =>
        (await Client.GetAsync(Panel(site) + "/provider/storages", PanelToken(site))).AssertStatus(200).Json!["ids"]![0]!.GetValue<string>();

    [Fact]
    public async Task Onezone_WithoutToken_Is401InOnedataShape()
    {
        var response = await Client.GetAsync(Zone + "/user/spaces");

        response.AssertStatus(401);
        Assert.Equal("unauthorized", response.Json!["error"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Space_CreateRenameDelete()
    {
        var id = await CreateSpaceAsync("climate-data");

        var space = (await Client.GetAsync(Zone + "/spaces/" + id, UserToken)).AssertStatus(200).Json!;
        Assert.Equal("climate-data", space["name"]!.GetValue<string>());
        Assert.Empty(space["providers"]!.AsObject());

        (await Client.SendAsync(HttpMethod.Patch, Zone + "/spaces/" + id, new JsonObject { ["name"] = "climate" }, UserToken)).AssertStatus(204);
        Assert.Equal("climate", (await Client.GetAsync(Zone + "/spaces/" + id, UserToken)).Json!["name"]!.GetValue<string>());
        (await Client.SendAsync(HttpMethod.Delete, Zone + "/spaces/" + id, null, UserToken)).AssertStatus(204);
        var gone = await Client.GetAsync(Zone + "/spaces/" + id, UserToken);
        gone.AssertStatus(404);
        Assert.Equal("notFound", gone.Json!["error"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_WithoutName_IsMissingRequiredValue()
    {
        var response = await Client.PostAsync(Zone + "/user/spaces", new JsonObject(), UserToken);

        response.AssertStatus(400);
        Assert.Equal("missingRequiredValue", response.Json!["error"]!["id"]!.GetValue<string>());
        Assert.Equal("name", response.Json!["error"]!["details"]!["key"]!.GetValue<string>());
    }

    [Fact]
    public async Task Support_GrantResizeRevoke_IsReflectedInProviders()
    {
        var id = await CreateSpaceAsync("genomes");
        var token = await SupportTokenAsync(id);
        var provider = await ProviderIdAsync("toulouse");
        var storage = await StorageIdAsync("toulouse");
        const long Gib = 1L << 30;

        var granted = await Client.PostAsync(Panel("toulouse") + "/provider/spaces", new JsonObject { ["token"] = token, ["size"] = 10 * Gib, ["storageId"] = storage }, PanelToken("toulouse"));
        granted.AssertStatus(201);
        Assert.Equal(id, granted.Str("id"));
        Assert.Equal(10 * Gib, (await Client.GetAsync(Zone + "/spaces/" + id, UserToken)).Json!["providers"]![provider]!.GetValue<long>());
        var again = await Client.PostAsync(Panel("toulouse") + "/provider/spaces", new JsonObject { ["token"] = token, ["size"] = Gib, ["storageId"] = storage }, PanelToken("toulouse"));
        again.AssertStatus(409);

        (await Client.SendAsync(HttpMethod.Patch, Panel("toulouse") + "/provider/spaces/" + id, new JsonObject { ["size"] = 20 * Gib }, PanelToken("toulouse"))).AssertStatus(204);
        Assert.Equal(20 * Gib, (await Client.GetAsync(Zone + "/spaces/" + id, UserToken)).Json!["providers"]![provider]!.GetValue<long>());

        (await Client.SendAsync(HttpMethod.Delete, Panel("toulouse") + "/provider/spaces/" + id, null, PanelToken("toulouse"))).AssertStatus(204);
        Assert.Empty((await Client.GetAsync(Zone + "/spaces/" + id, UserToken)).Json!["providers"]!.AsObject());
    }

    [Fact]
    public async Task TemporaryToken_NeedsTimeCaveat_ThenSupportsOnAnotherSite()
    {
        var id = await CreateSpaceAsync("scratch");
        var type = new JsonObject { ["inviteToken"] = new JsonObject { ["inviteType"] = "supportSpace", ["spaceId"] = id } };

        var refused = await Client.PostAsync(Zone + "/user/tokens/temporary", new JsonObject { ["type"] = type.DeepClone() }, UserToken);
        refused.AssertStatus(400);
        Assert.Equal("tokenTimeCaveatRequired", refused.Json!["error"]!["id"]!.GetValue<string>());

        var now = (await Client.GetAsync(Zone + "/provider/public/get_current_time")).AssertStatus(200).Json!["timeMillis"]!.GetValue<long>() / 1000;
        var token = (await Client.PostAsync(Zone + "/user/tokens/temporary", new JsonObject
        {
            ["type"] = type.DeepClone(),
            ["caveats"] = new JsonArray { new JsonObject { ["type"] = "time", ["validUntil"] = now + 3600 } },
        }, UserToken)).AssertStatus(201).Str("token");

        var granted = await Client.PostAsync(Panel("brest") + "/provider/spaces",
            new JsonObject { ["token"] = token, ["size"] = 5L << 30, ["storageId"] = await StorageIdAsync("brest") }, PanelToken("brest"));
        granted.AssertStatus(201);
        var providers = (await Client.GetAsync(Zone + "/spaces/" + id + "/providers", UserToken)).AssertStatus(200).Json!["providers"]!.AsArray();
        Assert.Equal(await ProviderIdAsync("brest"), providers.Single()!.GetValue<string>());
    }

    [Fact]
    public async Task Onepanel_WrongTokenOrSiteWithoutOnedata_IsRefused()
    {
        var wrong = await Client.GetAsync(Panel("toulouse") + "/provider", PanelToken("paris"));
        wrong.AssertStatus(401);
        Assert.Equal("unauthorized", wrong.Json!["error"]!["id"]!.GetValue<string>());

        (await Client.GetAsync(Panel("reims") + "/provider", PanelToken("toulouse"))).AssertStatus(404);

        var storage = (await Client.GetAsync(Panel("paris") + "/provider/storages/" + await StorageIdAsync("paris"), PanelToken("paris"))).AssertStatus(200);
        Assert.Equal("posix", storage.Str("name"));
    }

    [Fact]
    public async Task Support_TooSmall_IsBadValueTooLow()
    {
        var id = await CreateSpaceAsync("tiny");
        var token = await SupportTokenAsync(id);

        var response = await Client.PostAsync(Panel("strasbourg") + "/provider/spaces",
            new JsonObject { ["token"] = token, ["size"] = 10, ["storageId"] = await StorageIdAsync("strasbourg") }, PanelToken("strasbourg"));

        response.AssertStatus(400);
        Assert.Equal("badValueTooLow", response.Json!["error"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Support_BeyondStorageSize_IsBadValueTooHighForGrantAndResize()
    {
        const long gib = 1_073_741_824L;
        var id = await CreateSpaceAsync("huge");
        var storage = await StorageIdAsync("paris");

        // The posix storage holds 10,000 GiB (capacity.onedataStorageGb).
        var refused = await Client.PostAsync(Panel("paris") + "/provider/spaces",
            new JsonObject { ["token"] = await SupportTokenAsync(id), ["size"] = 10_001 * gib, ["storageId"] = storage }, PanelToken("paris"));
        refused.AssertStatus(400);
        Assert.Equal("badValueTooHigh", refused.Json!["error"]!["id"]!.GetValue<string>());
        Assert.Equal("size", refused.Json!["error"]!["details"]!["key"]!.GetValue<string>());

        (await Client.PostAsync(Panel("paris") + "/provider/spaces",
            new JsonObject { ["token"] = await SupportTokenAsync(id), ["size"] = 10 * gib, ["storageId"] = storage }, PanelToken("paris"))).AssertStatus(201);
        var resize = await Client.SendAsync(HttpMethod.Patch, Panel("paris") + "/provider/spaces/" + id, new JsonObject { ["size"] = 20_000 * gib }, PanelToken("paris"));
        resize.AssertStatus(400);
        Assert.Equal("badValueTooHigh", resize.Json!["error"]!["id"]!.GetValue<string>());
        (await Client.SendAsync(HttpMethod.Delete, Panel("paris") + "/provider/spaces/" + id, null, PanelToken("paris"))).AssertStatus(204);
    }
}
