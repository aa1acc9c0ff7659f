using Crd.Simulator.Config;
using Crd.Simulator.Hosting;
using Crd.Simulator.State;

namespace Crd.Simulator.Identity;

/// <summary>
/// Creates a ready-to-use tenant on a site: project, user, role assignment, application
/// credential, quota, network <c>private</c> with its subnet and the <c>default</c> security group.
/// Used by the seed, <c>POST /_sim/projects</c> and the portal module (tenant orders).
/// Ids and secrets derive from the seed, site and name, so they are stable across resets.
/// </summary>
public static class TenantFactory
{
    /// <summary>Creates (or returns the existing) tenant <paramref name="name"/> at <paramref name="site"/>.</summary>
    public static Tenant Create(StoreTransaction tx, SimRuntime runtime, SiteConfig site, string name, IReadOnlyList<string> roles,
        QuotaConfig? quota = null, string description = "")
    {
        var projectId = runtime.DeriveId(site.Name, "project", name);
        var userId = runtime.DeriveId(site.Name, "user", name);
        var credentialId = runtime.DeriveId(site.Name, "application_credential", name);
        var project = tx.Find<Project>(projectId);
        if (project is null)
        {
            project = new Project
            {
                Id = projectId,
                Site = site.Name,
                ProjectId = projectId,
                Name = name,
                Description = description,
                Quota = (quota ?? site.Quota).Clone(),
            };
            project.Members[userId] = [.. roles];
            tx.Put(project);
            tx.Put(new User
            {
                Id = userId,
                Site = site.Name,
                ProjectId = projectId,
                Name = name,
                Password = runtime.DeriveSecret(site.Name, "password", name),
            });
            tx.Put(new ApplicationCredential
            {
                Id = credentialId,
                Site = site.Name,
                ProjectId = projectId,
                Name = name,
                UserId = userId,
                Secret = runtime.DeriveSecret(site.Name, "application_credential", name),
                Roles = [.. roles],
                Unrestricted = true,
                Description = "Created by crd-sim",
            });
            if (site.Offers("network"))
            {
                Network.TenantNetworks.Create(tx, runtime, site, projectId);
            }
        }
        var credential = tx.Find<ApplicationCredential>(credentialId);
        var user = tx.Find<User>(userId);
        return new Tenant(project, user, credential);
    }
}
