using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Crd.Simulator.Testing;
using Crd.Terraform.Testing;
using Crd.Terraform.Testing.Configuration;
using static Crd.Provider.Tests.Acceptance.VmTestKit;

namespace Crd.Provider.Tests.Acceptance;

/// <summary>
/// <c>crd_key_pair</c> through the harness against crd-sim: import of a given public key,
/// fingerprint known at plan time and equal to Nova's, import, comment-only change in place,
/// a new key replaces, a VM using it, and the refusals (private key, not a key, name taken).
/// </summary>
public sealed class KeyPairTests(SharedCrdSim fixture) : IClassFixture<SharedCrdSim>
{
    private const string KeyPair = "crd_key_pair.admin";

    private static ResourceConfig KeyPairBlock(string name, string publicKey) =>
        new("crd_key_pair", "admin", new Dictionary<string, object?> { ["name"] = name, ["public_key"] = publicKey });

    private static TerraformConfiguration ConfigOf(SimTenant tenant, params ResourceConfig[] resources) => new() { Provider = CrdSim.ProviderBlock(tenant), Resources = resources };

    [Fact]
    public async Task KeyPairResource_Lifecycle_ImportsTheGivenKeyAndReplacesOnANewKey()
    {
        var sim = await fixture.GetAsync();
        var tenant = await sim.CreateTenantAsync();
        var harness = Harness();
        var key = PublicKey("alice@laptop");

        // Create: the fingerprint is known at plan time and is Nova's.
        var config = ConfigOf(tenant, KeyPairBlock("admin", key));
        var plan = await harness.PlanAsync(config, Deadline);
        var planned = plan.Changes[KeyPair].Planned.GetAttribute("fingerprint");
        await harness.ApplyAsync(config, Deadline);
        var state = State(harness, KeyPair);
        var stored = Assert.Single(await sim.ListObjectsAsync("compute.keypairs", tenant.Site), k => Field(k, "Name") == "admin" && Field(k, "PublicKey") == key);
        Assert.Equal(Field(stored, "Fingerprint"), Text(state, "fingerprint"));
        Assert.True(planned.IsKnown, "the fingerprint is known at plan time");
        Assert.Equal(Text(state, "fingerprint"), planned.AsString());
        Assert.Equal("admin", Text(state, "id"));
        Assert.Equal(key, Text(state, "public_key"));
        Assert.DoesNotContain("PRIVATE", harness.State.Get(KeyPair)!.AttributesJson, StringComparison.Ordinal);
        Assert.True((await harness.PlanAsync(config, Deadline)).IsEmpty);

        // Import by <site>/<name>.
        await harness.ImportVerifyAsync(config, KeyPair, "toulouse/admin", [], Deadline);

        // A VM uses it by name.
        config = ConfigOf(tenant, KeyPairBlock("admin", key), new ResourceConfig("crd_vm", "web", Vm(b => b["key_pair"] = new Ref(KeyPair, "name"))));
        await harness.ApplyAsync(config, Deadline);
        Assert.Equal("admin", Field(Assert.Single(await ServersAsync(sim, tenant)), "KeyName"));
        config = config.Without(Address);
        await harness.ApplyAsync(config, Deadline);

        // Same key, another comment: an in-place no-op, not a replacement.
        var recommented = key[..key.LastIndexOf(' ')] + " alice@desktop";
        config = ConfigOf(tenant, KeyPairBlock("admin", recommented));
        plan = await harness.ApplyAsync(config, Deadline);
        Assert.Equal(ChangeAction.Update, plan.ActionOf(KeyPair));
        Assert.True((await harness.PlanAsync(config, Deadline)).IsEmpty);

        // Another key replaces the key pair.
        var other = PublicKey("alice@laptop");
        config = ConfigOf(tenant, KeyPairBlock("admin", other));
        plan = await harness.ApplyAsync(config, Deadline);
        Assert.Equal(ChangeAction.Replace, plan.ActionOf(KeyPair));
        Assert.Single(await sim.ListObjectsAsync("compute.keypairs", tenant.Site), k => Field(k, "PublicKey") == other);
        Assert.True((await harness.PlanAsync(config, Deadline)).IsEmpty);

        // Destroy.
        await harness.DestroyAsync(config, Deadline);
        Assert.DoesNotContain(await sim.ListObjectsAsync("compute.keypairs", tenant.Site), k => Field(k, "PublicKey") == other);
    }

    [Fact]
    public async Task Create_NameTakenByAnotherKey_ErrorSuggestsImport()
    {
        var sim = await fixture.GetAsync();
        var tenant = await sim.CreateTenantAsync();
        var first = Harness();
        await first.ApplyAsync(ConfigOf(tenant, KeyPairBlock("shared", PublicKey("a"))), Deadline);

        var error = await Assert.ThrowsAsync<TerraformCommandException>(() => Harness().ApplyAsync(ConfigOf(tenant, KeyPairBlock("shared", PublicKey("b"))), Deadline));

        var diagnostic = Assert.Single(error.Diagnostics, d => d.IsError);
        Assert.Equal("Key Pair Already Exists", diagnostic.Summary);
        Assert.Contains("toulouse/shared", diagnostic.Detail, StringComparison.Ordinal);
        await first.DestroyAsync(ConfigOf(tenant, KeyPairBlock("shared", PublicKey("a"))), Deadline);
    }

    [Theory]
    [InlineData("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n", "Private Key Given")]
    [InlineData("ssh-rsa not-base64!", "Invalid Public Key")]
    [InlineData("ssh-ed25519 AAAAB3NzaC1yc2EAAAADAQAB", "Invalid Public Key")]
    public async Task Validate_NotAPublicKey_IsRefusedWithoutEchoingIt(string value, string summary)
    {
        var sim = await fixture.GetAsync();
        var tenant = await sim.CreateTenantAsync();

        var diagnostics = await Harness().ValidateAsync(ConfigOf(tenant, KeyPairBlock("bad", value)), Deadline);

        var diagnostic = Assert.Single(diagnostics, d => d.IsError);
        Assert.Equal(summary, diagnostic.Summary);
        Assert.Equal("public_key", diagnostic.Path);
        Assert.DoesNotContain("b3BlbnNzaC1rZXktdjEAAAAA", diagnostic.Detail, StringComparison.Ordinal);
    }

    /// <summary>A fresh OpenSSH RSA public key line (<c>ssh-rsa AAAA... comment</c>).</summary>
    internal static string PublicKey(string comment)
    {
        using var rsa = RSA.Create(2048);
        var parameters = rsa.ExportParameters(false);
        using var blob = new MemoryStream();
        Write(blob, Encoding.ASCII.GetBytes("ssh-rsa"));
        Write(blob, Mpint(parameters.Exponent!));
        Write(blob, Mpint(parameters.Modulus!));
        return $"ssh-rsa {Convert.ToBase64String(blob.ToArray())} {comment}";

        static byte[] Mpint(byte[] value) => value[0] >= 0x80 ? [0, .. value] : value;

        static void Write(Stream stream, byte[] bytes)
        {
            Span<byte> length = stackalloc byte[4];
            BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
            stream.Write(length);
            stream.Write(bytes);
        }
    }
}
