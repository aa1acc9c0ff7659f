using Crd.Provider.Tests.Docs;
using Crd.Provider.Tests.Support;
using Crd.Terraform.Testing;

namespace Crd.Provider.Tests.Acceptance;

/// <summary>
/// docs/data-sources/*.md end with a "## Schema" section generated from the live schema and embed
/// their example file: these fail when page, schema and example drift. UPDATE_DOCS=1 regenerates
/// the schema sections.
/// </summary>
public sealed class DataSourceDocsTests
{
    private const string Marker = "## Schema\n";

    [Theory]
    [InlineData("crd_sites", "sites")]
    [InlineData("crd_images", "images")]
    [InlineData("crd_flavors", "flavors")]
    public async Task DataSourcePage_SchemaSection_MatchesProviderSchema(string type, string page)
    {
        await using var session = await ProviderSession.StartAsync(new HarnessOptions { ProviderExecutable = ProviderBinary.Path }, new Dictionary<string, object?>(), configure: false, new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token);
        var rendered = SchemaMarkdown.Render(session.Schemas.DataSources[type].Block);
        var path = Path.Combine(DocsDriftTests.RepositoryRoot(), "docs", "data-sources", page + ".md");
        var text = File.ReadAllText(path).ReplaceLineEndings("\n");
        var head = text.Contains(Marker, StringComparison.Ordinal) ? text[..text.IndexOf(Marker, StringComparison.Ordinal)] : text + "\n";

        if (Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, head + rendered);
            text = head + rendered;
        }

        Assert.Equal(head + rendered, text);
    }

    [Theory]
    [InlineData("crd_sites", "sites")]
    [InlineData("crd_images", "images")]
    [InlineData("crd_flavors", "flavors")]
    public void DataSourcePage_ExampleFile_IsEmbedded(string type, string page)
    {
        var root = DocsDriftTests.RepositoryRoot();
        var example = File.ReadAllText(Path.Combine(root, "examples", "data-sources", type, "data-source.tf")).ReplaceLineEndings("\n").Trim();
        var text = File.ReadAllText(Path.Combine(root, "docs", "data-sources", page + ".md")).ReplaceLineEndings("\n");

        Assert.Contains(example, text, StringComparison.Ordinal);
    }
}
