namespace Crd.Terraform.Plugin.Cty;

/// <summary>
/// What is known about an unknown value (Terraform >= 1.6 "refined unknowns", msgpack
/// extension 12, docs/plugin-protocol/object-wire-format.md). Every property is optional; an
/// unknown with no refinements carries none (<see cref="CtyValue.Refinements"/> is null).
/// </summary>
/// <remarks>
/// A provider that returns refined unknowns in a planned state must honour them in the
/// applied state. Refinements are only meaningful for the kinds named on each property.
/// </remarks>
public sealed record CtyRefinements
{
    /// <summary>
    /// <c>false</c>: the final value is definitely not null (the only nullness go-cty
    /// writes). <c>null</c>: it may or may not be null. Any type but dynamic.
    /// </summary>
    public bool? IsNull { get; init; }

    /// <summary>A prefix the final string is known to start with (string only).</summary>
    public string? StringPrefix { get; init; }

    /// <summary>Lower bound of the final number and whether it is inclusive (number only).</summary>
    public (CtyNumber Value, bool Inclusive)? NumberLowerBound { get; init; }

    /// <summary>Upper bound of the final number and whether it is inclusive (number only).</summary>
    public (CtyNumber Value, bool Inclusive)? NumberUpperBound { get; init; }

    /// <summary>Inclusive lower bound of the final collection length (list, set, map only).</summary>
    public long? LengthLowerBound { get; init; }

    /// <summary>Inclusive upper bound of the final collection length (list, set, map only).</summary>
    public long? LengthUpperBound { get; init; }

    /// <summary>Definitely-not-null and nothing else: the most common refinement.</summary>
    public static CtyRefinements NotNull { get; } = new() { IsNull = false };

    /// <summary>True when no refinement is set.</summary>
    public bool IsEmpty =>
        IsNull is null && StringPrefix is null && NumberLowerBound is null && NumberUpperBound is null
        && LengthLowerBound is null && LengthUpperBound is null;

    /// <summary>A readable summary such as <c>notnull, prefix "ab"</c>.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        if (IsNull == false)
        {
            parts.Add("notnull");
        }

        if (StringPrefix is not null)
        {
            parts.Add($"prefix \"{StringPrefix}\"");
        }

        if (NumberLowerBound is { } lower)
        {
            parts.Add($"{(lower.Inclusive ? ">=" : ">")} {lower.Value}");
        }

        if (NumberUpperBound is { } upper)
        {
            parts.Add($"{(upper.Inclusive ? "<=" : "<")} {upper.Value}");
        }

        if (LengthLowerBound is { } minLength)
        {
            parts.Add($"length >= {minLength}");
        }

        if (LengthUpperBound is { } maxLength)
        {
            parts.Add($"length <= {maxLength}");
        }

        return string.Join(", ", parts);
    }
}
