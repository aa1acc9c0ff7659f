using Crd.Provider.Tests.Support;
using Crd.Terraform.Testing;
using Crd.Terraform.Testing.Configuration;
using Crd.Terraform.Testing.Protocol;

namespace Crd.Provider.Tests.Configuration;

/// <summary>
/// The provider block of the real terraform-provider-crd binary, driven over the plugin
/// protocol: every mistake a user can make is a diagnostic with its attribute path.
/// </summary>
public sealed class ProviderConfigurationTests
{
    private static CancellationToken Deadline => new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token;

    private static TerraformHarness Harness(Dictionary<string, string?>? env = null) => new(new HarnessOptions
    {
        ProviderExecutable = ProviderBinary.Path,
        Environment = env ?? new Dictionary<string, string?> { ["CRD_DEFAULT_SITE"] = null, ["CRD_PORTAL_URL"] = null, ["CRD_PORTAL_TOKEN"] = null, ["OS_CLIENT_CONFIG_FILE"] = null },
    });

    private static Dictionary<string, object?> Site(string name, string authUrl = "https://keystone.example:5000/v3") => new()
    {
        ["name"] = name,
        ["auth_url"] = authUrl,
        ["application_credential_id"] = "id-" + name,
        ["application_credential_secret"] = "secret-" + name,
    };

    private static async Task<IReadOnlyList<HarnessDiagnostic>> ConfigureAsync(Dictionary<string, object?> provider, Dictionary<string, string?>? env = null)
    {
        try
        {
            var harness = Harness(env);
            var config = new TerraformConfiguration { Provider = provider };
            var validation = await harness.ValidateAsync(config, Deadline);
            if (validation.Any(d => d.IsError))
            {
                return validation;
            }

            await harness.PlanAsync(config, Deadline);
            return harness.LastWarnings;
        }
        catch (TerraformCommandException e)
        {
            return e.Diagnostics;
        }
    }

