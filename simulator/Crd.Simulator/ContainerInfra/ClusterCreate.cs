using System.Text.Json.Nodes;
using Crd.Simulator.Hosting;
using Crd.Simulator.Identity;
using Crd.Simulator.State;
using Microsoft.AspNetCore.Http;

namespace Crd.Simulator.ContainerInfra;

/// <summary>
/// <c>POST /v1/clusters</c>: validates against the template, applies the cluster quota (403) and
/// decides the outcome (injected fault, missing <c>kube_version</c>, lack of cores: CREATE_FAILED).
/// </summary>
public static class ClusterCreate
{
    /// <summary>Creates the cluster and its default nodegroups; returns the uuid.</summary>
    public static string Create(StoreTransaction tx, SimRuntime runtime, MagnumSettings settings, HttpContext ctx, TokenInfo token,
        JsonObject body, string name, (string Cert, string Key) ca, string? faultMessage)
    {
        var version = Microversion.Of(ctx, ContainerInfraModule.MinVersion);
        var projectId = token.RequireProject();
        var project = tx.Find<Project>(projectId) ?? throw ApiException.NotFound($"Project {projectId} could not be found.");
        var template = MagnumLookup.Template(tx, token, body.RequireString("cluster_template_id"));
        var masterCount = body.OptInt("master_count") ?? 1;
        if (masterCount < 1)
        {
            throw ApiException.BadRequest($"Invalid input for field/attribute master_count. Value: '{masterCount}'. Value should be greater or equal to 1");
        }
        var nodeCount = body.OptInt("node_count") ?? 1;
        ClusterRoutes.CheckNodeCount(nodeCount, version);
        var flavor = MagnumLookup.Flavor(tx, token.Site, body.OptString("flavor_id") ?? template.FlavorId ?? "m1.small");
        var masterFlavor = MagnumLookup.Flavor(tx, token.Site, body.OptString("master_flavor_id") ?? template.MasterFlavorId ?? flavor.Id);
        var keypair = body.OptString("keypair") ?? template.KeypairId;
        if (keypair is not null)
        {
            MagnumLookup.RequireKeypair(tx, token, keypair);
        }
        var labels = body.OptStringMap("labels");
        var merge = body.OptBool("merge_labels") ?? false;
        var createTimeout = body.OptInt("create_timeout") ?? 60;
        var floating = body.OptBool("floating_ip_enabled") ?? template.FloatingIpEnabled;
        var masterLb = body.OptBool("master_lb_enabled") ?? template.MasterLbEnabled;
        ClusterQuota.CheckClusterCount(tx, project);

        var cluster = new Cluster
        {
            Id = SimRuntime.NewUuid(),
            Site = token.Site,
            ProjectId = projectId,
            UserId = token.UserId,
            Name = name,
            TemplateId = template.Id,
            MasterCount = masterCount,
            FlavorId = flavor.Id,
            MasterFlavorId = masterFlavor.Id,
            Keypair = keypair,
            FloatingIpEnabled = floating,
            MasterLbEnabled = masterLb,
            DockerVolumeSize = body.OptInt("docker_volume_size") ?? template.DockerVolumeSize,
            CreateTimeout = createTimeout,
            FixedNetwork = body.OptString("fixed_network") ?? template.FixedNetwork,
            FixedSubnet = body.OptString("fixed_subnet") ?? template.FixedSubnet,
            StackId = SimRuntime.NewUuid(),
            CoeVersion = ClusterLifecycle.KubeVersion(tx, template.ImageId),
            CaCertificatePem = ca.Cert,
            CaKeyPem = ca.Key,
            CreatedAt = tx.Now,
            Pending = "create",
            DueAt = runtime.Due(tx, token.Site, "container-infra", settings.CreateSeconds),
        };
        ApplyLabels(cluster, template.Labels, labels, merge);
        var master = NewGroup(tx, cluster, "default-master", "master", masterCount, masterFlavor.Id, template.ImageId);
        var worker = NewGroup(tx, cluster, "default-worker", "worker", nodeCount, flavor.Id, template.ImageId);
        if (cluster.Labels.TryGetValue("min_node_count", out var min) && int.TryParse(min, out var minCount))
        {
            worker.MinNodeCount = minCount;
        }
        if (cluster.Labels.TryGetValue("max_node_count", out var max) && int.TryParse(max, out var maxCount))
        {
            worker.MaxNodeCount = maxCount;
        }
        cluster.FailMessage = faultMessage is not null
            ? "Resource CREATE failed: " + faultMessage
            : cluster.CoeVersion is null
                ? $"Image {template.ImageId} does not have a kube_version property."
                : ClusterQuota.CoresShortfall(tx, project, ClusterQuota.Cores(tx, cluster, [master, worker]), cluster.Id);
        tx.Put(master);
        tx.Put(worker);
        tx.Put(cluster);
        return cluster.Id;
    }

    private static Nodegroup NewGroup(StoreTransaction tx, Cluster cluster, string name, string role, int count, string flavorId, string imageId) => new()
    {
        Id = SimRuntime.NewUuid(),
        Site = cluster.Site,
        ProjectId = cluster.ProjectId,
        ClusterId = cluster.Id,
        Name = name,
        Role = role,
        NodeCount = count,
        MinNodeCount = role == "master" ? count : 0,
        MaxNodeCount = role == "master" ? count : null,
        FlavorId = flavorId,
        ImageId = imageId,
        Labels = new Dictionary<string, string>(cluster.Labels),
        DockerVolumeSize = cluster.DockerVolumeSize,
        IsDefault = true,
        StackId = cluster.StackId,
        CreatedAt = tx.Now,
    };

    /// <summary>Magnum's label rules: labels replace the template's unless merged; the report fields say what happened.</summary>
    public static void ApplyLabels(Cluster cluster, Dictionary<string, string> templateLabels, Dictionary<string, string>? given, bool merge)
    {
        if (given is null)
        {
            cluster.Labels = new Dictionary<string, string>(templateLabels);
            return;
        }
        cluster.Labels = merge ? new Dictionary<string, string>(templateLabels) : [];
        foreach (var (key, value) in given)
        {
            if (!templateLabels.TryGetValue(key, out var old))
            {
                cluster.LabelsAdded[key] = value;
            }
            else if (old != value)
            {
                cluster.LabelsOverridden[key] = old;
            }
            cluster.Labels[key] = value;
        }
        if (!merge)
        {
            foreach (var (key, value) in templateLabels.Where(p => !given.ContainsKey(p.Key)))
            {
                cluster.LabelsSkipped[key] = value;
            }
        }
    }
}
