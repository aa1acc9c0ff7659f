using Crd.Cloud.Compute;
using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Diagnostics;
using Crd.Terraform.Plugin.Schema;
using Crd.Terraform.Plugin.Schema.PlanModifiers;
using Crd.Terraform.Plugin.Validators;
using Attr = Crd.Terraform.Plugin.Schema.SchemaAttribute;

namespace Crd.Provider.Resources.Vm;

/// <summary>The schema of <c>crd_vm</c> (DESIGN.md §6), in the order of docs/resources/vm.md.</summary>
internal static class VmSchema
{
    public const string PowerActive = "active";
    public const string PowerShutoff = "shutoff";

    public static readonly TimeSpan CreateTimeout = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan UpdateTimeout = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan DeleteTimeout = TimeSpan.FromMinutes(20);

    /// <summary>Arguments whose change replaces the server (besides <c>site</c>).</summary>
    public static IReadOnlyList<string> ReplacingArguments { get; } = ["image", "key_pair", "network", "user_data", "boot_volume_size_gb", "availability_zone"];

    public static SchemaDefinition Definition { get; } = new(0, new Block
    {
        Description = "A virtual machine (Nova server) on one site of the federation, with its network port, "
            + "optional floating IP and boot volume. Flavor changes resize in place; `power_state` stops and starts it.",
        Attributes =
        {
            new Attr("id", CtyType.String) { Computed = true, PlanModifiers = [UseStateForUnknown.Instance], Description = "Nova server id." },
            SiteScope.SiteAttribute(),
            SiteScope.ProjectAttribute(),
            new Attr("name", CtyType.String)
            {
                Required = true,
                Validators = [StringValidators.LengthBetween(1, 255)],
                Description = "Server name. Updated in place.",
            },
            new Attr("flavor", CtyType.String)
            {
                Required = true,
                Validators = [StringValidators.LengthBetween(1, 255)],
                Description = "Flavor name or id (e.g. `m1.small`). A change resizes the server in place (resize, then confirm); a name and the id of the same flavor are the same value.",
            },
            new Attr("image", CtyType.String)
            {
                Required = true,
                Validators = [StringValidators.LengthBetween(1, 255)],
                PlanModifiers = [RequiresReplace.Always],
                Description = "Image name or id (a name selects the newest active image of that name). Changing it replaces the server.",
            },
            new Attr("key_pair", CtyType.String)
            {
                Optional = true,
                PlanModifiers = [RequiresReplace.Always],
                Description = "Name of a Nova key pair to inject. Changing it replaces the server.",
            },
            new Attr("network", CtyType.String)
            {
                Optional = true,
                Computed = true,
                PlanModifiers = [UseStateForUnknown.Instance, RequiresReplace.Always],
                Description = "Network name or id of the server's port. Defaults to the project network (`private`). Changing it replaces the server.",
            },
            new Attr("security_groups", CtyType.Set(CtyType.String))
            {
                Optional = true,
                Computed = true,
                PlanModifiers = [UseStateForUnknown.Instance],
                Description = "Security group names or ids, compared by the group they resolve to (switching between a name and its id is no change). Defaults to the project's `default` group. Updated in place.",
            },
            new Attr("floating_ip", CtyType.Bool)
            {
                Optional = true,
                Computed = true,
                Default = CtyValue.Bool(false),
                Description = "Allocate a floating IP from the external network `public` and associate it with the server; `false` releases it. Updated in place.",
            },
            new Attr("user_data", CtyType.String)
            {
                Optional = true,
                PlanModifiers = [RequiresReplace.Always],
                Description = "Cloud-init user data as plain text (the provider encodes it). Nova does not return it, so an imported server has none. Changing it replaces the server.",
            },
            new Attr("metadata", CtyType.Map(CtyType.String))
            {
                Optional = true,
                Validators = [new ReservedMetadataKeys()],
                Description = "Metadata key/value pairs. Keys starting with `crd:` are reserved for the provider. Updated in place.",
            },
            new Attr("tags", CtyType.Set(CtyType.String)) { Optional = true, Description = "Server tags. Updated in place." },
            new Attr("boot_volume_size_gb", CtyType.Number)
            {
                Optional = true,
                Validators = [NumberValidators.IntegerBetween(1, 65536)],
                PlanModifiers = [RequiresReplace.Always],
                Description = "Boot from a new volume of this size (GB) made from the image and deleted with the server, instead of the flavor's local disk. Changing it replaces the server.",
            },
            new Attr("power_state", CtyType.String)
            {
                Optional = true,
                Computed = true,
                Default = CtyValue.String(PowerActive),
                Validators = [StringValidators.OneOf(PowerActive, PowerShutoff)],
                Description = "`active` (running) or `shutoff` (stopped). Updated in place (start/stop).",
            },
            new Attr("availability_zone", CtyType.String)
            {
                Optional = true,
                Computed = true,
                PlanModifiers = [UseStateForUnknown.Instance, RequiresReplace.Always],
                Description = "Availability zone. Defaults to the site's. Changing it replaces the server.",
            },
            new Attr("status", CtyType.String) { Computed = true, Description = "Nova status: `ACTIVE`, `SHUTOFF`, `ERROR`..." },
            new Attr("private_ip", CtyType.String) { Computed = true, Description = "First fixed IPv4 address." },
            new Attr("public_ip", CtyType.String) { Computed = true, Description = "The floating IP address, when `floating_ip` is true." },
            new Attr("addresses", CtyType.Map(CtyType.List(CtyType.String)))
            {
                Computed = true,
                Description = "Every address of the server (fixed and floating) by network name.",
            },
            new Attr("flavor_id", CtyType.String) { Computed = true, Description = "Id of the flavor." },
            new Attr("image_id", CtyType.String) { Computed = true, PlanModifiers = [UseStateForUnknown.Instance], Description = "Id of the image the server (or its boot volume) was made from." },
            new Attr("created_at", CtyType.String) { Computed = true, PlanModifiers = [UseStateForUnknown.Instance], Description = "Creation time (RFC 3339)." },
        },
        Blocks = { Timeouts.Block(CreateTimeout, UpdateTimeout, DeleteTimeout) },
    });

    /// <summary>Metadata keys under <see cref="NovaClient.ReservedMetadataPrefix"/> belong to the provider.</summary>
    private sealed class ReservedMetadataKeys : IAttributeValidator
    {
        public string Description => $"keys must not start with `{NovaClient.ReservedMetadataPrefix}`";

        public void Validate(ValidationRequest request, DiagnosticCollection diagnostics)
        {
            if (request.Value.IsNull || !request.Value.IsKnown)
            {
                return;
            }

            foreach (var key in request.Value.MapEntries.Keys.Where(k => k.StartsWith(NovaClient.ReservedMetadataPrefix, StringComparison.Ordinal)))
            {
                diagnostics.AddAttributeError(request.Path, "Reserved Metadata Key",
                    $"The metadata key \"{key}\" starts with \"{NovaClient.ReservedMetadataPrefix}\", which the provider reserves for its own bookkeeping. Choose another key.");
            }
        }
    }
}
