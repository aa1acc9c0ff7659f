using Crd.Terraform.Plugin.Resources;

namespace Crd.Terraform.Plugin.Provider;

/// <summary>A provider with configuration rules beyond attribute validators.</summary>
public interface IProviderWithValidateConfig
{
    /// <summary>Called on ValidateProviderConfig; values may be unknown.</summary>
    Task ValidateConfigAsync(ValidateConfigRequest request, ValidateConfigResponse response, CancellationToken cancellationToken);
}
