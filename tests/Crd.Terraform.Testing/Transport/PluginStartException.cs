namespace Crd.Terraform.Testing.Transport;

/// <summary>The provider did not complete the go-plugin handshake the way Terraform requires.</summary>
public sealed class PluginStartException(string message, IReadOnlyList<string> stderr)
    : Exception(stderr.Count == 0 ? message : message + "\nstderr:\n" + string.Join('\n', stderr.TakeLast(40)))
{
    /// <summary>What the provider had written to stderr.</summary>
    public IReadOnlyList<string> Stderr { get; } = stderr;
}
