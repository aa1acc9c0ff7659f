using System.Text.Json.Nodes;
using Crd.Cloud;
using Crd.Cloud.Image;

namespace Crd.Provider.Tests.Acceptance;

/// <summary>Makes another Kubernetes template in the tenant (for upgrades and crd_k8s_templates).</summary>
internal static class K8sTemplates
{
    /// <summary>
    /// Creates a private template on the site's Kubernetes image with label <c>kube_tag</c>;
    /// returns its uuid. (crd-sim has no image upload, so the template shares the image of
    /// <c>k8s-v1.30</c>: the upgrade moves the cluster to another template, not another image.)
    /// </summary>
    public static async Task<string> CreateTemplateAsync(K8sScenario s, string name, string kubeTag)
    {
        var ct = K8sScenario.Deadline;
        var image = await new ImageClient(s.Api).ResolveAsync("ubuntu-22.04-kube-v1.30", ct);
        var template = await s.Api.SendAsync(CloudRequest.Post(CloudService.ContainerInfra, "/clustertemplates", new JsonObject
        {
            ["name"] = name,
            ["coe"] = "kubernetes",
            ["image_id"] = image.Id,
            ["flavor_id"] = "m1.small",
            ["master_flavor_id"] = "m1.small",
            ["labels"] = new JsonObject { ["kube_tag"] = kubeTag },
        }, "1.10"), ct);
        return template.Body!["uuid"]!.GetValue<string>();
    }
}
