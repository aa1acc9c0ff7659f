using Crd.Cloud;
using Crd.Terraform.Plugin.Cty;

namespace Crd.Provider.Quota;

/// <summary>One resource's planned quota delta.</summary>
/// <param name="Session">The site.</param>
/// <param name="ProjectId">The project consuming the quota.</param>
/// <param name="ResourceType">e.g. <c>crd_vm</c>, for messages.</param>
/// <param name="Delta">What this plan consumes (+) or frees (-).</param>
/// <param name="Path">Where to attach the error (usually the root of the resource).</param>
internal sealed record QuotaClaim(SiteSession Session, string ProjectId, string ResourceType, QuotaDemand Delta, CtyPath Path);
