using Crd.Simulator.Config;

namespace Crd.Simulator.Hosting;

/// <summary>
/// A per-site service reachable at <c>/sites/&lt;site&gt;/&lt;Path&gt;/...</c>: which sites offer it and
/// whether the gate checks a Keystone token (<c>X-Auth-Token</c>) before the module sees the request.
/// </summary>
/// <param name="Path">URL segment and service name (<c>compute</c>, <c>container-infra</c>).</param>
/// <param name="IsOffered">Whether a site offers it.</param>
/// <param name="KeystoneAuth">True when every request needs a valid token of that site.</param>
public sealed record SiteService(string Path, Func<SiteConfig, bool> IsOffered, bool KeystoneAuth);
