namespace Crd.Simulator.Identity;

/// <summary>A project with its first user and application credential (either may have been deleted since).</summary>
public sealed record Tenant(Project Project, User? User, ApplicationCredential? Credential);
