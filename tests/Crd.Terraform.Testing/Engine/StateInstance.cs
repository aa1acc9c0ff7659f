namespace Crd.Terraform.Testing;

/// <summary>
/// One resource instance in the harness's state, stored as Terraform stores it: attributes as
/// JSON written under a schema version, plus the provider's private bytes.
/// </summary>
/// <param name="Type">Resource type.</param>
/// <param name="SchemaVersion">Schema version the JSON was written with.</param>
/// <param name="AttributesJson">The state value as cty JSON.</param>
/// <param name="Private">Provider-private data.</param>
/// <param name="Tainted">True when a create failed after the object existed: the next plan replaces it.</param>
/// <param name="Dependencies">Addresses this instance depended on when it was applied.</param>
public sealed record StateInstance(string Type, long SchemaVersion, string AttributesJson, byte[] Private, bool Tainted, IReadOnlyList<string> Dependencies);
