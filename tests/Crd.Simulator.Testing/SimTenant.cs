namespace Crd.Simulator.Testing;

/// <summary>A fresh, isolated project on one site (<c>POST /_sim/projects</c>) and its application credential.</summary>
public sealed record SimTenant(string Site, string ProjectId, string ProjectName, string AuthUrl, string Region, string CredentialId, string CredentialSecret)
{
    /// <summary>The provider's <c>site { }</c> block for this tenant, as a harness configuration dictionary.</summary>
    public Dictionary<string, object?> ToSiteBlock() => new()
    {
        ["name"] = Site,
        ["auth_url"] = AuthUrl,
        ["region"] = Region,
        ["application_credential_id"] = CredentialId,
        ["application_credential_secret"] = CredentialSecret,
    };

    /// <summary>Never prints the secret.</summary>
    public override string ToString() => $"tenant {ProjectName} ({ProjectId}) on {Site}";
}
