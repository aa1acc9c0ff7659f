using System.Collections.Immutable;
using System.Text;

namespace Crd.Terraform.Plugin.Cty;

/// <summary>
/// An immutable path into a cty value (what Terraform's AttributePath carries), such as
/// <c>site[0].name</c> or <c>tags["k"]</c>. Used to point diagnostics at an attribute.
/// </summary>
public sealed class CtyPath : IEquatable<CtyPath>
{
    private readonly ImmutableArray<CtyPathStep> _steps;

    private CtyPath(ImmutableArray<CtyPathStep> steps)
    {
        _steps = steps;
    }

    /// <summary>The empty path: the value itself.</summary>
    public static CtyPath Root { get; } = new(ImmutableArray<CtyPathStep>.Empty);

    /// <summary>The steps from the root.</summary>
    public IReadOnlyList<CtyPathStep> Steps => _steps;

    /// <summary>True for <see cref="Root"/>.</summary>
    public bool IsRoot => _steps.IsEmpty;

    /// <summary>The path without its last step; null for the root.</summary>
    public CtyPath? Parent => _steps.IsEmpty ? null : new CtyPath(_steps.RemoveAt(_steps.Length - 1));

    /// <summary>The last step; null for the root.</summary>
    public CtyPathStep? LastStep => _steps.IsEmpty ? null : _steps[^1];

    /// <summary>Builds a path from steps.</summary>
    public static CtyPath FromSteps(IEnumerable<CtyPathStep> steps) => new([.. steps]);

    /// <summary>This path followed by an object attribute.</summary>
    public CtyPath Attribute(string name) => Append(CtyPathStep.ForAttribute(name));

    /// <summary>This path followed by a map key.</summary>
    public CtyPath Key(string key) => Append(CtyPathStep.ForKey(key));

    /// <summary>This path followed by a list or tuple index.</summary>
    public CtyPath Index(long index) => Append(CtyPathStep.ForIndex(index));

    /// <summary>This path followed by one step.</summary>
    public CtyPath Append(CtyPathStep step) => new(_steps.Add(step));

    /// <summary>True if <paramref name="prefix"/> is this path or one of its ancestors.</summary>
    public bool StartsWith(CtyPath prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix._steps.Length > _steps.Length)
        {
            return false;
        }

        for (var i = 0; i < prefix._steps.Length; i++)
        {
            if (!_steps[i].Equals(prefix._steps[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public bool Equals(CtyPath? other) =>
        other is not null && _steps.AsSpan().SequenceEqual(other._steps.AsSpan());

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is CtyPath other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var step in _steps)
        {
            hash.Add(step);
        }

        return hash.ToHashCode();
    }

    /// <summary>The path in HCL traversal syntax: <c>site[0].name</c>, <c>tags["k"]</c>.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        foreach (var step in _steps)
        {
            var text = step.ToString();
            builder.Append(builder.Length == 0 && step.Kind == CtyPathStepKind.AttributeName ? text[1..] : text);
        }

        return builder.ToString();
    }
}
