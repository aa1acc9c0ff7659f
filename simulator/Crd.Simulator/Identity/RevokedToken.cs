using Crd.Simulator.State;

namespace Crd.Simulator.Identity;

/// <summary>A token revoked with <c>DELETE /v3/auth/tokens</c>; its id is a hash of the token, removed at expiry.</summary>
[SimCollection("identity.revoked_tokens")]
public sealed class RevokedToken : Entity
{
}
