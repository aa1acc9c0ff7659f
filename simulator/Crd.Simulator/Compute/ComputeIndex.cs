using Crd.Simulator.Network;
using Crd.Simulator.State;
using Crd.Simulator.Volume;

namespace Crd.Simulator.Compute;

/// <summary>
/// Lookups across services needed to render servers (ports, floating IPs, networks, security
/// groups, volume attachments), built once per request so that listing many servers stays linear.
/// </summary>
public sealed class ComputeIndex
{
    private ComputeIndex()
    {
    }

    /// <summary>Ports by device (server) id.</summary>
    public ILookup<string, Port> PortsByDevice { get; private init; } = null!;

    /// <summary>Floating IPs by port id.</summary>
    public ILookup<string, FloatingIp> FloatingByPort { get; private init; } = null!;

    /// <summary>Networks by id.</summary>
    public Dictionary<string, NetworkEntity> Networks { get; private init; } = null!;

    /// <summary>Volume attachments by server id.</summary>
    public ILookup<string, (VolumeEntity Volume, VolumeAttachmentRecord Attachment)> VolumesByServer { get; private init; } = null!;

    /// <summary>The index for <paramref name="site"/> (cached until the next change to the store).</summary>
    public static ComputeIndex Build(StoreTransaction tx, string site) => tx.Cached("compute-index/" + site, () => Create(tx, site));

    private static ComputeIndex Create(StoreTransaction tx, string site) => new()
    {
        PortsByDevice = tx.OfSite<Port>(site).Where(p => p.DeviceId.Length > 0).ToLookup(p => p.DeviceId),
        FloatingByPort = tx.OfSite<FloatingIp>(site).Where(f => f.PortId is not null).ToLookup(f => f.PortId!),
        Networks = tx.OfSite<NetworkEntity>(site).ToDictionary(n => n.Id),
        VolumesByServer = tx.OfSite<VolumeEntity>(site)
            .SelectMany(v => v.Attachments.Select(a => (Volume: v, Attachment: a)))
            .ToLookup(x => x.Attachment.ServerId),
    };
}
