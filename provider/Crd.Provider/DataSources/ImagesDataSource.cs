using System.Globalization;
using Crd.Cloud;
using Crd.Cloud.Image;
using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.DataSources;
using Crd.Terraform.Plugin.Resources;
using Crd.Terraform.Plugin.Schema;
using Crd.Terraform.Plugin.Validators;

namespace Crd.Provider.DataSources;

/// <summary>
/// <c>crd_images</c>: the active images of a site filtered by name, regex and properties, newest
/// first, and the pick when one remains or <c>most_recent</c> is set (docs/data-sources/images.md).
/// </summary>
internal sealed class ImagesDataSource : IDataSource, IResourceWithConfigure
{
    private static readonly CtyType ImageType = CtyType.Object(new Dictionary<string, CtyType>
    {
        ["id"] = CtyType.String,
        ["name"] = CtyType.String,
        ["created_at"] = CtyType.String,
        ["min_disk_gb"] = CtyType.Number,
        ["min_ram_mb"] = CtyType.Number,
        ["size_bytes"] = CtyType.Number,
        ["visibility"] = CtyType.String,
        ["tags"] = CtyType.List(CtyType.String),
        ["properties"] = CtyType.Map(CtyType.String),
    });

    private ProviderContext? _context;

    public string TypeName => "crd_images";

    public SchemaDefinition Schema { get; } = new(new Block
    {
        Description = "Active images of a site, filtered by name, regular expression and properties, newest first.",
        Attributes =
        {
            new SchemaAttribute("site", CtyType.String) { Optional = true, Computed = true, Description = "Site to search. Default: the provider's `default_site`." },
            new SchemaAttribute("name", CtyType.String) { Optional = true, Computed = true, Description = "Keep images with exactly this name. When not set: the name of the picked image (see `id`).", Validators = [new ConflictsWith("name_regex")] },
            new SchemaAttribute("name_regex", CtyType.String) { Optional = true, Description = "Keep images whose name matches this regular expression (unanchored: use `^...$` for a whole-name match).", Validators = [new ValidRegex()] },
            new SchemaAttribute("properties", CtyType.Map(CtyType.String)) { Optional = true, Description = "Keep images that have every one of these properties with exactly these values, e.g. `{ os_distro = \"ubuntu\" }`." },
            new SchemaAttribute("most_recent", CtyType.Bool) { Optional = true, Description = "When several images match, pick the newest (by `created_at`) for `id` and `name`. Default false." },
            new SchemaAttribute("images", CtyType.List(ImageType)) { Computed = true, Description = "Matching images, newest first: `id`, `name`, `created_at` (RFC 3339), `min_disk_gb`, `min_ram_mb`, `size_bytes`, `visibility`, `tags`, `properties`." },
            new SchemaAttribute("id", CtyType.String) { Computed = true, Description = "Id of the picked image: the only match, or the newest when `most_recent` is true; null when several match and `most_recent` is not set." },
        },
    });

    public void Configure(object? providerData) => _context = providerData as ProviderContext;

    public async Task ReadAsync(DataSourceReadRequest request, DataSourceReadResponse response, CancellationToken cancellationToken)
    {
        var config = request.Config;
        var session = DataSourceSite.Resolve(_context, config, response.Diagnostics);
        if (session is null)
        {
            return;
        }

        IReadOnlyList<Image> all;
        try
        {
            all = await new ImageClient(session).ListAsync(new ImageQuery(), cancellationToken).ConfigureAwait(false);
        }
        catch (CloudException e)
        {
            DataSourceSite.AddCloudError(response.Diagnostics, DataSourceSite.Path, "Cannot List Images", session.Site, e);
            return;
        }

        var active = all.Where(i => i.Status == "active").ToList();
        var name = config.GetString("name");
        var regex = config.GetString("name_regex") is { } pattern ? ValidRegex.Compile(pattern) : null;
        var properties = config.GetStringMap("properties") ?? new Dictionary<string, string>();
        var matching = active
            .Where(i => name is null || i.Name == name)
            .Where(i => regex is null || regex.IsMatch(i.Name))
            .Where(i => properties.All(p => i.Properties.TryGetValue(p.Key, out var v) && v == p.Value))
            .OrderByDescending(i => i.CreatedAt).ThenBy(i => i.Name, StringComparer.Ordinal).ThenBy(i => i.Id, StringComparer.Ordinal)
            .ToList();

        if (matching.Count == 0)
        {
            var path = name is not null ? CtyPath.Root.Attribute("name")
                : regex is not null ? CtyPath.Root.Attribute("name_regex")
                : properties.Count > 0 ? CtyPath.Root.Attribute("properties")
                : CtyPath.Root;
            var names = active.Select(i => i.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(n => $"\"{n}\"").ToList();
            response.Diagnostics.AddAttributeError(path, "No Matching Image",
                $"No active image on site \"{session.Site}\" matches {Criteria(name, config.GetString("name_regex"), properties)}. Images there: {(names.Count == 0 ? "none" : string.Join(", ", names))}.");
            return;
        }

        var state = response.State;
        state.SetString("site", session.Site);
        state.Set("images", CtyValue.List(ImageType, matching.Select(ToValue)));
        var pick = matching.Count == 1 || config.GetBool("most_recent") == true ? matching[0] : null;
        state.SetString("id", pick?.Id);
        state.SetString("name", name ?? pick?.Name);
    }

    private static CtyValue ToValue(Image i) => CtyValue.Object(ImageType, new Dictionary<string, CtyValue>
    {
        ["id"] = CtyValue.String(i.Id),
        ["name"] = CtyValue.String(i.Name),
        ["created_at"] = i.CreatedAt is { } created ? CtyValue.String(created.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)) : CtyValue.Null(CtyType.String),
        ["min_disk_gb"] = CtyValue.Number(i.MinDiskGb),
        ["min_ram_mb"] = CtyValue.Number(i.MinRamMb),
        ["size_bytes"] = i.SizeBytes is { } size ? CtyValue.Number(size) : CtyValue.Null(CtyType.Number),
        ["visibility"] = CtyValue.String(i.Visibility),
        ["tags"] = CtyValue.List(CtyType.String, i.Tags.Select(CtyValue.String)),
        ["properties"] = CtyValue.Map(CtyType.String, i.Properties.Select(p => KeyValuePair.Create(p.Key, CtyValue.String(p.Value)))),
    });

    private static string Criteria(string? name, string? regex, IReadOnlyDictionary<string, string> properties)
    {
        var parts = new List<string>();
        if (name is not null)
        {
            parts.Add($"name = \"{name}\"");
        }

        if (regex is not null)
        {
            parts.Add($"name matching /{regex}/");
        }

        parts.AddRange(properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} = \"{p.Value}\""));
        return parts.Count == 0 ? "(no filter)" : string.Join(", ", parts);
    }
}
