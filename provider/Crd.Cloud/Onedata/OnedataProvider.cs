namespace Crd.Cloud.Onedata;

/// <summary>A Oneprovider: its id, its name and its domain (the host <c>oneclient -H</c> connects to).</summary>
/// <param name="Id">Provider id.</param>
/// <param name="Name">Name.</param>
/// <param name="Domain">Domain, or null when not reported.</param>
public sealed record OnedataProvider(string Id, string Name, string? Domain);
