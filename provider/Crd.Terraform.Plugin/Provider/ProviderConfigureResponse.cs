using Crd.Terraform.Plugin.Diagnostics;

namespace Crd.Terraform.Plugin.Provider;

/// <summary>Output of <see cref="IProvider.ConfigureAsync"/>.</summary>
public sealed class ProviderConfigureResponse
{
    /// <summary>What resources, data sources and ephemeral resources receive (API clients).</summary>
    public object? ProviderData { get; set; }

    /// <summary>Problems met.</summary>
    public DiagnosticCollection Diagnostics { get; } = new();
}
