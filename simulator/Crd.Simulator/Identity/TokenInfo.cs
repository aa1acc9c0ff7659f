namespace Crd.Simulator.Identity;

/// <summary>What a validated Keystone token says (attached to the request by the auth middleware).</summary>
public sealed record TokenInfo
{
    /// <summary>Site whose Keystone issued the token.</summary>
    public required string Site { get; init; }

    /// <summary>User id.</summary>
    public required string UserId { get; init; }

    /// <summary>User name.</summary>
    public required string UserName { get; init; }

    /// <summary>Scoped project id, or null for an unscoped token.</summary>
    public string? ProjectId { get; init; }

    /// <summary>Scoped project name.</summary>
    public string? ProjectName { get; init; }

    /// <summary>Roles on the project.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>Auth methods used.</summary>
    public IReadOnlyList<string> Methods { get; init; } = [];

    /// <summary>Application credential used, if any.</summary>
    public string? ApplicationCredentialId { get; init; }

    /// <summary>Whether that credential is restricted.</summary>
    public bool Restricted { get; init; }

    /// <summary>Issue time.</summary>
    public DateTimeOffset IssuedAt { get; init; }

    /// <summary>Expiry.</summary>
    public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>True for the admin role.</summary>
    public bool IsAdmin => Roles.Contains("admin");

    /// <summary>The scoped project id; a 403 for unscoped tokens on project-bound APIs.</summary>
    public string RequireProject() => ProjectId ?? throw new Hosting.ApiException(403, "You are not authorized to perform the requested action: the token is not scoped to a project.");
}
