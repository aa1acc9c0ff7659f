using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Crd.StandIns.Helm;

/// <summary>
/// Reads a <c>values</c> document into a JSON tree the way helm does (sigs.k8s.io/yaml: YAML to
/// JSON, then into a map): plain scalars resolve by the YAML core schema (null, bool, int,
/// float), quoted scalars stay strings, and the document must be a mapping.
/// </summary>
internal static partial class YamlValues
{
    /// <summary>Parses <paramref name="text"/>; on failure returns null and a helm-style message in <paramref name="error"/>.</summary>
    public static JsonObject? Parse(string text, out string? error)
    {
        error = null;
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            error = $"error converting YAML to JSON: yaml: line {e.Start.Line}: {FirstLine(e.Message)}";
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            return [];
        }

        var root = stream.Documents[0].RootNode;
        if (root is YamlScalarNode { Style: ScalarStyle.Plain } empty && Resolve(empty) is null)
        {
            return [];
        }

        if (root is not YamlMappingNode)
        {
            var kind = root is YamlSequenceNode ? "array" : "string";
            error = $"error unmarshaling JSON: json: cannot unmarshal {kind} into Go value of type map[string]interface {{}}";
            return null;
        }

        return (JsonObject)ToJson(root)!;
    }

    /// <summary>Converts one YAML node (used for <c>type = "literal"</c> too).</summary>
    public static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv =>
            KeyValuePair.Create(kv.Key is YamlScalarNode k ? k.Value ?? "" : kv.Key.ToString(), ToJson(kv.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => Resolve(scalar),
        _ => null,
    };

    private static JsonNode? Resolve(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        var tag = scalar.Tag.IsEmpty ? "" : scalar.Tag.Value;
        if (tag is "tag:yaml.org,2002:str" || (tag.Length == 0 && scalar.Style != ScalarStyle.Plain))
        {
            return JsonValue.Create(text);
        }

        if (text is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (text is "true" or "True" or "TRUE")
        {
            return JsonValue.Create(true);
        }

        if (text is "false" or "False" or "FALSE")
        {
            return JsonValue.Create(false);
        }

        if (IntPattern().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i))
        {
            return JsonValue.Create(i);
        }

        if (FloatPattern().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return JsonValue.Create(d);
        }

        return JsonValue.Create(text);
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n')[0];
        var close = line.IndexOf("): ", StringComparison.Ordinal);
        return close >= 0 && line.StartsWith('(') ? line[(close + 3)..] : line;
    }

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex IntPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
