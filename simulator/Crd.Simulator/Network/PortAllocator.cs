using Crd.Simulator.Hosting;
using Crd.Simulator.State;

namespace Crd.Simulator.Network;

/// <summary>Creates ports with a fixed IP from the network's subnet (used by Neutron and by Nova's boot).</summary>
public static class PortAllocator
{
    /// <summary>Creates and stores a port; 409 <c>IpAddressGenerationFailure</c> when the subnet is full.</summary>
    public static Port Create(StoreTransaction tx, NetworkEntity network, string projectId, string? subnetId, string? fixedIp,
        IEnumerable<string> securityGroupIds, string name, string deviceId, string deviceOwner)
    {
        var subnet = subnetId is null
            ? tx.OfSite<Subnet>(network.Site).Where(s => s.NetworkId == network.Id).OrderBy(s => s.CreatedAt).FirstOrDefault()
            : tx.Find<Subnet>(subnetId) is { } s && s.NetworkId == network.Id
                ? s
                : throw ApiException.NotFound($"Subnet {subnetId} could not be found.", "SubnetNotFound");
        var address = "";
        if (subnet is not null)
        {
            var used = UsedAddresses(tx, subnet);
            var cidr = Ipv4Cidr.TryParse(subnet.Cidr)!.Value;
            if (fixedIp is not null)
            {
                if (used.Contains(fixedIp))
                {
                    throw ApiException.Conflict($"IP address {fixedIp} already allocated in subnet {subnet.Id}", "IpAddressAlreadyAllocated");
                }
                address = fixedIp;
            }
            else
            {
                address = cidr.Allocate(used)
                    ?? throw ApiException.Conflict($"No more IP addresses available on network {network.Id}.", "IpAddressGenerationFailure");
            }
        }
        var port = new Port
        {
            Id = SimRuntime.NewUuid(),
            Site = network.Site,
            ProjectId = projectId,
            Name = name,
            NetworkId = network.Id,
            SubnetId = subnet?.Id ?? "",
            IpAddress = address,
            MacAddress = TenantNetworks.NewMac(),
            DeviceId = deviceId,
            DeviceOwner = deviceOwner,
            SecurityGroupIds = [.. securityGroupIds],
            CreatedAt = tx.Now,
        };
        tx.Put(port);
        return port;
    }

    /// <summary>Addresses taken in <paramref name="subnet"/> (ports and the gateway).</summary>
    public static HashSet<string> UsedAddresses(StoreTransaction tx, Subnet subnet)
    {
        var used = new HashSet<string>(StringComparer.Ordinal) { subnet.GatewayIp };
        foreach (var port in tx.OfSite<Port>(subnet.Site))
        {
            if (port.SubnetId == subnet.Id)
            {
                used.Add(port.IpAddress);
            }
        }
        return used;
    }

    /// <summary>Deletes a port and disassociates the floating IPs that pointed at it.</summary>
    public static void Delete(StoreTransaction tx, Port port)
    {
        foreach (var floating in tx.OfSite<FloatingIp>(port.Site).Where(f => f.PortId == port.Id).ToList())
        {
            floating.PortId = null;
            floating.FixedIpAddress = null;
            floating.RouterId = null;
            tx.Put(floating);
        }
        tx.Delete(port);
    }
}
