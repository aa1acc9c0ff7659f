using Crd.Simulator.Tests.Support;

namespace Crd.Simulator.Tests.Dashboard;

public sealed class DashboardTests(SharedSim fixture) : IClassFixture<SharedSim>
{
    private SimClient Client => fixture.Client;

    [Fact]
    public async Task Json_AfterServerCreate_ListsServerWithFlavorAndAddress()
    {
        var session = await Client.NewSessionAsync("reims");
        await session.CreateServerAsync("dash-json-vm");

        var model = (await Client.GetAsync("/_sim/dashboard.json")).AssertStatus(200).Json!;

        var server = model["servers"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == "dash-json-vm")!;
        Assert.Equal("m1.small", server["flavor"]!.GetValue<string>());
        Assert.NotEmpty(server["ips"]!.AsArray());
        Assert.Equal(6, model["sites"]!.AsArray().Count);
    }

    [Fact]
    public async Task Page_IsHtmlThatEscapesNames()
    {
        var session = await Client.NewSessionAsync("paris");
        await session.CreateServerAsync("<b>bold</b>");

        var page = (await Client.GetAsync("/")).AssertStatus(200);

        Assert.StartsWith("text/html", page.Headers["Content-Type"]);
        Assert.Contains("&lt;b&gt;bold&lt;/b&gt;", page.Text);
        Assert.DoesNotContain("<b>bold</b>", page.Text);
    }
}