    [Fact]
    public async Task ValidConfiguration_TwoSites_NoDiagnostics()
    {
        var diagnostics = await ConfigureAsync(new() { ["default_site"] = "toulouse", ["site"] = new[] { Site("toulouse"), Site("paris") } });

        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task Site_OnepanelUrlWithoutToken_ErrorAtOnepanelToken()
    {
        var site = Site("toulouse");
        site["onepanel_url"] = "https://onedata.toulouse.example";

        var diagnostics = await ConfigureAsync(new() { ["site"] = new[] { site } });

        var error = Assert.Single(diagnostics, d => d.IsError);
        Assert.Equal(("Incomplete Onepanel Credentials", "site[0].onepanel_token"), (error.Summary, error.Path));
    }

    [Fact]
    public async Task DefaultSite_NotConfigured_ErrorAtDefaultSite()
    {
        var diagnostics = await ConfigureAsync(new() { ["default_site"] = "lyon", ["site"] = new[] { Site("toulouse"), Site("paris") } });

        var error = Assert.Single(diagnostics, d => d.IsError);
        Assert.Equal("default_site", error.Path);
        Assert.Equal("Unknown Site", error.Summary);
        Assert.Contains("\"lyon\"", error.Detail, StringComparison.Ordinal);
        Assert.Contains("\"toulouse\"", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DefaultSite_FromEnvironmentNotConfigured_ErrorNamesVariable()
    {
        var diagnostics = await ConfigureAsync(new() { ["site"] = new[] { Site("toulouse") } }, new() { ["CRD_DEFAULT_SITE"] = "brest" });

        var error = Assert.Single(diagnostics, d => d.IsError);
        Assert.Equal("default_site", error.Path);
        Assert.Contains("CRD_DEFAULT_SITE", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Site_WithoutCredentials_ErrorAtSite()
    {
        var diagnostics = await ConfigureAsync(new() { ["site"] = new[] { Site("toulouse"), new Dictionary<string, object?> { ["name"] = "paris" } } });

        var error = Assert.Single(diagnostics, d => d.IsError);
        Assert.Equal("site[1]", error.Path);
        Assert.Equal("Missing Site Credentials", error.Summary);
    }

    [Fact]
    public async Task Site_SecretMissing_ErrorAtSecretPath()
    {
        var site = Site("paris");
        site.Remove("application_credential_secret");

        var diagnostics = await ConfigureAsync(new() { ["site"] = new[] { site } });

        Assert.Contains(diagnostics, d => d.IsError && d.Path == "site[0].application_credential_secret");
    }

    [Theory]
    [InlineData("keystone.example:5000/v3")]
    [InlineData("ftp://keystone.example/v3")]
    [InlineData("not a url")]
    public async Task Site_MalformedAuthUrl_ErrorAtAuthUrl(string url)
    {
        var diagnostics = await ConfigureAsync(new() { ["site"] = new[] { Site("paris", url) } });

        Assert.Contains(diagnostics, d => d.IsError && d.Path == "site[0].auth_url" && d.Detail.Contains(url, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PortalUrl_Malformed_ErrorAtPortalUrl()
    {
        var diagnostics = await ConfigureAsync(new() { ["portal_url"] = "portal", ["portal_token"] = "t" });

        Assert.Contains(diagnostics, d => d.IsError && d.Path == "portal_url");
    }

    [Fact]
    public async Task PortalToken_Missing_ErrorAtPortalTokenWithoutSecrets()
    {
        var diagnostics = await ConfigureAsync(new() { ["portal_url"] = "https://portal.example/api/", ["site"] = new[] { Site("paris") } });

        var error = Assert.Single(diagnostics, d => d.IsError);
        Assert.Equal("portal_token", error.Path);
        Assert.DoesNotContain("secret-paris", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Site_DuplicateName_ErrorAtSecondName()
    {
        var diagnostics = await ConfigureAsync(new() { ["site"] = new[] { Site("paris"), Site("paris") } });

        Assert.Contains(diagnostics, d => d.IsError && d.Path == "site[1].name" && d.Summary == "Duplicate Site");
    }

    [Fact]
    public async Task Site_CloudFromCloudsYaml_ResolvesCredentials()
    {
        var directory = Directory.CreateTempSubdirectory("clouds-").FullName;
        try
        {
            await CloudsYamlEntriesResolveAsync(Path.Combine(directory, "clouds.yaml"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task CloudsYamlEntriesResolveAsync(string file)
    {
        File.WriteAllText(file, """
            clouds:
              crd-toulouse:
                auth_type: v3applicationcredential
                auth:
                  auth_url: https://keystone.toulouse.example:5000/v3
                  application_credential_id: abc
                  application_credential_secret: s3cret
                region_name: RegionOne
            """);

        Assert.Empty(await ConfigureAsync(new() { ["clouds_yaml"] = file, ["site"] = new[] { new Dictionary<string, object?> { ["name"] = "toulouse", ["cloud"] = "crd-toulouse" } } }));

        var unknown = await ConfigureAsync(new() { ["clouds_yaml"] = file, ["site"] = new[] { new Dictionary<string, object?> { ["name"] = "paris", ["cloud"] = "crd-paris" } } });
        var error = Assert.Single(unknown, d => d.IsError);
        Assert.Equal("site[0].cloud", error.Path);
        Assert.Contains("crd-toulouse", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schema_SecretsAreSensitive()
    {
        await using var session = await ProviderSession.StartAsync(new HarnessOptions { ProviderExecutable = ProviderBinary.Path }, new Dictionary<string, object?>(), configure: false, Deadline);
        var block = session.Schemas.Provider.Block;

        Assert.True(block.FindAttribute("portal_token")!.Sensitive);
        Assert.True(block.FindAttribute("onezone_token")!.Sensitive);
        Assert.True(block.FindBlock("site")!.Block.FindAttribute("application_credential_secret")!.Sensitive);
        Assert.True(block.FindBlock("site")!.Block.FindAttribute("onepanel_token")!.Sensitive);
        Assert.All(block.Attributes, a => Assert.False(string.IsNullOrWhiteSpace(a.Description)));
    }
}
