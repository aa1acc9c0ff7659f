using System.Globalization;
using Crd.Cloud;
using Crd.Cloud.Compute;
using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.DataSources;
using Crd.Terraform.Plugin.Resources;
using Crd.Terraform.Plugin.Schema;
using Crd.Terraform.Plugin.Validators;

namespace Crd.Provider.DataSources;

/// <summary>
/// <c>crd_flavors</c>: the flavors of a site that satisfy minimum sizes, smallest first, and the
/// smallest one's id and name (docs/data-sources/flavors.md).
/// </summary>
internal sealed class FlavorsDataSource : IDataSource, IResourceWithConfigure
{
    private static readonly CtyType FlavorType = CtyType.Object(new Dictionary<string, CtyType>
    {
        ["id"] = CtyType.String,
        ["name"] = CtyType.String,
        ["vcpus"] = CtyType.Number,
        ["ram_gb"] = CtyType.Number,
        ["disk_gb"] = CtyType.Number,
    });

    private ProviderContext? _context;

    public string TypeName => "crd_flavors";

    public SchemaDefinition Schema { get; } = new(new Block
    {
        Description = "Flavors of a site that have at least the given vCPUs, RAM and disk, smallest first.",
        Attributes =
        {
            new SchemaAttribute("site", CtyType.String) { Optional = true, Computed = true, Description = "Site to list. Default: the provider's `default_site`." },
            new SchemaAttribute("min_vcpus", CtyType.Number) { Optional = true, Description = "Keep flavors with at least this many vCPUs.", Validators = [NumberValidators.IntegerBetween(0, 4096)] },
            new SchemaAttribute("min_ram_gb", CtyType.Number) { Optional = true, Description = "Keep flavors with at least this much RAM, in GB.", Validators = [NumberValidators.IntegerBetween(0, 1_048_576)] },
            new SchemaAttribute("min_disk_gb", CtyType.Number) { Optional = true, Description = "Keep flavors with at least this much root disk, in GB.", Validators = [NumberValidators.IntegerBetween(0, 1_048_576)] },
            new SchemaAttribute("name", CtyType.String) { Optional = true, Computed = true, Description = "Keep the flavor with exactly this name. When not set: the name of the smallest matching flavor.", Validators = [new ConflictsWith("name_regex")] },
            new SchemaAttribute("name_regex", CtyType.String) { Optional = true, Description = "Keep flavors whose name matches this regular expression (unanchored: use `^...$` for a whole-name match).", Validators = [new ValidRegex()] },
            new SchemaAttribute("flavors", CtyType.List(FlavorType)) { Computed = true, Description = "Matching flavors, smallest first (by vCPUs, then RAM, then disk, then name): `id`, `name`, `vcpus`, `ram_gb`, `disk_gb`." },
            new SchemaAttribute("id", CtyType.String) { Computed = true, Description = "Id of the smallest matching flavor." },
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

        IReadOnlyList<Flavor> all;
        try
        {
            all = await new FlavorClient(session).ListAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (CloudException e)
        {
            DataSourceSite.AddCloudError(response.Diagnostics, DataSourceSite.Path, "Cannot List Flavors", session.Site, e);
            return;
        }

        var minVcpus = config.GetInt64("min_vcpus") ?? 0;
        var minRamMb = (config.GetInt64("min_ram_gb") ?? 0) * 1024;
        var minDisk = config.GetInt64("min_disk_gb") ?? 0;
        var name = config.GetString("name");
        var regex = config.GetString("name_regex") is { } pattern ? ValidRegex.Compile(pattern) : null;
        var matching = all
            .Where(f => f.Vcpus >= minVcpus && f.RamMb >= minRamMb && f.DiskGb >= minDisk)
            .Where(f => name is null || f.Name == name)
            .Where(f => regex is null || regex.IsMatch(f.Name))
            .OrderBy(f => f.Vcpus).ThenBy(f => f.RamMb).ThenBy(f => f.DiskGb).ThenBy(f => f.Name, StringComparer.Ordinal)
            .ToList();

        if (matching.Count == 0)
        {
            var path = name is not null ? CtyPath.Root.Attribute("name") : regex is not null ? CtyPath.Root.Attribute("name_regex") : CtyPath.Root;
            var available = string.Join(", ", all.OrderBy(f => f.Vcpus).ThenBy(f => f.RamMb).ThenBy(f => f.Name, StringComparer.Ordinal).Select(Describe));
            response.Diagnostics.AddAttributeError(path, "No Matching Flavor",
                $"No flavor on site \"{session.Site}\" matches {Criteria(config)}. Flavors there: {(available.Length == 0 ? "none" : available)}.");
            return;
        }

        var state = response.State;
        state.SetString("site", session.Site);
        state.Set("flavors", CtyValue.List(FlavorType, matching.Select(ToValue)));
        state.SetString("id", matching[0].Id);
        state.SetString("name", matching[0].Name);
    }

    private static CtyValue ToValue(Flavor f) => CtyValue.Object(FlavorType, new Dictionary<string, CtyValue>
    {
        ["id"] = CtyValue.String(f.Id),
        ["name"] = CtyValue.String(f.Name),
        ["vcpus"] = CtyValue.Number(f.Vcpus),
        ["ram_gb"] = f.RamMb % 1024 == 0 ? CtyValue.Number(f.RamMb / 1024) : CtyValue.Number(f.RamMb / 1024.0),
        ["disk_gb"] = CtyValue.Number(f.DiskGb),
    });

    private static string Describe(Flavor f)
        => string.Create(CultureInfo.InvariantCulture, $"{f.Name} ({f.Vcpus} vCPU, {f.RamMb / 1024.0:0.##} GB RAM, {f.DiskGb} GB disk)");

    private static string Criteria(ResourceData config)
    {
        var parts = new List<string>();
        foreach (var (attribute, label) in new[] { ("min_vcpus", "vCPUs >= "), ("min_ram_gb", "RAM GB >= "), ("min_disk_gb", "disk GB >= ") })
        {
            if (config.GetInt64(attribute) is { } n)
            {
                parts.Add(label + n.ToString(CultureInfo.InvariantCulture));
            }
        }

        if (config.GetString("name") is { } name)
        {
            parts.Add($"name = \"{name}\"");
        }

        if (config.GetString("name_regex") is { } regex)
        {
            parts.Add($"name matching /{regex}/");
        }

        return parts.Count == 0 ? "(no filter)" : string.Join(", ", parts);
    }
}
