using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Diagnostics;
using Crd.Terraform.Plugin.Resources;
using Crd.Terraform.Plugin.Schema;
using Crd.Terraform.Plugin.Schema.PlanModifiers;
using Crd.Terraform.Plugin.Validators;
using Attr = Crd.Terraform.Plugin.Schema.SchemaAttribute;

namespace Crd.StandIns.Kubernetes;

/// <summary>
/// The <c>metadata</c> block of the kubernetes provider (kubernetes/schema_metadata.go): a
/// required list block of exactly one, and how it maps to and from a recorded object.
/// </summary>
internal static class ObjectMetadata
{
    /// <summary>The block; <paramref name="namespaced"/> adds <c>namespace</c> (default "default", forces replacement).</summary>
    public static NestedBlock Block(string objectName, bool namespaced, IAttributeValidator nameRule)
    {
        var block = new Block
        {
            Description = $"Standard {objectName}'s metadata.",
            Attributes =
            {
                new Attr("annotations", CtyType.Map(CtyType.String)) { Optional = true, Description = $"An unstructured key value map stored with the {objectName}." },
                new Attr("generate_name", CtyType.String)
                {
                    Optional = true,
                    PlanModifiers = [RequiresReplace.Always],
                    Validators = [KubernetesNames.GeneratePrefix, new ConflictsWith("name")],
                    Description = "Prefix, used by the server, to generate a unique name ONLY IF the `name` field has not been provided.",
                },
                new Attr("generation", CtyType.Number) { Computed = true, PlanModifiers = [UseStateForUnknown.Instance], Description = "A sequence number representing a specific generation of the desired state." },
                new Attr("labels", CtyType.Map(CtyType.String)) { Optional = true, Description = $"Map of string keys and values that can be used to organize and categorize the {objectName}." },
                new Attr("name", CtyType.String)
                {
                    Optional = true,
                    Computed = true,
                    PlanModifiers = [UseStateForUnknown.Instance, RequiresReplace.Always],
                    Validators = [nameRule],
                    Description = $"Name of the {objectName}, must be unique. Cannot be updated.",
                },
                new Attr("resource_version", CtyType.String) { Computed = true, Description = $"An opaque value that represents the internal version of this {objectName}." },
                new Attr("uid", CtyType.String) { Computed = true, PlanModifiers = [UseStateForUnknown.Instance], Description = $"The unique in time and space value for this {objectName}." },
            },
        };
        if (namespaced)
        {
            block.Attributes.Add(new Attr("namespace", CtyType.String)
            {
                Optional = true,
                Computed = true,
                Default = CtyValue.String("default"),
                PlanModifiers = [RequiresReplace.Always],
                Validators = [KubernetesNames.Label],
                Description = $"Namespace defines the space within which name of the {objectName} must be unique.",
            });
        }

        return new NestedBlock("metadata", NestingMode.List, block) { MinItems = 1, MaxItems = 1 };
    }

    /// <summary>The name to create: <c>name</c>, or <c>generate_name</c> plus five random characters; null with an error when neither is set.</summary>
    public static string? NameToCreate(ResourceData metadata, DiagnosticCollection diagnostics)
    {
        if (metadata.GetString("name") is { } name)
        {
            return name;
        }

        if (metadata.GetString("generate_name") is { } prefix)
        {
            return prefix + RandomNumberGenerator.GetString("bcdfghjklmnpqrstvwxz2456789", 5);
        }

        diagnostics.AddAttributeError(CtyPath.Root.Attribute("metadata").Index(0).Attribute("name"), "Missing Object Name",
            "name or generate_name is required: set metadata.name (or metadata.generate_name).");
        return null;
    }

    /// <summary>The recorded metadata of a new object.</summary>
    public static JsonObject NewRecord(ResourceData metadata, string name, string? ns) => new()
    {
        ["name"] = name,
        ["namespace"] = ns,
        ["generate_name"] = metadata.GetString("generate_name"),
        ["labels"] = Map(metadata.GetStringMap("labels")),
        ["annotations"] = Map(metadata.GetStringMap("annotations")),
        ["uid"] = Guid.NewGuid().ToString(),
        ["resource_version"] = "1",
        ["generation"] = 0L,
    };

    /// <summary>The recorded metadata after an update of labels or annotations.</summary>
    public static JsonObject Updated(JsonObject prior, ResourceData metadata)
    {
        var next = (JsonObject)prior.DeepClone();
        next["labels"] = Map(metadata.GetStringMap("labels"));
        next["annotations"] = Map(metadata.GetStringMap("annotations"));
        next["resource_version"] = (long.TryParse((string?)prior["resource_version"], out var v) ? v + 1 : 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return next;
    }

    /// <summary>Writes a recorded metadata into the state's <c>metadata</c> block.</summary>
    public static void ToState(ResourceData state, JsonObject recorded)
    {
        var metadata = state.GetBlock("metadata") ?? state.NewBlockElement("metadata");
        metadata.SetString("name", (string?)recorded["name"]);
        if (metadata.Block.FindAttribute("namespace") is not null)
        {
            metadata.SetString("namespace", (string?)recorded["namespace"]);
        }

        metadata.SetStringMap("labels", FromMap(recorded["labels"]));
        metadata.SetStringMap("annotations", FromMap(recorded["annotations"]));
        metadata.SetString("uid", (string?)recorded["uid"]);
        metadata.SetString("resource_version", (string?)recorded["resource_version"]);
        metadata.SetInt64("generation", (long?)recorded["generation"] ?? 0);
        state.SetBlocks("metadata", [metadata]);
    }

    private static JsonObject? Map(IReadOnlyDictionary<string, string>? map)
        => map is null ? null : new JsonObject(map.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));

    /// <summary>A recorded string map, or null when it was recorded null.</summary>
    public static IReadOnlyDictionary<string, string>? FromMap(JsonNode? node)
        => node is JsonObject map ? map.ToDictionary(kv => kv.Key, kv => (string?)kv.Value ?? "", StringComparer.Ordinal) : null;
}
