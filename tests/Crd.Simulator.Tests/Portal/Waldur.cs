using System.Text.Json.Nodes;
using Crd.Simulator.Tests.Support;

namespace Crd.Simulator.Tests.Portal;

/// <summary>Waldur calls for tests: tokens are read from <c>crd-sim up</c>'s report.</summary>
internal sealed class Waldur(SimProcess sim)
{
    public string StaffToken { get; } = Token(sim.Output, "waldur staff token");

    public string UserToken { get; } = Token(sim.Output, "waldur user token");

    private static string Token(string output, string label) =>
        output.Split('\n').First(l => l.TrimStart().StartsWith(label, StringComparison.Ordinal)).Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1];

    public Task<SimResponse> SendAsync(HttpMethod method, string path, string? token, JsonNode? body = null) =>
        sim.Client.SendAsync(method, "/portal/api" + path, body, null, token is null ? [] : [("Authorization", "Token " + token)]);

    public async Task<JsonNode> GetAsync(string path, string token) => (await SendAsync(HttpMethod.Get, path, token)).AssertStatus(200).Json!;

    public async Task<JsonObject> CustomerAsync(string token) =>
        (await GetAsync("/customers/?name=demo-lab", token)).AsArray().Single()!.AsObject();

    public async Task<JsonObject> CreateProjectAsync(string token, string name)
    {
        var customer = await CustomerAsync(token);
        return (await SendAsync(HttpMethod.Post, "/projects/", token, new JsonObject { ["customer"] = customer["url"]!.GetValue<string>(), ["name"] = name, ["end_date"] = "2030-12-31" }))
            .AssertStatus(201).Json!.AsObject();
    }

    public async Task<JsonObject> OfferingAsync(string token, string site) =>
        (await GetAsync("/marketplace-public-offerings/?type=OpenStack.Tenant&page_size=50", token)).AsArray()
            .Single(o => o!["scope_name"]!.GetValue<string>() == site)!.AsObject();

    public async Task<SimResponse> OrderTenantAsync(string token, JsonObject project, string site, string tenant, JsonObject? limits = null)
    {
        var offering = await OfferingAsync(token, site);
        return await SendAsync(HttpMethod.Post, "/marketplace-orders/", token, new JsonObject
        {
            ["offering"] = offering["url"]!.GetValue<string>(),
            ["project"] = project["url"]!.GetValue<string>(),
            ["plan"] = offering["plans"]![0]!["url"]!.GetValue<string>(),
            ["attributes"] = new JsonObject { ["name"] = tenant, ["description"] = "test tenant" },
            ["limits"] = limits ?? new JsonObject { ["cores"] = 8, ["ram"] = 8192, ["storage"] = 51200 },
            ["accepting_terms_of_service"] = true,
        });
    }

    public static string NewName() => "t" + Guid.NewGuid().ToString("N")[..10];
}
