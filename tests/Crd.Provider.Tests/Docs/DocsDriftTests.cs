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
