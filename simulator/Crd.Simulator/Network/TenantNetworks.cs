using Crd.Simulator.Config;
using Crd.Simulator.Hosting;
using Crd.Simulator.State;

namespace Crd.Simulator.Network;

/// <summary>Creates the site's external network and each project's network, subnet, router and default group.</summary>
public static class TenantNetworks
{
    /// <summary>Name of the external network.</summary>
    public const string PublicName = "public";

    /// <summary>Name of each project's network.</summary>
    public const string PrivateName = "private";

    /// <summary>The external network of <paramref name="site"/> (created if missing).</summary>
    public static NetworkEntity EnsurePublic(StoreTransaction tx, SimRuntime runtime, SiteConfig site)
    {
        var id = runtime.DeriveUuid(site.Name, "network", PublicName);
        var network = tx.Find<NetworkEntity>(id);
        if (network is not null)
        {
            return network;
        }
        network = new NetworkEntity
        {
            Id = id,
            Site = site.Name,
            ProjectId = runtime.DeriveId(site.Name, "project", Identity.IdentityModule.AdminProject),
            Name = PublicName,
            Description = "External network (floating IPs)",
            External = true,
            Mtu = 1500,
            CreatedAt = tx.Now,
        };
        tx.Put(network);
        var cidr = Ipv4Cidr.TryParse(site.PublicCidr) ?? throw new InvalidDataException($"bad publicCidr {site.PublicCidr}");
        tx.Put(new Subnet
        {
            Id = runtime.DeriveUuid(site.Name, "subnet", PublicName),
            Site = site.Name,
            ProjectId = network.ProjectId,
            Name = PublicName + "-subnet",
            NetworkId = id,
            Cidr = cidr.ToString(),
            GatewayIp = cidr.Gateway,
            EnableDhcp = false,
            CreatedAt = tx.Now,
        });
        return network;
    }

    /// <summary>Creates network <c>private</c>, its subnet, a router to <c>public</c> and the default security group.</summary>
    public static NetworkEntity Create(StoreTransaction tx, SimRuntime runtime, SiteConfig site, string projectId, string? cidrText = null)
    {
        var external = EnsurePublic(tx, runtime, site);
        var network = new NetworkEntity
        {
            Id = runtime.DeriveUuid(site.Name, projectId, "network", PrivateName),
            Site = site.Name,
            ProjectId = projectId,
            Name = PrivateName,
            CreatedAt = tx.Now,
        };
        tx.Put(network);
        var cidr = Ipv4Cidr.TryParse(cidrText ?? site.PrivateCidr) ?? throw ApiException.BadRequest($"Invalid CIDR {cidrText ?? site.PrivateCidr}.");
        var subnet = new Subnet
        {
            Id = runtime.DeriveUuid(site.Name, projectId, "subnet", PrivateName),
            Site = site.Name,
            ProjectId = projectId,
            Name = PrivateName + "-subnet",
            NetworkId = network.Id,
            Cidr = cidr.ToString(),
            GatewayIp = cidr.Gateway,
            DnsNameservers = ["9.9.9.9"],
            CreatedAt = tx.Now,
        };
        tx.Put(subnet);
        tx.Put(new Router
        {
            Id = runtime.DeriveUuid(site.Name, projectId, "router"),
            Site = site.Name,
            ProjectId = projectId,
            Name = "router",
            ExternalNetworkId = external.Id,
            SubnetIds = [subnet.Id],
            CreatedAt = tx.Now,
        });
        CreateDefaultGroup(tx, runtime.DeriveUuid(site.Name, projectId, "security_group", "default"), site.Name, projectId);
        return network;
    }

    /// <summary>Creates the <c>default</c> group: all egress, ingress only from members of the group.</summary>
    public static SecurityGroup CreateDefaultGroup(StoreTransaction tx, string id, string site, string projectId)
    {
        var group = new SecurityGroup
        {
            Id = id,
            Site = site,
            ProjectId = projectId,
            Name = "default",
            Description = "Default security group",
            CreatedAt = tx.Now,
        };
        tx.Put(group);
        foreach (var (direction, ethertype) in new[] { ("egress", "IPv4"), ("egress", "IPv6"), ("ingress", "IPv4"), ("ingress", "IPv6") })
        {
            tx.Put(new SecurityGroupRule
            {
                Id = Guid.NewGuid().ToString("D"),
                Site = site,
                ProjectId = projectId,
                SecurityGroupId = id,
                Direction = direction,
                Ethertype = ethertype,
                RemoteGroupId = direction == "ingress" ? id : null,
                CreatedAt = tx.Now,
            });
        }
        return group;
    }

    /// <summary>A random Neutron-style MAC address.</summary>
    public static string NewMac() =>
        "fa:16:3e:" + string.Join(':', System.Security.Cryptography.RandomNumberGenerator.GetBytes(3).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
}
