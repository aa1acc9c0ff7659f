using System.Text.Json.Nodes;
using Crd.Simulator.Hosting;
using Crd.Simulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crd.Simulator.Image;

/// <summary>
/// Glance v2 at <c>/sites/&lt;site&gt;/image/v2</c>: list with filters (name, status, visibility,
/// tag, any property as <c>key=value</c>), sort (<c>sort=name:asc</c> or sort_key/sort_dir), paging, show.
/// </summary>
public sealed class ImageModule : ISimModule
{
    private static readonly HashSet<string> Reserved = ["limit", "marker", "sort", "sort_key", "sort_dir", "member_status", "tag", "visibility"];

    /// <inheritdoc/>
    public string Name => "image";

    /// <inheritdoc/>
    public void RegisterTypes(EntityRegistry registry) => registry.Register<ImageEntity>();

    /// <inheritdoc/>
    public void Configure(SimRuntime runtime)
    {
        runtime.AddSiteService(new SiteService("image", s => s.Offers("image"), KeystoneAuth: true));
        runtime.Errors.Register("image", ErrorShapes.KeystoneError);
    }

    /// <inheritdoc/>
    public void Seed(StoreTransaction tx, SimRuntime runtime)
    {
        foreach (var site in runtime.Config.Sites.Where(s => s.Offers("image")))
        {
            foreach (var image in site.Images)
            {
                var id = runtime.DeriveUuid(site.Name, "image", image.Name);
                tx.Put(new ImageEntity
                {
                    Id = id,
                    Site = site.Name,
                    ProjectId = runtime.DeriveId(site.Name, "project", Identity.IdentityModule.AdminProject),
                    Name = image.Name,
                    MinDiskGb = image.MinDiskGb,
                    SizeBytes = image.SizeBytes,
                    Properties = new Dictionary<string, string>(image.Properties),
                    Checksum = runtime.DeriveId("checksum", id),
                    CreatedAt = tx.Now,
                    UpdatedAt = tx.Now,
                });
            }
        }
    }

    /// <inheritdoc/>
    public void MapRoutes(IEndpointRouteBuilder routes, SimRuntime runtime)
    {
        routes.MapGet("/sites/{site}/image", (HttpContext ctx) => HttpJson.Json(new JsonObject
        {
            ["versions"] = new JsonArray
            {
                new JsonObject
                {
                    ["id"] = "v2.16",
                    ["status"] = "CURRENT",
                    ["links"] = new JsonArray { new JsonObject { ["rel"] = "self", ["href"] = ctx.BaseUrl() + "/sites/" + ctx.SiteConfig().Name + "/image/v2/" } },
                },
            },
        }));
        var v2 = routes.MapGroup("/sites/{site}/image/v2");
        v2.MapGet("/images", async Task<IResult> (HttpContext ctx) => await ListAsync(ctx, runtime));
        v2.MapGet("/images/{id}", async (HttpContext ctx, string id) =>
        {
            var token = ctx.Token();
            var image = await runtime.Store.ExecuteAsync(tx => tx.Find<ImageEntity>(id));
            return image is not null && Visible(image, token)
                ? HttpJson.Json(Json(image))
                : throw ApiException.NotFound($"No image found with ID {id}");
        });
    }

    /// <inheritdoc/>
    public void Describe(SimDescription description, SimRuntime runtime)
    {
    }

    private static bool Visible(ImageEntity image, Identity.TokenInfo token) =>
        image.Site == token.Site && (image.Visibility is "public" or "community" || image.ProjectId == token.ProjectId || token.IsAdmin);

