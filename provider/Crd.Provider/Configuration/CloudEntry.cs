namespace Crd.Provider.Configuration;

/// <summary>One entry of clouds.yaml, reduced to what a site needs.</summary>
internal sealed record CloudEntry(
    string Name,
    string? AuthUrl,
    string? ApplicationCredentialId,
    string? ApplicationCredentialSecret,
    string? Region,
    string? CaCertFile,
    bool? Insecure)
{
    /// <summary>Never prints the secret.</summary>
    public override string ToString() => $"cloud {Name} ({AuthUrl})";
}
