namespace Crd.Cloud.ContainerInfra;

/// <summary>What <c>POST /clusters/{id}/nodegroups</c> needs.</summary>
/// <param name="Name">Group name.</param>
/// <param name="FlavorId">Flavor id (null: the cluster's worker flavor).</param>
/// <param name="NodeCount">Initial nodes.</param>
/// <param name="MinNodeCount">Lower bound (null: Magnum's default).</param>
/// <param name="MaxNodeCount">Upper bound (null: no autoscaling).</param>
/// <param name="Labels">Labels of the group, merged with the cluster's.</param>
public sealed record NodegroupSpec(string Name, string? FlavorId, int NodeCount, int? MinNodeCount, int? MaxNodeCount, IReadOnlyDictionary<string, string> Labels);
