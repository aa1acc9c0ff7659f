namespace Crd.Terraform.Testing;

/// <summary>How the harness launches and drives a provider.</summary>
public sealed class HarnessOptions
{
    /// <summary>The provider executable (the published binary in acceptance tests).</summary>
    public required string ProviderExecutable { get; init; }

    /// <summary>Extra environment for the provider process.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>PLUGIN_PROTOCOL_VERSIONS as Terraform sends it ("5,6").</summary>
    public string OfferedProtocolVersions { get; init; } = "5,6";

    /// <summary>Graph walk parallelism (Terraform's default is 10).</summary>
    public int Parallelism { get; init; } = 10;

    /// <summary>The Terraform version reported in ConfigureProvider.</summary>
    public string TerraformVersion { get; init; } = "1.11.4";
}
