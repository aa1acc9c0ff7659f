using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Testing;
using Crd.Terraform.Testing.Configuration;
using static Crd.Provider.Tests.Acceptance.K8sScenario;

namespace Crd.Provider.Tests.Acceptance;

/// <summary>
/// crd_k8s_kubeconfig, the ephemeral resource and the data source, over the real protocol
/// against crd-sim's certificates API: the client certificate chains to the cluster CA, the key
/// is the certificate's, the kubeconfig holds them, and nothing secret reaches the state.
/// </summary>
public sealed class K8sKubeconfigTests(K8sCrdSim fixture) : IClassFixture<K8sCrdSim>
{
    [Fact]
    public async Task Ephemeral_Open_ClientCertificateChainsToTheClusterCaAndTheKeyIsNeverInState()
    {
        await using var s = await StartAsync(fixture);
        var config = s.Config(Body());
        await s.Harness.ApplyAsync(config, Deadline);
        await using var session = await ProviderSession.StartAsync(s.Harness.Options, config.Provider, configure: true, Deadline);
        var block = session.Schemas.EphemeralResources["crd_k8s_kubeconfig"].Block;
        Assert.True(block.FindAttribute("client_key")!.Sensitive);
        Assert.True(block.FindAttribute("kubeconfig")!.Sensitive);

        var opened = await session.Client.OpenAndCloseEphemeralAsync("crd_k8s_kubeconfig", Decode(block, s.Id), Deadline);

        Assert.False(opened.Diagnostics.Any(d => d.IsError), string.Join("\n", opened.Diagnostics.Select(d => $"{d.Summary}: {d.Detail} at {d.Path}")));
        var value = opened.State;
        var caPem = value.GetAttribute("ca_certificate").AsString();
        var certPem = value.GetAttribute("client_certificate").AsString();
        var keyPem = value.GetAttribute("client_key").AsString();
        Assert.Equal(s.Text("ca_certificate"), caPem);
        Assert.Equal(s.Text("api_address"), value.GetAttribute("host").AsString());
        AssertChainsTo(certPem, caPem);
        using (var pair = X509Certificate2.CreateFromPem(certPem, keyPem))
        {
            Assert.True(pair.HasPrivateKey);
            Assert.Contains("O=system:masters", pair.Subject, StringComparison.Ordinal);
        }

        var kubeconfig = value.GetAttribute("kubeconfig").AsString();
        Assert.Contains($"server: \"{s.Text("api_address")}\"", kubeconfig, StringComparison.Ordinal);
        Assert.Equal(keyPem, DataOf(kubeconfig, "client-key-data"));
        Assert.Equal(certPem, DataOf(kubeconfig, "client-certificate-data"));
        Assert.Equal(caPem, DataOf(kubeconfig, "certificate-authority-data"));

        // The cluster's state holds the (public) CA and nothing secret.
        var stateJson = s.Harness.State.Get(Address)!.AttributesJson;
        Assert.DoesNotContain("PRIVATE KEY", stateJson, StringComparison.Ordinal);
        Assert.DoesNotContain(keyPem.Split('\n')[1], stateJson, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(keyPem)), stateJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ephemeral_TwoOpens_IssueDifferentKeysBothSignedByTheCa()
    {
        await using var s = await StartAsync(fixture);
        var config = s.Config(Body());
        await s.Harness.ApplyAsync(config, Deadline);
        await using var session = await ProviderSession.StartAsync(s.Harness.Options, config.Provider, configure: true, Deadline);
        var block = session.Schemas.EphemeralResources["crd_k8s_kubeconfig"].Block;

        var first = (await session.Client.OpenAndCloseEphemeralAsync("crd_k8s_kubeconfig", Decode(block, s.Id), Deadline)).State;
        var second = (await session.Client.OpenAndCloseEphemeralAsync("crd_k8s_kubeconfig", Decode(block, s.Id), Deadline)).State;

        Assert.NotEqual(first.GetAttribute("client_key").AsString(), second.GetAttribute("client_key").AsString());
        AssertChainsTo(second.GetAttribute("client_certificate").AsString(), s.Text("ca_certificate")!);
    }

    [Fact]
    public async Task Ephemeral_UnknownCluster_ErrorAtClusterId()
    {
        await using var s = await StartAsync(fixture);
        var config = s.Config(Body());
        await using var session = await ProviderSession.StartAsync(s.Harness.Options, config.Provider, configure: true, Deadline);
        var block = session.Schemas.EphemeralResources["crd_k8s_kubeconfig"].Block;

        var opened = await session.Client.OpenAndCloseEphemeralAsync("crd_k8s_kubeconfig", Decode(block, "2f0c8a8e-0000-4000-8000-000000000000"), Deadline);

        var error = Assert.Single(opened.Diagnostics, d => d.IsError);
        Assert.Equal("Cluster Not Found", error.Summary);
        Assert.Equal("cluster_id", error.Path);
    }

    [Fact]
    public async Task DataSource_Read_ReturnsChainingCredentialsMarkedSensitive()
    {
        await using var s = await StartAsync(fixture);
        await s.Harness.ApplyAsync(s.Config(Body()), Deadline);
        var data = new ResourceConfig("crd_k8s_kubeconfig", "kc", new Dictionary<string, object?> { ["cluster_id"] = s.Id }, IsData: true);
        var config = s.Config(Body(), data);

        var plan = await s.Harness.PlanAsync(config, Deadline);

        var value = plan.Changes["data.crd_k8s_kubeconfig.kc"].Planned;
        AssertChainsTo(value.GetAttribute("client_certificate").AsString(), s.Text("ca_certificate")!);
        Assert.Contains("PRIVATE KEY", value.GetAttribute("client_key").AsString(), StringComparison.Ordinal);
        await using var session = await ProviderSession.StartAsync(s.Harness.Options, config.Provider, configure: false, Deadline);
        var block = session.Schemas.DataSources["crd_k8s_kubeconfig"].Block;
        Assert.True(block.FindAttribute("client_key")!.Sensitive);
        Assert.True(block.FindAttribute("kubeconfig")!.Sensitive);
        Assert.Contains("end up in the Terraform state", block.Description, StringComparison.Ordinal);
    }

    private static CtyValue Decode(Crd.Terraform.Plugin.Schema.Block block, string clusterId)
        => ConfigDecoder.DecodeBody(block, new Dictionary<string, object?> { ["cluster_id"] = clusterId }, _ => throw new InvalidOperationException(), "ephemeral.crd_k8s_kubeconfig.kc");

    private static void AssertChainsTo(string certificatePem, string caPem)
    {
        using var certificate = X509Certificate2.CreateFromPem(certificatePem);
        using var ca = X509Certificate2.CreateFromPem(caPem);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid("1.3.6.1.5.5.7.3.2")); // client authentication
        Assert.True(chain.Build(certificate), string.Join("; ", chain.ChainStatus.Select(c => c.StatusInformation)));
        Assert.Equal(ca.Thumbprint, chain.ChainElements[^1].Certificate.Thumbprint);
    }

    private static string DataOf(string kubeconfig, string key)
    {
        var line = kubeconfig.Split('\n').Single(l => l.TrimStart().StartsWith(key + ":", StringComparison.Ordinal));
        return Encoding.UTF8.GetString(Convert.FromBase64String(line[(line.IndexOf(':') + 1)..].Trim()));
    }
}
