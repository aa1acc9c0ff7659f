namespace Crd.Cloud.Onedata;

/// <summary>A storage of a Oneprovider (Onepanel <c>GET /provider/storages/{id}</c>).</summary>
/// <param name="Id">Storage id.</param>
/// <param name="Name">Name (<c>posix</c>...).</param>
/// <param name="Type">Storage type.</param>
public sealed record OnepanelStorage(string Id, string Name, string? Type);
