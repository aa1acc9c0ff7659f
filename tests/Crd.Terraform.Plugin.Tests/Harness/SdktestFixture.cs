using Crd.Terraform.Plugin.Tests.Support;
using Crd.Terraform.Testing;
using Crd.Terraform.Testing.Configuration;

namespace Crd.Terraform.Plugin.Tests.Harness;

/// <summary>A harness over the sdktest provider with a private object store per test.</summary>
internal sealed class SdktestFixture : IDisposable
{
    public SdktestFixture(string offeredVersions = "5,6")
    {
        StoreDirectory = Directory.CreateTempSubdirectory("sdktest-store-").FullName;
        Harness = new TerraformHarness(new HarnessOptions
        {
            ProviderExecutable = TestProviderBinary.Path,
            OfferedProtocolVersions = offeredVersions,
            Environment = new Dictionary<string, string?> { ["SDKTEST_STORE"] = StoreDirectory },
        });
    }

    public string StoreDirectory { get; }

    public TerraformHarness Harness { get; }

    public static CancellationToken Deadline => new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token;

    public static TerraformConfiguration Config(params ResourceConfig[] resources)
        => new() { Provider = new Dictionary<string, object?> { ["prefix"] = "p-" }, Resources = resources };

    public static ResourceConfig Thing(string name, Dictionary<string, object?> body) => new("sdktest_thing", name, body);

    public int StoredObjects => Directory.GetFiles(StoreDirectory, "*.json").Length;

    public void Dispose()
    {
        try
        {
            Directory.Delete(StoreDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
