namespace Crd.Cloud.Onedata;

/// <summary>How a site's Oneprovider supports a space (Onepanel <c>GET /provider/spaces/{id}</c>).</summary>
/// <param name="SpaceId">Space id.</param>
/// <param name="StorageId">Storage holding the space's data on this provider.</param>
/// <param name="SizeBytes">This provider's support size in bytes, null when not reported.</param>
public sealed record OnepanelSupport(string SpaceId, string StorageId, long? SizeBytes);
