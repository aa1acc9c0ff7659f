namespace Crd.Terraform.Plugin.Resources;

/// <summary>Input of <see cref="IResourceWithImportState.ImportStateAsync"/>.</summary>
/// <param name="Id">The id the practitioner gave (<c>terraform import ADDR ID</c> or an import block).</param>
public sealed record ImportStateRequest(string Id);
