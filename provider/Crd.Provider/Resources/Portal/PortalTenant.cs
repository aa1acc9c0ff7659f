using Crd.Cloud.Portal;

namespace Crd.Provider.Resources.Portal;

/// <summary>A portal project's tenant on one site: the site's tenant offering and the marketplace resource.</summary>
internal sealed record PortalTenant(string Site, WaldurOffering Offering, WaldurResource Resource);
