using Crd.Simulator.Tests.Support;

namespace Crd.Simulator.Tests.Cli;

public sealed class UpCommandTests(SharedSim fixture) : IClassFixture<SharedSim>
{
    [Fact]
    public void Up_PrintsEndpointsCloudsYamlProviderBlockAndReadyLine()
    {
        var output = fixture.Sim.Output;

        Assert.Contains("clouds:", output, StringComparison.Ordinal);
        Assert.Contains("crd-toulouse:", output, StringComparison.Ordinal);
        Assert.Contains("auth_type: \"v3applicationcredential\"", output, StringComparison.Ordinal);
        Assert.Contains("provider \"crd\" {", output, StringComparison.Ordinal);
        Assert.Matches("default_site += \"toulouse\"", output);
        Assert.Contains(fixture.Sim.BaseUrl + "/sites/toulouse/identity/v3", output, StringComparison.Ordinal);
        Assert.StartsWith("crd-sim ready http://127.0.0.1:", output.TrimEnd().Split('\n')[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Up_WritesConfigCloudsYamlAndProviderSnippet()
    {
        foreach (var file in new[] { "crd-sim.json", "clouds.yaml", "provider.tf", "url" })
        {
            Assert.True(File.Exists(Path.Combine(fixture.Sim.DataDirectory, file)), file);
        }
        var provider = File.ReadAllText(Path.Combine(fixture.Sim.DataDirectory, "provider.tf"));
        Assert.Equal(5, provider.Split("site {").Length - 1);
    }

    [Fact]
    public async Task ProviderBlock_Credentials_Authenticate()
    {
        var provider = await File.ReadAllTextAsync(Path.Combine(fixture.Sim.DataDirectory, "provider.tf"));
        var block = provider[provider.IndexOf("name                          = \"reims\"", StringComparison.Ordinal)..];
        string Value(string key) => block.Split('\n').First(l => l.TrimStart().StartsWith(key + " ", StringComparison.Ordinal)).Split('"')[1];

        var response = await fixture.Client.PostAsync("/sites/reims/identity/v3/auth/tokens",
            SimClient.AppCredentialBody(Value("application_credential_id"), Value("application_credential_secret")));

        response.AssertStatus(201);
    }

    [Fact]
    public async Task CloudsYaml_AdminCloud_CanChangeQuotas()
    {
        var yaml = (await File.ReadAllTextAsync(Path.Combine(fixture.Sim.DataDirectory, "clouds.yaml"))).Split('\n');
        var start = Array.IndexOf(yaml, "  crd-reims-admin:");
        string Value(string key) => yaml.Skip(start).First(l => l.TrimStart().StartsWith(key + ":", StringComparison.Ordinal)).Split('"')[1];
        var auth = await fixture.Client.PostAsync("/sites/reims/identity/v3/auth/tokens",
            SimClient.AppCredentialBody(Value("application_credential_id"), Value("application_credential_secret")));
        auth.AssertStatus(201);
        var token = auth.Headers["X-Subject-Token"];
        var member = await fixture.Client.NewSessionAsync("reims");

        var update = await fixture.Client.SendAsync(HttpMethod.Put, $"/sites/reims/compute/v2.1/os-quota-sets/{member.ProjectId}",
            new System.Text.Json.Nodes.JsonObject { ["quota_set"] = new System.Text.Json.Nodes.JsonObject { ["instances"] = 3 } }, token);

        Assert.True(start > 0);
        update.AssertStatus(200);
        Assert.Equal(3, update.Json!["quota_set"]!["instances"]!.GetValue<int>());
    }
}
