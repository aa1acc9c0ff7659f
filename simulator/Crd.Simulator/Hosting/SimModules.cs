namespace Crd.Simulator.Hosting;

/// <summary>The list of modules. Adding a service module = one line here (see README.md).</summary>
public static class SimModules
{
    /// <summary>Fresh instances of every module, in start-up order (Identity first: others use its projects).</summary>
    public static IReadOnlyList<ISimModule> Create() =>
    [
        new Identity.IdentityModule(),
        new Network.NetworkModule(),
        new Image.ImageModule(),
        new Compute.ComputeModule(),
        new Volume.VolumeModule(),
        new ContainerInfra.ContainerInfraModule(),
        new Portal.PortalModule(),
        new Onedata.OnedataModule(),
        new Admin.AdminModule(),
        new Dashboard.DashboardModule(),
    ];
}
