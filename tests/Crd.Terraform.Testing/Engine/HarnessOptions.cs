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

    /// <summary>
    /// Called with each provider process just before the harness shuts it down (at the end of
    /// every command), e.g. to read its peak memory from <c>/proc/&lt;pid&gt;/status</c>.
    /// </summary>
    public Action<Transport.PluginProcess>? ProviderStopping { get; init; }

    /// <summary>The Terraform version reported in ConfigureProvider.</summary>
    public string TerraformVersion { get; init; } = "1.11.4";
}
