using System.Security.Cryptography;
using System.Text;
using Crd.Simulator.Compute;
using Crd.Simulator.Hosting;
using Crd.Simulator.Identity;
using Crd.Simulator.Image;
using Crd.Simulator.State;

namespace Crd.Simulator.ContainerInfra;

/// <summary>Finding clusters, templates, nodegroups, flavors and images by uuid or name, scoped to the token's project.</summary>
public static class MagnumLookup
{
    /// <summary>Statuses from which a cluster accepts updates (Magnum's list).</summary>
    public static readonly string[] UpdatableStatuses =
        ["CREATE_COMPLETE", "UPDATE_COMPLETE", "UPDATE_FAILED", "RESUME_COMPLETE", "RESTORE_COMPLETE", "ROLLBACK_COMPLETE", "SNAPSHOT_COMPLETE", "CHECK_COMPLETE", "ADOPT_COMPLETE"];

    /// <summary>The project's cluster with this uuid or name (404 otherwise).</summary>
    public static Cluster Cluster(StoreTransaction tx, TokenInfo token, string ident)
    {
        var project = token.RequireProject();
        var cluster = tx.Find<Cluster>(ident);
        if (cluster is not null && cluster.Site == token.Site && cluster.ProjectId == project)
        {
            return cluster;
        }
        var named = tx.OfSite<Cluster>(token.Site, project).Where(c => c.Name == ident).Take(2).ToList();
        return named.Count switch
        {
            1 => named[0],
            0 => throw ApiException.NotFound($"Cluster {ident} could not be found."),
            _ => throw ApiException.Conflict($"Multiple clusters exist with same name '{ident}'. Please use the cluster uuid instead."),
        };
    }

    /// <summary>A template visible to the token (public or the project's own), by uuid or name.</summary>
    public static ClusterTemplate Template(StoreTransaction tx, TokenInfo token, string ident)
    {
        bool Visible(ClusterTemplate t) => t.Site == token.Site && (t.Public || t.ProjectId == token.ProjectId || token.IsAdmin);
        var template = tx.Find<ClusterTemplate>(ident);
        if (template is not null && Visible(template))
        {
            return template;
        }
        return tx.OfSite<ClusterTemplate>(token.Site).Where(Visible).FirstOrDefault(t => t.Name == ident)
            ?? throw ApiException.NotFound($"ClusterTemplate {ident} could not be found.");
    }

    /// <summary>A nodegroup of <paramref name="cluster"/> by uuid or name.</summary>
    public static Nodegroup Nodegroup(StoreTransaction tx, Cluster cluster, string ident) =>
        Nodegroups(tx, cluster).FirstOrDefault(g => g.Id == ident || g.Name == ident)
            ?? throw ApiException.NotFound($"Nodegroup {ident} could not be found.");

    /// <summary>The nodegroups of a cluster, defaults first.</summary>
    public static List<Nodegroup> Nodegroups(StoreTransaction tx, Cluster cluster) =>
        [.. tx.OfSite<Nodegroup>(cluster.Site, cluster.ProjectId).Where(g => g.ClusterId == cluster.Id)
            .OrderByDescending(g => g.IsDefault).ThenBy(g => g.Role == "master" ? 0 : 1).ThenBy(g => g.CreatedAt)];

    /// <summary>A flavor of the site by id or name (Magnum accepts both).</summary>
    public static Flavor Flavor(StoreTransaction tx, string site, string ident) =>
        tx.Find<Flavor>(ident) is { } byId && byId.Site == site
            ? byId
            : tx.OfSite<Flavor>(site).FirstOrDefault(f => f.Name == ident) ?? throw ApiException.NotFound($"Unable to find flavor {ident}.");

    /// <summary>A public image of the site by id or name.</summary>
    public static ImageEntity Image(StoreTransaction tx, string site, string ident) =>
        tx.Find<ImageEntity>(ident) is { } byId && byId.Site == site
            ? byId
            : tx.OfSite<ImageEntity>(site).FirstOrDefault(i => i.Name == ident) ?? throw ApiException.NotFound($"Unable to find image {ident}.");

    /// <summary>A keypair of the user, or 404.</summary>
    public static void RequireKeypair(StoreTransaction tx, TokenInfo token, string name)
    {
        if (tx.Find<Keypair>(Keypair.IdFor(token.UserId, name)) is null)
        {
            throw ApiException.NotFound($"Unable to find keypair {name}.");
        }
    }

    /// <summary>
    /// A deterministic address inside <paramref name="cidr"/>'s /24 for node <paramref name="index"/>
    /// of the object <paramref name="id"/> (addresses are cosmetic: no Neutron ports are created).
    /// </summary>
    public static string Address(string cidr, string id, int index)
    {
        var octets = cidr.Split('/')[0].Split('.');
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(id));
        var host = 20 + ((hash[0] * 7 + index) % 220);
        return $"{octets[0]}.{octets[1]}.{octets[2]}.{host}";
    }

    /// <summary>Validates a Magnum name (<c>^[a-zA-Z][a-zA-Z0-9_.-]*$</c>).</summary>
    public static string ValidName(string name, string what) =>
        name.Length > 0 && name.Length <= 242 && char.IsAsciiLetter(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-')
            ? name
            : throw ApiException.BadRequest($"Invalid input for field/attribute name. Value: '{name}'. {what} name must start with an alpha character and can only contain alphanumerics, '-', '.', '_'.");
}
