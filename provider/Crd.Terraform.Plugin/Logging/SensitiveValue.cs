namespace Crd.Terraform.Plugin.Logging;

/// <summary>
/// Wraps a log field value that must never reach the log (a token, a password, a private key).
/// <see cref="PluginLogger"/> writes <c>(sensitive)</c> in its place; <see cref="ToString"/>
/// does the same, so the value also stays hidden if the wrapper is formatted elsewhere.
/// </summary>
/// <param name="Value">The hidden value; only code that holds the wrapper can read it.</param>
public readonly record struct SensitiveValue(object? Value)
{
    /// <summary>The text written in place of a sensitive value.</summary>
    public const string Placeholder = "(sensitive)";

    /// <inheritdoc />
    public override string ToString() => Placeholder;

    // A record's generated PrintMembers would print Value; keep it out of every rendering.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append(Placeholder);
        return true;
    }
}
