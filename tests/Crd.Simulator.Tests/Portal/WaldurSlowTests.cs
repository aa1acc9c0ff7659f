using Crd.Simulator.Tests.Support;

namespace Crd.Simulator.Tests.Portal;

/// <summary>Orders with real delays (orderSeconds 5 on the simulated clock).</summary>
public sealed class WaldurSlowTests(SlowSim fixture) : IClassFixture<SlowSim>
{
    [Fact]
    public async Task StaffOrder_StaysExecuting_UntilTheClockMoves()
    {
        var api = new Waldur(fixture.Sim);
        var project = await api.CreateProjectAsync(api.StaffToken, "proj-slow");

        var order = (await api.OrderTenantAsync(api.StaffToken, project, "strasbourg", Waldur.NewName())).AssertStatus(201).Json!;
        var path = $"/marketplace-orders/{order["uuid"]!.GetValue<string>()}/";
        Assert.Equal("executing", order["state"]!.GetValue<string>());
        var resource = await api.GetAsync($"/marketplace-resources/{order["marketplace_resource_uuid"]!.GetValue<string>()}/", api.StaffToken);
        Assert.Equal("Creating", resource["state"]!.GetValue<string>());
        Assert.Equal("", resource["backend_id"]!.GetValue<string>());

        await fixture.Client.AdvanceAsync(6);

        Assert.Equal("done", (await api.GetAsync(path, api.StaffToken))["state"]!.GetValue<string>());
    }
}
