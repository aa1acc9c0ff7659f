using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Schema;
using Crd.Terraform.Plugin.Schema.PlanModifiers;
using Crd.Terraform.Plugin.Validators;
using Attr = Crd.Terraform.Plugin.Schema.SchemaAttribute;

namespace Crd.Terraform.Plugin.TestProvider.Sdktest;

/// <summary>The schema of <c>sdktest_thing</c>: one of every attribute and block kind.</summary>
internal static class ThingSchema
{
    public static SchemaDefinition Current { get; } = new(1, new Block
    {
        Description = "A thing with one of every attribute and block kind.",
        Attributes =
        {
            new Attr("id", CtyType.String) { Computed = true, PlanModifiers = [UseStateForUnknown.Instance], Description = "Identifier." },
            new Attr("name", CtyType.String) { Required = true, Validators = [StringValidators.LengthBetween(1, 64)], Description = "Name; updated in place." },
            new Attr("size", CtyType.Number) { Optional = true, Computed = true, Default = CtyValue.Number(10), Validators = [NumberValidators.IntegerBetween(1, 1000)], PlanModifiers = [RequiresReplace.If(RequiresReplace.IsDecrease, "Shrinking forces replacement.")], Description = "Size; grows in place, shrink replaces." },
            new Attr("zone", CtyType.String) { Optional = true, PlanModifiers = [RequiresReplace.Always], Validators = [StringValidators.OneOf("a", "b", "c")], Description = "Zone; forces replacement." },
            new Attr("tags", CtyType.Map(CtyType.String)) { Optional = true, Description = "Tags." },
            new Attr("labels", CtyType.Set(CtyType.String)) { Optional = true, Description = "Labels." },
            new Attr("ports", CtyType.List(CtyType.Number)) { Optional = true, Description = "Ports." },
            new Attr("enabled", CtyType.Bool) { Optional = true, Description = "Enabled." },
            new Attr("password", CtyType.String) { Optional = true, Sensitive = true, Description = "Sensitive, stored." },
            new Attr("secret_wo", CtyType.String) { Optional = true, WriteOnly = true, Description = "Write-only: sent on create and update, never stored." },
            new Attr("description", CtyType.String) { Optional = true, DeprecationMessage = "Use `name` instead.", Description = "Deprecated." },
            new Attr("payload", CtyType.Dynamic) { Optional = true, Description = "Any value." },
            new Attr("fail_after_create", CtyType.Bool) { Optional = true, Description = "Test switch: create the object, then fail." },
            new Attr("created_at", CtyType.String) { Computed = true, PlanModifiers = [UseStateForUnknown.Instance], Description = "Creation time." },
            new Attr("revision", CtyType.Number) { Computed = true, Description = "Bumped by every update (unknown in update plans)." },
        },
        Blocks =
        {
            new NestedBlock("network", NestingMode.Single, new Block
            {
                Attributes =
                {
                    new Attr("cidr", CtyType.String) { Required = true },
                    new Attr("gateway", CtyType.String) { Optional = true, Computed = true },
                },
            }),
            new NestedBlock("disk", NestingMode.List, new Block
            {
                Attributes =
                {
                    new Attr("size_gb", CtyType.Number) { Required = true },
                    new Attr("type", CtyType.String) { Optional = true, Computed = true, Default = CtyValue.String("nvme") },
                    new Attr("id", CtyType.String) { Computed = true },
                },
            }) { MaxItems = 3 },
            new NestedBlock("rule", NestingMode.Set, new Block
            {
                Attributes =
                {
                    new Attr("port", CtyType.Number) { Required = true },
                    new Attr("protocol", CtyType.String) { Optional = true },
                },
            }),
            new NestedBlock("meta", NestingMode.Map, new Block
            {
                Attributes = { new Attr("value", CtyType.String) { Required = true } },
            }),
            new NestedBlock("settings", NestingMode.Group, new Block
            {
                Attributes = { new Attr("verbose", CtyType.Bool) { Optional = true } },
            }),
        },
    });

    /// <summary>Version 0: size was a string and tags a "k=v,k=v" string.</summary>
    public static SchemaDefinition Version0 { get; } = new(0, new Block
    {
        Attributes =
        {
            new Attr("id", CtyType.String) { Computed = true },
            new Attr("name", CtyType.String) { Required = true },
            new Attr("size", CtyType.String) { Optional = true },
            new Attr("tags_csv", CtyType.String) { Optional = true },
        },
    });
}
