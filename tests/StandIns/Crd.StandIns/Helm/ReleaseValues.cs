using System.Text.Json.Nodes;
using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Diagnostics;
using Crd.Terraform.Plugin.Resources;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Crd.StandIns.Helm;

/// <summary>
/// The values a release is installed with, computed as the provider's getValues does: the
/// <c>values</c> documents in order (later wins, maps merged deeply, lists replaced), then
/// <c>set</c>, <c>set_list</c>, <c>set_sensitive</c> and <c>set_wo</c> in helm's path syntax.
/// </summary>
internal static class ReleaseValues
{
    /// <summary>One <c>set</c>-like entry.</summary>
    public sealed record Setting(string Name, string? Value, string? Type);

    /// <summary>The known entries of a list-of-objects attribute.</summary>
    public static IReadOnlyList<Setting> Settings(ResourceData data, string attribute)
    {
        var list = data.Get(attribute);
        if (list.IsNull || !list.IsKnown)
        {
            return [];
        }

        return list.Elements.Where(e => e.IsKnown && !e.IsNull).Select(e => new Setting(
            Text(e.GetAttribute("name")) ?? "",
            Text(e.GetAttribute("value")),
            e.Type.AttributeTypes.ContainsKey("type") ? Text(e.GetAttribute("type")) : null)).ToList();

        // set_list values are lists: the provider joins them with commas into helm's {a,b} syntax.
        static string? Text(CtyValue v) => v.IsNull || !v.IsKnown
            ? null
            : v.Type.Kind == CtyTypeKind.List
                ? string.Join(',', v.Elements.Where(e => e.IsKnown && !e.IsNull).Select(e => e.AsString()))
                : v.AsString();
    }

    /// <summary>Checks each known <c>values</c> document (plan time); errors name <c>values[i]</c>.</summary>
    public static void ValidateDocuments(ResourceData config, DiagnosticCollection diagnostics)
    {
        var values = config.Get("values");
        if (values.IsNull || !values.IsKnown)
        {
            return;
        }

        for (var i = 0; i < values.Elements.Count; i++)
        {
            var document = values.Elements[i];
            if (document.IsKnown && !document.IsNull && YamlValues.Parse(document.AsString(), out var error) is null)
            {
                diagnostics.AddAttributeError(CtyPath.Root.Attribute("values").Index(i), "Failed Parsing Values",
                    $"values[{i}] is not a YAML mapping helm can use: failed parsing values: {error}");
            }
        }
    }

    /// <summary>
    /// Checks <c>type</c> of each known <c>set</c>-like entry: the rule upstream declares inside
    /// its nested attributes, which object-typed attributes cannot carry.
    /// </summary>
    public static void ValidateTypes(ResourceData config, DiagnosticCollection diagnostics)
    {
        foreach (var (attribute, allowed) in new[] { ("set", "auto, string, literal"), ("set_sensitive", "auto, string, literal"), ("set_wo", "auto, string") })
        {
            var settings = config.Get(attribute);
            if (settings.IsNull || !settings.IsKnown)
            {
                continue;
            }

            for (var i = 0; i < settings.Elements.Count; i++)
            {
                var element = settings.Elements[i];
                if (!element.IsKnown || element.IsNull || element.GetAttribute("type") is not { IsKnown: true, IsNull: false } type)
                {
                    continue;
                }

                var text = type.AsString();
                if (text.Length > 0 && !allowed.Split(", ").Contains(text, StringComparer.Ordinal))
                {
                    diagnostics.AddAttributeError(CtyPath.Root.Attribute(attribute).Index(i).Attribute("type"), "Invalid Attribute Value",
                        $"{attribute}[{i}].type \"{text}\" is not allowed here. Use one of: {allowed}.");
                }
            }
        }
    }

    /// <summary>The merged values of <paramref name="config"/>, or null with errors on the offending attribute.</summary>
    public static JsonObject? Merge(ResourceData config, DiagnosticCollection diagnostics)
    {
        var merged = new JsonObject();
        var documents = config.GetStrings("values") ?? [];
        for (var i = 0; i < documents.Count; i++)
        {
            if (documents[i].Length == 0)
            {
                continue;
            }

            if (YamlValues.Parse(documents[i], out var error) is not { } document)
            {
                diagnostics.AddAttributeError(CtyPath.Root.Attribute("values").Index(i), "Failed Parsing Values", $"failed parsing values: {error}");
                return null;
            }

            merged = ValuesMerge.Merge(merged, document);
        }

        foreach (var attribute in new[] { "set", "set_list", "set_sensitive", "set_wo" })
        {
            var settings = Settings(config, attribute);
            for (var i = 0; i < settings.Count; i++)
            {
                if (Apply(merged, settings[i], attribute == "set_list") is { } error)
                {
                    // The value itself is never quoted: it may be a secret (set_sensitive, set_wo).
                    diagnostics.AddAttributeError(CtyPath.Root.Attribute(attribute).Index(i), "Failed Parsing Value",
                        $"Failed parsing key \"{settings[i].Name}\" of {attribute}[{i}]: {error}");
                    return null;
                }
            }
        }

        return merged;
    }

    private static string? Apply(JsonObject values, Setting setting, bool isList)
    {
        if (isList)
        {
            return Strvals.ParseInto($"{setting.Name}={{{setting.Value}}}", values, stringsOnly: false);
        }

        switch (setting.Type)
        {
            case null or "" or "auto":
                return Strvals.ParseInto($"{setting.Name}={setting.Value}", values, stringsOnly: false);
            case "string":
                return Strvals.ParseInto($"{setting.Name}={setting.Value}", values, stringsOnly: true);
            case "literal":
                var stream = new YamlStream();
                try
                {
                    stream.Load(new StringReader($"{setting.Name}: {setting.Value}"));
                }
                catch (YamlException e)
                {
                    return $"literal value is not YAML (line {e.Start.Line})";
                }

                var literal = stream.Documents.Count == 0 ? null : YamlValues.ToJson(stream.Documents[0].RootNode);
                values[setting.Name] = literal is JsonObject map && map.ContainsKey(setting.Name) ? map[setting.Name]?.DeepClone() : literal;
                return null;
            default:
                return $"unexpected type \"{setting.Type}\": use auto, string or literal";
        }
    }
}
