namespace Crd.Cloud.Compute;

/// <summary>A Nova key pair (it belongs to the user of the site's credentials, not to a project).</summary>
/// <param name="Name">Name, which is also its id in Nova's API.</param>
/// <param name="PublicKey">OpenSSH public key as stored.</param>
/// <param name="Fingerprint">Nova's fingerprint (MD5, colon-separated hex, for SSH keys).</param>
/// <param name="Type"><c>ssh</c> or <c>x509</c>.</param>
public sealed record NovaKeyPair(string Name, string PublicKey, string Fingerprint, string Type);
