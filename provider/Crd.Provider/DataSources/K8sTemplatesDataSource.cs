using System.Globalization;
using Crd.Cloud;
using Crd.Cloud.ContainerInfra;
using Crd.Cloud.Image;
using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.DataSources;
using Crd.Terraform.Plugin.Resources;
using Crd.Terraform.Plugin.Schema;
using Crd.Terraform.Plugin.Validators;

namespace Crd.Provider.DataSources;

/// <summary>
/// <c>crd_k8s_templates</c>: the Kubernetes cluster templates of a site, newest Kubernetes
/// version first, optionally only one version line, so that a configuration picks the newest
/// template without hard-coding it (docs/data-sources/k8s_templates.md).
/// </summary>
internal sealed class K8sTemplatesDataSource : IDataSource, IResourceWithConfigure
{
    private static readonly CtyType TemplateType = CtyType.Object(new Dictionary<string, CtyType>
    {
        ["id"] = CtyType.String,
        ["name"] = CtyType.String,
        ["kube_version"] = CtyType.String,
        ["image_id"] = CtyType.String,
        ["public"] = CtyType.Bool,
        ["hidden"] = CtyType.Bool,
        ["labels"] = CtyType.Map(CtyType.String),
    });

    private ProviderContext? _context;

    public string TypeName => "crd_k8s_templates";

    public SchemaDefinition Schema { get; } = new(new Block
    {
        Description = "Kubernetes cluster templates of a site, newest Kubernetes version first. `id` and `name` are the newest one's: `template = data.crd_k8s_templates.x.name` follows new releases (a new template then upgrades the cluster in place).",
        Attributes =
        {
            new SchemaAttribute("site", CtyType.String) { Optional = true, Computed = true, Description = "Site to list. Default: the provider's `default_site`." },
            new SchemaAttribute("kube_version", CtyType.String)
            {
                Optional = true,
                Validators = [StringValidators.Matches(new System.Text.RegularExpressions.Regex(@"^v?\d+(\.\d+){0,2}$"), "be a Kubernetes version or version prefix such as `1.30`, `v1.30` or `v1.30.2`")],
                Description = "Keep templates of this Kubernetes version or version line: `1.30` matches `v1.30.0` and `v1.30.2`, not `v1.3.0`; a leading `v` is optional.",
            },
            new SchemaAttribute("include_hidden", CtyType.Bool) { Optional = true, Description = "Also list templates the operator has hidden (deprecated). Default false." },
            new SchemaAttribute("templates", CtyType.List(TemplateType)) { Computed = true, Description = "Matching templates, newest Kubernetes version first (then by name): `id`, `name`, `kube_version`, `image_id`, `public`, `hidden`, `labels`." },
            new SchemaAttribute("id", CtyType.String) { Computed = true, Description = "Uuid of the newest matching template." },
            new SchemaAttribute("name", CtyType.String) { Computed = true, Description = "Name of the newest matching template." },
            new SchemaAttribute("latest_kube_version", CtyType.String) { Computed = true, Description = "Kubernetes version of the newest matching template." },
        },
    });

    public void Configure(object? providerData) => _context = providerData as ProviderContext;

    public async Task ReadAsync(DataSourceReadRequest request, DataSourceReadResponse response, CancellationToken cancellationToken)
    {
        var config = request.Config;
        if (DataSourceSite.Resolve(_context, config, response.Diagnostics) is not { } session)
        {
            return;
        }

        List<(MagnumTemplate Template, string? Version)> all;
        try
        {
            var templates = (await new MagnumClient(session).ListTemplatesAsync(cancellationToken).ConfigureAwait(false)).Where(t => t.Coe == "kubernetes").ToList();
            IReadOnlyList<Image>? images = null;
            if (templates.Any(t => t.KubeTag is null))
            {
                // The driver takes the version from the image's kube_version property when the template has no kube_tag.
                images = await new ImageClient(session).ListAsync(new ImageQuery(), cancellationToken).ConfigureAwait(false);
            }

            all = [.. templates.Select(t => (t, t.KubeTag ?? images?.FirstOrDefault(i => i.Id == t.ImageId)?.Properties.GetValueOrDefault("kube_version")))];
        }
        catch (CloudException e)
        {
            DataSourceSite.AddCloudError(response.Diagnostics, DataSourceSite.Path, "Cannot List Cluster Templates", session.Site, e);
            return;
        }

        var wanted = config.GetString("kube_version");
        var hidden = config.GetBool("include_hidden") == true;
        var matching = all
            .Where(x => hidden || !x.Template.Hidden)
            .Where(x => wanted is null || (x.Version is not null && VersionMatches(x.Version, wanted)))
            .OrderByDescending(x => Parse(x.Version)).ThenBy(x => x.Template.Name, StringComparer.Ordinal)
            .ToList();
        if (matching.Count == 0)
        {
            var known = all.Select(x => $"{x.Template.Name} ({x.Version ?? "no version"})").Order(StringComparer.Ordinal).ToList();
            response.Diagnostics.AddAttributeError(wanted is null ? CtyPath.Root : CtyPath.Root.Attribute("kube_version"), "No Matching Cluster Template",
                $"No Kubernetes cluster template on site \"{session.Site}\" matches{(wanted is null ? "" : $" kube_version \"{wanted}\"")}. Templates there: {(known.Count == 0 ? "none" : string.Join(", ", known))}.");
            return;
        }

        var state = response.State;
        state.SetString("site", session.Site);
        state.Set("templates", CtyValue.List(TemplateType, matching.Select(x => ToValue(x.Template, x.Version))));
        state.SetString("id", matching[0].Template.Id);
        state.SetString("name", matching[0].Template.Name);
        state.SetString("latest_kube_version", matching[0].Version);
    }

    /// <summary>True when <paramref name="version"/> is <paramref name="wanted"/> or in its line (component-wise prefix).</summary>
    internal static bool VersionMatches(string version, string wanted)
    {
        var have = version.TrimStart('v').Split('.');
        var want = wanted.TrimStart('v').Split('.');
        return want.Length <= have.Length && want.Select((part, i) => int.TryParse(part, CultureInfo.InvariantCulture, out var w) && int.TryParse(have[i], CultureInfo.InvariantCulture, out var h) && w == h).All(x => x);
    }

    private static Version Parse(string? version)
    {
        var parts = (version ?? "").TrimStart('v').Split('.', '-', '+');
        var numbers = parts.Take(3).Select(p => int.TryParse(p, CultureInfo.InvariantCulture, out var n) ? n : 0).ToList();
        while (numbers.Count < 3)
        {
            numbers.Add(0);
        }

        return version is null ? new Version(0, 0) : new Version(numbers[0], numbers[1], numbers[2]);
    }

    private static CtyValue ToValue(MagnumTemplate t, string? version) => CtyValue.Object(TemplateType, new Dictionary<string, CtyValue>
    {
        ["id"] = CtyValue.String(t.Id),
        ["name"] = CtyValue.String(t.Name),
        ["kube_version"] = version is null ? CtyValue.Null(CtyType.String) : CtyValue.String(version),
        ["image_id"] = CtyValue.String(t.ImageId),
        ["public"] = CtyValue.Bool(t.Public),
        ["hidden"] = CtyValue.Bool(t.Hidden),
        ["labels"] = CtyValue.Map(CtyType.String, t.Labels.Select(p => KeyValuePair.Create(p.Key, CtyValue.String(p.Value)))),
    });
}
