using Crd.Provider.Tests.Support;
using Crd.Terraform.Testing;

namespace Crd.Provider.Tests.Docs;

/// <summary>docs/ is generated from the live schema: these fail when the two drift. Run with UPDATE_DOCS=1 to regenerate.</summary>
public sealed class DocsDriftTests
{
    private const string Marker = "## Schema\n";

    [Fact]
    public async Task IndexPage_SchemaSection_MatchesProviderSchema()
    {
        await using var session = await ProviderSession.StartAsync(new HarnessOptions { ProviderExecutable = ProviderBinary.Path }, new Dictionary<string, object?>(), configure: false, new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token);
        var rendered = SchemaMarkdown.Render(session.Schemas.Provider.Block);
        var path = Path.Combine(RepositoryRoot(), "docs", "index.md");
        var page = File.ReadAllText(path).ReplaceLineEndings("\n");
        var head = page.Contains(Marker, StringComparison.Ordinal) ? page[..page.IndexOf(Marker, StringComparison.Ordinal)] : page + "\n";

        if (Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, head + rendered);
            page = head + rendered;
        }

        Assert.Equal(head + rendered, page);
    }

    /// <summary>
    /// Every resource, data source and ephemeral resource has its registry page (docs/resources/&lt;name&gt;.md,
    /// docs/data-sources/&lt;name&gt;.md, docs/ephemeral-resources/&lt;name&gt;.md) with an example, an import section for resources, and a
    /// "## Schema" section generated from the live schema (it ends at the next "## " heading).
    /// </summary>
    [Fact]
    public async Task ResourceAndDataSourcePages_SchemaSections_MatchLiveSchemas()
    {
        await using var session = await ProviderSession.StartAsync(new HarnessOptions { ProviderExecutable = ProviderBinary.Path }, new Dictionary<string, object?>(), configure: false, new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token);
        var root = RepositoryRoot();
        var pages = session.Schemas.Resources.Select(r => (Kind: "resources", r.Key, r.Value.Block))
            .Concat(session.Schemas.DataSources.Select(d => (Kind: "data-sources", d.Key, d.Value.Block)))
            .Concat(session.Schemas.EphemeralResources.Select(e => (Kind: "ephemeral-resources", e.Key, e.Value.Block)));
        var problems = new List<string>();
        foreach (var (kind, typeName, block) in pages)
        {
            var path = Path.Combine(root, "docs", kind, typeName["crd_".Length..] + ".md");
            if (!File.Exists(path))
            {
                problems.Add($"{typeName}: missing {Path.GetRelativePath(root, path)}");
                continue;
            }

            var page = File.ReadAllText(path).ReplaceLineEndings("\n");
            var expected = WithSchema(page, SchemaMarkdown.Render(block));
            if (Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1" && expected != page)
            {
                File.WriteAllText(path, expected);
                page = expected;
            }

            if (expected != page)
            {
                problems.Add($"{typeName}: the \"## Schema\" section of {Path.GetRelativePath(root, path)} differs from the live schema (run the tests with UPDATE_DOCS=1)");
            }

            if (!page.Contains("## Example Usage", StringComparison.Ordinal))
            {
                problems.Add($"{typeName}: no \"## Example Usage\" section");
            }

            if (kind == "resources" && !page.Contains("## Import", StringComparison.Ordinal))
            {
                problems.Add($"{typeName}: no \"## Import\" section");
            }

            var example = Path.Combine(root, "examples", kind, typeName, kind switch
            {
                "resources" => "resource.tf",
                "ephemeral-resources" => "ephemeral-resource.tf",
                _ => "data-source.tf",
            });
            if (!File.Exists(example) || !page.Contains(File.ReadAllText(example).ReplaceLineEndings("\n").Trim(), StringComparison.Ordinal))
            {
                problems.Add($"{typeName}: {Path.GetRelativePath(root, example)} is missing or not embedded in the page");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    // Replaces (or inserts before "## Import", else appends) the generated schema section.
    private static string WithSchema(string page, string rendered)
    {
        var start = page.IndexOf(Marker, StringComparison.Ordinal);
        if (start < 0)
        {
            var import = page.IndexOf("\n## Import", StringComparison.Ordinal);
            return import < 0 ? page.TrimEnd('\n') + "\n\n" + rendered : page[..(import + 1)] + rendered + "\n" + page[(import + 1)..];
        }

        var end = page.IndexOf("\n## ", start + Marker.Length, StringComparison.Ordinal);
        return page[..start] + rendered + (end < 0 ? "" : "\n" + page[(end + 1)..]);
    }

    [Fact]
    public void IndexPage_ExampleFile_IsEmbedded()
    {
        var root = RepositoryRoot();
        var example = File.ReadAllText(Path.Combine(root, "examples", "provider", "provider.tf")).ReplaceLineEndings("\n").Trim();
        var page = File.ReadAllText(Path.Combine(root, "docs", "index.md")).ReplaceLineEndings("\n");

        Assert.Contains(example, page, StringComparison.Ordinal);
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "terraform-provider-crd.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("repository root not found above " + AppContext.BaseDirectory);
    }
}
