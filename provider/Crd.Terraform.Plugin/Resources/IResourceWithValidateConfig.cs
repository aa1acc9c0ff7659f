namespace Crd.Terraform.Plugin.Resources;

/// <summary>A resource with cross-attribute configuration rules.</summary>
public interface IResourceWithValidateConfig
{
    /// <summary>
    /// Called on ValidateResourceConfig after attribute validators. Values may be unknown:
    /// only judge what is known.
    /// </summary>
    Task ValidateConfigAsync(ValidateConfigRequest request, ValidateConfigResponse response, CancellationToken cancellationToken);
}
