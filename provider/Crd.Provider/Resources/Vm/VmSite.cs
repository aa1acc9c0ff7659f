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
}
