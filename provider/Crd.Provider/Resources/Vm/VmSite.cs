using Crd.Cloud;
using Crd.Cloud.Compute;
using Crd.Cloud.Image;
using Crd.Cloud.Network;

namespace Crd.Provider.Resources.Vm;

/// <summary>The clients a <c>crd_vm</c> operation needs on its site (all share the site's session and caches).</summary>
internal sealed class VmSite(SiteSession session)
{
    public SiteSession Session => session;

    public string Name => session.Site;

    public NovaClient Nova { get; } = new(session);

    public NeutronClient Neutron { get; } = new(session);

    public FlavorClient Flavors { get; } = new(session);

    public ImageClient Images { get; } = new(session);

    /// <summary>
    /// The image a name or id means, remembered for a few minutes per session: planning and
    /// creating many VMs from one image costs one Glance call, not one per VM.
    /// </summary>
    public Task<Image> ResolveImageAsync(string nameOrId, CancellationToken cancellationToken)
        => session.Cache.GetOrCreateAsync("crd_vm.image:" + nameOrId, TimeSpan.FromMinutes(5), ct => Images.ResolveAsync(nameOrId, ct), cancellationToken);
}
