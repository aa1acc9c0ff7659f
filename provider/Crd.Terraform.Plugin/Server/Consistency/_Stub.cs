using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Schema;
namespace Crd.Terraform.Plugin.Server.Consistency;
internal sealed record ConsistencyError(CtyPath Path, string Message);
internal static class PlanValidity { public static IReadOnlyList<ConsistencyError> Check(Block b, CtyValue p, CtyValue c, CtyValue pl) => []; }
internal static class ApplyConsistency { public static IReadOnlyList<ConsistencyError> Check(Block b, CtyValue p, CtyValue a) => []; }
internal static class RequiresReplacePaths { public static IReadOnlyList<CtyPath> Evaluate(CtyValue p, CtyValue pl, IEnumerable<CtyPath> r) => r.ToList(); }
