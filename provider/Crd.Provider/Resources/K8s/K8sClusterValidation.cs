using Crd.Cloud.ContainerInfra;
using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Diagnostics;
using Crd.Terraform.Plugin.Resources;

namespace Crd.Provider.Resources.K8s;

/// <summary>
/// Cross-attribute rules of <c>crd_k8s_cluster</c>, checked at validate and plan time with the
/// attribute path: <c>min_nodes &lt;= node_count &lt;= max_nodes</c> for the default group and every
/// node group, unique group names, and Magnum's own groups not declared as node groups.
/// Unknown values are not judged.
/// </summary>
internal static class K8sClusterValidation
{
    public static void Validate(ResourceData config, DiagnosticCollection diagnostics)
    {
        if (config.GetBlock("autoscaling") is { } autoscaling)
        {
            CheckRange(CtyPath.Root, "node_count", NodeGroupConfig.Int(config, "node_count"),
                CtyPath.Root.Attribute("autoscaling"), NodeGroupConfig.Int(autoscaling, "min_nodes"), NodeGroupConfig.Int(autoscaling, "max_nodes"), "the default worker group", diagnostics);
        }

        var groups = config.GetBlocks("node_group");
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < groups.Count; i++)
        {
            var group = groups[i];
            var path = CtyPath.Root.Attribute("node_group").Index(i);
            if (group.GetString("name") is { } name)
            {
                if (name is MagnumNodegroup.DefaultWorker or MagnumNodegroup.DefaultMaster)
                {
                    diagnostics.AddAttributeError(path.Attribute("name"), "Reserved Node Group Name",
                        $"\"{name}\" is the group Magnum creates with every cluster; it cannot be declared, replaced or deleted as a node_group. "
                        + (name == MagnumNodegroup.DefaultWorker
                            ? "Size the default worker group with the cluster's `node_count` and `autoscaling { min_nodes max_nodes }`, or give this group another name."
                            : "The control plane is sized by `master_count`; give this group another name."));
                }
                else if (seen.TryGetValue(name, out var first))
                {
                    diagnostics.AddAttributeError(path.Attribute("name"), "Duplicate Node Group Name",
                        $"node_group[{i}] and node_group[{first}] are both named \"{name}\". Node groups are matched by name: give each a unique name.");
                }
                else
                {
                    seen[name] = i;
                }
            }

            var min = NodeGroupConfig.Int(group, "min_nodes");
            var max = NodeGroupConfig.Int(group, "max_nodes");
            if (min is not null && max is null && !group.IsUnknown("max_nodes"))
            {
                diagnostics.AddAttributeError(path.Attribute("min_nodes"), "Minimum Without Maximum",
                    "`min_nodes` bounds the autoscaler, which is enabled by `max_nodes`. Set `max_nodes` too, or remove `min_nodes`.");
                continue;
            }

            CheckRange(path, "node_count", NodeGroupConfig.Int(group, "node_count"), path, min ?? (max is null ? null : 1), max, $"node group \"{group.GetString("name")}\"", diagnostics);
        }
    }

    private static void CheckRange(CtyPath countOwner, string countName, int? count, CtyPath boundsOwner, int? min, int? max, string what, DiagnosticCollection diagnostics)
    {
        if (min is { } lo && max is { } hi && lo > hi)
        {
            diagnostics.AddAttributeError(boundsOwner.Attribute("min_nodes"), "Invalid Autoscaling Bounds",
                $"For {what}, min_nodes ({lo}) is greater than max_nodes ({hi}). Make min_nodes <= node_count <= max_nodes.");
            return;
        }

        if (count is not { } n)
        {
            return;
        }

        if (min is { } low && n < low)
        {
            diagnostics.AddAttributeError(countOwner.Attribute(countName), "Node Count Out Of Bounds",
                $"For {what}, node_count ({n}) is below min_nodes ({low}). Make min_nodes <= node_count <= max_nodes.");
        }
        else if (max is { } high && n > high)
        {
            diagnostics.AddAttributeError(countOwner.Attribute(countName), "Node Count Out Of Bounds",
                $"For {what}, node_count ({n}) is above max_nodes ({high}). Make min_nodes <= node_count <= max_nodes.");
        }
    }
}
