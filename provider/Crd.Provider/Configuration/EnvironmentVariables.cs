namespace Crd.Provider.Configuration;

/// <summary>Where environment defaults come from; tests pass their own.</summary>
internal sealed class EnvironmentVariables(Func<string, string?> lookup)
{
    public static EnvironmentVariables Process { get; } = new(Environment.GetEnvironmentVariable);

    public string? Get(string name) => lookup(name) is { Length: > 0 } v ? v : null;
}