    private static async Task<IResult> ListAsync(HttpContext ctx, SimRuntime runtime)
    {
        var token = ctx.Token();
        var query = ctx.Request.Query;
        var visibility = query["visibility"].ToString();
        if (visibility.Length > 0 && visibility is not ("public" or "private" or "shared" or "community" or "all"))
        {
            throw ApiException.BadRequest($"Invalid visibility value: {visibility}");
        }
        var tags = query["tag"].Where(t => !string.IsNullOrEmpty(t)).ToList();
        var images = await runtime.Store.ExecuteAsync(tx => tx.OfSite<ImageEntity>(token.Site).Where(i => Visible(i, token)).ToList());
        IEnumerable<ImageEntity> result = images
            .Where(i => visibility.Length == 0 || visibility == "all" || i.Visibility == visibility)
            .Where(i => tags.All(t => i.Tags.Contains(t!)));
        foreach (var (key, values) in query.Where(q => !Reserved.Contains(q.Key)))
        {
            var wanted = values.ToString();
            var (op, operand) = wanted.StartsWith("in:", StringComparison.Ordinal) ? ("in", wanted[3..]) : ("eq", wanted);
            result = result.Where(i => Property(i, key) is { } value && (op == "in" ? operand.Split(',').Contains(value) : value == operand));
        }
        var (sortKey, descending) = Sort(query);
        result = descending
            ? result.OrderByDescending(i => Property(i, sortKey) ?? "", StringComparer.Ordinal).ThenByDescending(i => i.Id, StringComparer.Ordinal)
            : result.OrderBy(i => Property(i, sortKey) ?? "", StringComparer.Ordinal).ThenBy(i => i.Id, StringComparer.Ordinal);
        var list = result.ToList();
        if (query["marker"].ToString() is { Length: > 0 } marker)
        {
            var at = list.FindIndex(i => i.Id == marker);
            list = at < 0 ? throw ApiException.BadRequest($"marker {marker} could not be found.") : list[(at + 1)..];
        }
        var limit = int.TryParse(query["limit"], out var l) && l > 0 ? l : 25;
        var page = list.Take(limit).ToList();
        var answer = new JsonObject
        {
            ["images"] = new JsonArray([.. page.Select(i => (JsonNode)Json(i))]),
            ["first"] = "/v2/images",
            ["schema"] = "/v2/schemas/images",
        };
        if (list.Count > limit)
        {
            answer["next"] = "/v2/images?marker=" + page[^1].Id + "&limit=" + limit;
        }
        return HttpJson.Json(answer);
    }

    private static (string Key, bool Descending) Sort(IQueryCollection query)
    {
        if (query["sort"].ToString() is { Length: > 0 } sort)
        {
            var first = sort.Split(',')[0].Split(':');
            return (first[0], first.Length > 1 && first[1] == "desc");
        }
        var key = query["sort_key"].ToString();
        var direction = query["sort_dir"].ToString();
        // Glance sorts by created_at, newest first, unless told otherwise.
        return (key.Length > 0 ? key : "created_at", direction.Length == 0 || direction == "desc");
    }

    private static string? Property(ImageEntity image, string key) => key switch
    {
        "id" => image.Id,
        "name" => image.Name,
        "status" => image.Status,
        "visibility" => image.Visibility,
        "owner" => image.ProjectId,
        "disk_format" => image.DiskFormat,
        "container_format" => image.ContainerFormat,
        "min_disk" => image.MinDiskGb.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "min_ram" => image.MinRamMb.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "size" => image.SizeBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "created_at" => HttpJson.Iso(image.CreatedAt),
        "updated_at" => HttpJson.Iso(image.UpdatedAt),
        "protected" => image.Protected ? "true" : "false",
        _ => image.Properties.GetValueOrDefault(key),
    };

    private static JsonObject Json(ImageEntity image)
    {
        var json = new JsonObject
        {
            ["id"] = image.Id,
            ["name"] = image.Name,
            ["status"] = image.Status,
            ["visibility"] = image.Visibility,
            ["protected"] = image.Protected,
            ["os_hidden"] = false,
            ["owner"] = image.ProjectId,
            ["size"] = image.SizeBytes,
            ["virtual_size"] = (long)image.MinDiskGb * 1024 * 1024 * 1024,
            ["min_disk"] = image.MinDiskGb,
            ["min_ram"] = image.MinRamMb,
            ["disk_format"] = image.DiskFormat,
            ["container_format"] = image.ContainerFormat,
            ["checksum"] = image.Checksum,
            ["os_hash_algo"] = "sha512",
            ["tags"] = image.Tags.ToJsonArray(),
            ["created_at"] = HttpJson.Iso(image.CreatedAt),
            ["updated_at"] = HttpJson.Iso(image.UpdatedAt),
            ["self"] = "/v2/images/" + image.Id,
            ["file"] = "/v2/images/" + image.Id + "/file",
            ["schema"] = "/v2/schemas/image",
        };
        foreach (var (key, value) in image.Properties)
        {
            json[key] = value;
        }
        return json;
    }
}
