using System.Text.Json.Nodes;

namespace Crd.Cloud.Portal;

/// <summary>Customers and projects.</summary>
public sealed partial class WaldurClient
{
    /// <summary>Every customer the token sees.</summary>
    public async Task<IReadOnlyList<WaldurCustomer>> ListCustomersAsync(CancellationToken cancellationToken)
        => [.. (await ListAsync("customers/", null, cancellationToken).ConfigureAwait(false)).Select(WaldurCustomer.From)];

    /// <summary>A customer by uuid, URL or exact name; <see cref="CloudLookupException"/> listing the visible ones otherwise.</summary>
    public async Task<WaldurCustomer> ResolveCustomerAsync(string nameOrUuid, CancellationToken cancellationToken)
    {
        var all = await ListCustomersAsync(cancellationToken).ConfigureAwait(false);
        var uuid = UuidOf(nameOrUuid).Replace("-", "", StringComparison.Ordinal);
        var byId = all.FirstOrDefault(c => c.Uuid == uuid);
        if (byId is not null)
        {
            return byId;
        }

        var byName = all.Where(c => c.Name == nameOrUuid).ToList();
        return byName.Count switch
        {
            1 => byName[0],
            0 => throw new CloudLookupException(Scope, "customer", nameOrUuid, all.Select(c => c.Name)),
            _ => throw new CloudLookupException(Scope, "customer", nameOrUuid, byName.Select(c => c.Uuid), ambiguous: true),
        };
    }

    /// <summary>A project by uuid; null when it does not exist (or the token cannot see it).</summary>
    public async Task<WaldurProject?> FindProjectAsync(string uuid, CancellationToken cancellationToken)
    {
        try
        {
            return WaldurProject.From(await GetAsync($"projects/{Uri.EscapeDataString(uuid)}/", cancellationToken).ConfigureAwait(false));
        }
        catch (CloudApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>Projects with exactly this name (any customer the token sees).</summary>
    public async Task<IReadOnlyList<WaldurProject>> FindProjectsByNameAsync(string name, CancellationToken cancellationToken)
        => [.. (await ListAsync("projects/", "name_exact=" + Uri.EscapeDataString(name), cancellationToken).ConfigureAwait(false)).Select(WaldurProject.From).Where(p => p.Name == name)];

    /// <summary>Creates a project of <paramref name="customer"/>.</summary>
    public async Task<WaldurProject> CreateProjectAsync(WaldurCustomer customer, string name, string? description, string? endDate, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["customer"] = customer.Url, ["name"] = name, ["description"] = description ?? "" };
        if (endDate is not null)
        {
            body["end_date"] = endDate;
        }

        return WaldurProject.From(await PostAsync("projects/", body, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Changes name, description and end date in place (PATCH).</summary>
    public async Task<WaldurProject> UpdateProjectAsync(string uuid, string name, string? description, string? endDate, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["name"] = name, ["description"] = description ?? "", ["end_date"] = endDate };
        var response = await SendAsync(HttpMethod.Patch, $"projects/{Uri.EscapeDataString(uuid)}/", body, cancellationToken).ConfigureAwait(false);
        return WaldurProject.From(response.Body as JsonObject ?? throw new CloudProtocolException("the portal answered a project update without the project"));
    }

    /// <summary>Deletes a project (Waldur refuses, 409, while it has live resources); a project already gone is not an error.</summary>
    public async Task DeleteProjectAsync(string uuid, CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync(HttpMethod.Delete, $"projects/{Uri.EscapeDataString(uuid)}/", null, cancellationToken).ConfigureAwait(false);
        }
        catch (CloudApiException e) when (e.IsNotFound)
        {
        }
    }
}
