namespace Crd.Simulator.Tests.Support;

/// <summary>A tenant created through <c>POST /_sim/projects</c>.</summary>
public sealed record TenantCredentials(string Site, string ProjectId, string CredentialId, string Secret, string UserId, string Password, string ProjectName);
