using System.Globalization;
using System.Text.RegularExpressions;
using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Diagnostics;
using Crd.Terraform.Plugin.Resources;
using Crd.Terraform.Plugin.Schema;
using Crd.Terraform.Plugin.Validators;

namespace Crd.Provider.Resources;

/// <summary>
/// The <c>timeouts { create update delete }</c> block every long-running resource offers, with
/// Go duration strings (<c>"30m"</c>, <c>"1h30m"</c>, <c>"90s"</c>) as users know them from other
/// providers. Invalid durations are refused at validate time with their path.
/// </summary>
internal static partial class Timeouts
{
    /// <summary>The block, documenting the defaults of the resource.</summary>
    public static NestedBlock Block(TimeSpan create, TimeSpan update, TimeSpan delete) => new("timeouts", NestingMode.Single, new Block
    {
        Description = "How long to wait for each operation before failing.",
        Attributes =
        [
            Attribute("create", create),
            Attribute("update", update),
            Attribute("delete", delete),
        ],
    });

    /// <summary>The configured timeout of <paramref name="operation"/>, or <paramref name="fallback"/>.</summary>
    public static TimeSpan Get(ResourceData data, string operation, TimeSpan fallback) =>
        data.GetBlock("timeouts")?.GetString(operation) is { } text && TryParse(text, out var value) ? value : fallback;

    /// <summary>Parses a Go duration (sequence of number+unit, units h, m, s, ms).</summary>
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var matches = Part().Matches(text);
        if (text.Length == 0 || string.Concat(matches.Select(m => m.Value)) != text)
        {
            return false;
        }

        foreach (Match match in matches)
        {
            var number = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            value += match.Groups[2].Value switch
            {
                "h" => TimeSpan.FromHours(number),
                "m" => TimeSpan.FromMinutes(number),
                "s" => TimeSpan.FromSeconds(number),
                _ => TimeSpan.FromMilliseconds(number),
            };
        }

        return value > TimeSpan.Zero;
    }

    private static SchemaAttribute Attribute(string operation, TimeSpan fallback) => new(operation, CtyType.String)
    {
        Optional = true,
        Description = $"Time allowed for {operation} (Go duration such as \"30m\" or \"1h30m\"; default \"{Format(fallback)}\").",
        Validators = [new DurationValidator()],
    };

    private static string Format(TimeSpan t) => t.TotalMinutes >= 1 && t.Seconds == 0 ? $"{(int)t.TotalMinutes}m" : $"{(int)t.TotalSeconds}s";

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(ms|h|m|s)")]
    private static partial Regex Part();

    private sealed class DurationValidator : IAttributeValidator
    {
        public string Description => "must be a duration such as \"30m\", \"1h30m\" or \"90s\"";

        public void Validate(ValidationRequest request, DiagnosticCollection diagnostics)
        {
            if (request.Value.IsNull || !request.Value.IsKnown)
            {
                return;
            }

            if (!TryParse(request.Value.AsString(), out _))
            {
                diagnostics.AddAttributeError(request.Path, "Invalid Duration",
                    $"\"{request.Value.AsString()}\" is not a duration. Use a number with a unit, such as \"30m\", \"1h30m\" or \"90s\".");
            }
        }
    }
}
