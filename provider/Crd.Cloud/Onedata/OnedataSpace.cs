namespace Crd.Cloud.Onedata;

/// <summary>A Onezone space as <c>GET /spaces/{id}</c> shows it.</summary>
/// <param name="Id">Space id.</param>
/// <param name="Name">Name.</param>
/// <param name="Providers">Supporting Oneprovider id to support size in bytes.</param>
public sealed record OnedataSpace(string Id, string Name, IReadOnlyDictionary<string, long> Providers);
