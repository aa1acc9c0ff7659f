using Crd.Simulator.Tests.Support;

namespace Crd.Simulator.Tests.Image;

public sealed class GlanceTests(SharedSim fixture) : IClassFixture<SharedSim>
{
    [Fact]
    public async Task List_FilterByProperty_ReturnsKubeImageOnKubernetesSite()
    {
        var session = await fixture.Client.NewSessionAsync("strasbourg");

        var images = (await session.GetAsync(session.Image("/images?kube_version=v1.30.2&os_distro=ubuntu"))).AssertStatus(200).Json!["images"]!.AsArray();

        var image = Assert.Single(images)!;
        Assert.Equal("ubuntu-22.04-kube-v1.30", image["name"]!.GetValue<string>());
        Assert.Equal("v1.30.2", image["kube_version"]!.GetValue<string>());
    }

    [Fact]
    public async Task List_SiteWithoutKubernetes_HasNoKubeImage()
    {
        var session = await fixture.Client.NewSessionAsync("paris");

        var images = (await session.GetAsync(session.Image("/images?sort=name:asc"))).AssertStatus(200).Json!["images"]!.AsArray();

        Assert.Equal(["debian-12", "rocky-9", "ubuntu-24.04"], images.Select(i => i!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task List_FilterByNameStatusVisibility_AndShow()
    {
        var session = await fixture.Client.NewSessionAsync();

        var images = (await session.GetAsync(session.Image("/images?name=rocky-9&status=active&visibility=public"))).AssertStatus(200).Json!["images"]!.AsArray();
        var id = Assert.Single(images)!["id"]!.GetValue<string>();

        var shown = (await session.GetAsync(session.Image("/images/" + id))).AssertStatus(200);
        Assert.Equal("rocky-9", shown.Str("name"));
        (await session.GetAsync(session.Image("/images/does-not-exist"))).AssertStatus(404);
    }

    [Fact]
    public async Task List_SortDescending_ReversesOrder()
    {
        var session = await fixture.Client.NewSessionAsync("reims");

        var images = (await session.GetAsync(session.Image("/images?sort_key=name&sort_dir=desc"))).AssertStatus(200).Json!["images"]!.AsArray();

        Assert.Equal(["ubuntu-24.04", "rocky-9", "debian-12"], images.Select(i => i!["name"]!.GetValue<string>()));
    }
}
