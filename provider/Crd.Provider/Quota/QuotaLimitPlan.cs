using Crd.Cloud;
using Crd.Terraform.Plugin.Cty;

namespace Crd.Provider.Quota;

/// <summary>
/// What a planned <c>crd_quota</c> change does to a project's limits on a site: the new limit of
/// each managed dimension, by <see cref="QuotaKind.Name"/>, in the unit <see cref="QuotaDemand"/>
/// counts (RAM in MB, storage in GB), and the attribute each comes from.
/// </summary>
internal sealed record QuotaLimitPlan(SiteSession Session, string ProjectId, IReadOnlyDictionary<string, long> Limits, IReadOnlyDictionary<string, CtyPath> Paths);
