using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Crd.Simulator.Tests.Portal;
using Crd.Simulator.Tests.Support;

namespace Crd.Simulator.Tests.ContainerInfra;

/// <summary>Magnum, Waldur and Onedata objects survive a SIGKILL and restart (journal replay).</summary>
public sealed class ExtensionRestartTests
{
    [Fact]
    public async Task Restart_AfterKill_KeepsClusterCaOrdersAndSpaceSupport()
    {
        var sim = await SimProcess.StartAsync(null, null, "--instant");
        var data = sim.DataDirectory;
        string clusterId, caPem, orderId, spaceId, tenantId, providerId;
        TenantCredentials tenant;
        try
        {
            tenant = await sim.Client.CreateTenantAsync("toulouse");
            var session = await sim.Client.AuthAsync(tenant);
            clusterId = await Magnum.CreateClusterAsync(session, "durable");
            caPem = (await session.GetAsync(Magnum.Path(session, "/certificates/" + clusterId), Magnum.Latest)).AssertStatus(200).Str("pem");

            var waldur = new Waldur(sim);
            var project = await waldur.CreateProjectAsync(waldur.StaffToken, "proj-durable");
            orderId = (await waldur.OrderTenantAsync(waldur.StaffToken, project, "reims", Waldur.NewName())).AssertStatus(201).Str("uuid");
            var order = await waldur.GetAsync($"/marketplace-orders/{orderId}/", waldur.StaffToken);
            tenantId = (await waldur.GetAsync($"/marketplace-resources/{order["marketplace_resource_uuid"]!.GetValue<string>()}/", waldur.StaffToken))["backend_id"]!.GetValue<string>();

            var zoneToken = Line(sim.Output, "onezone user token");
            var panelToken = Line(sim.Output, "paris onepanel token");
            spaceId = (await sim.Client.PostAsync("/onezone/api/v3/onezone/user/spaces", new JsonObject { ["name"] = "durable" }, zoneToken)).AssertStatus(201).Headers["Location"].Split('/')[^1];
            var support = (await sim.Client.PostAsync("/onezone/api/v3/onezone/user/tokens/named", new JsonObject
            {
                ["name"] = "durable",
                ["type"] = new JsonObject { ["inviteToken"] = new JsonObject { ["inviteType"] = "supportSpace", ["spaceId"] = spaceId } },
            }, zoneToken)).AssertStatus(201).Str("token");
            var storage = (await sim.Client.GetAsync("/sites/paris/onepanel/api/v3/onepanel/provider/storages", panelToken)).Json!["ids"]![0]!.GetValue<string>();
            providerId = (await sim.Client.GetAsync("/sites/paris/onepanel/api/v3/onepanel/provider", panelToken)).Str("id");
            (await sim.Client.PostAsync("/sites/paris/onepanel/api/v3/onepanel/provider/spaces",
                new JsonObject { ["token"] = support, ["size"] = 1L << 30, ["storageId"] = storage }, panelToken)).AssertStatus(201);
        }
        finally
        {
            sim.Kill();
            await sim.DisposeAsync(deleteData: false);
        }

        await using var restarted = await SimProcess.StartAsync(data, null, "--instant");
        var again = await restarted.Client.AuthAsync(tenant);
        Assert.Equal(caPem, (await again.GetAsync(Magnum.Path(again, "/certificates/" + clusterId), Magnum.Latest)).AssertStatus(200).Str("pem"));
        var (csr, key) = CertificateTests.NewCsr();
        using (key)
        {
            var signed = (await again.PostAsync(Magnum.Path(again, "/certificates"), new JsonObject { ["cluster_uuid"] = clusterId, ["csr"] = csr }, Magnum.Latest)).AssertStatus(201);
            using var ca = X509Certificate2.CreateFromPem(caPem);
            using var leaf = X509Certificate2.CreateFromPem(signed.Str("pem"));
            Assert.True(CertificateTests.ChainsTo(leaf, ca));
        }

        var api = new Waldur(restarted);
        var reloaded = await api.GetAsync($"/marketplace-orders/{orderId}/", api.StaffToken);
        Assert.Equal("done", reloaded["state"]!.GetValue<string>());
        Assert.NotNull((await restarted.Client.GetAsync("/_sim/objects/identity.projects/" + tenantId)).AssertStatus(200).Json);

        var space = (await restarted.Client.GetAsync("/onezone/api/v3/onezone/spaces/" + spaceId, Line(restarted.Output, "onezone user token"))).AssertStatus(200).Json!;
        Assert.Equal(1L << 30, space["providers"]![providerId]!.GetValue<long>());
    }

    private static string Line(string output, string label) =>
        output.Split('\n').First(l => l.TrimStart().StartsWith(label, StringComparison.Ordinal)).Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1];
}
