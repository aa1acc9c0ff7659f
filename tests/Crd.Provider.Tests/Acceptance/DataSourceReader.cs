using Crd.Provider.Tests.Support;
using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Testing;
using Crd.Terraform.Testing.Configuration;
using Crd.Terraform.Testing.Protocol;

namespace Crd.Provider.Tests.Acceptance;

/// <summary>Reads one data source through the harness (validate, then plan: Terraform reads data sources while planning).</summary>
internal static class DataSourceReader
{
    /// <summary>No variable of the machine leaks into the provider block.</summary>
    public static readonly IReadOnlyDictionary<string, string?> CleanEnvironment = new Dictionary<string, string?>
    {
        ["CRD_DEFAULT_SITE"] = null,
        ["CRD_PORTAL_URL"] = null,
        ["CRD_PORTAL_TOKEN"] = null,
        ["CRD_ONEZONE_URL"] = null,
        ["CRD_ONEZONE_TOKEN"] = null,
        ["OS_CLIENT_CONFIG_FILE"] = null,
    };

    public static CancellationToken Deadline => new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token;

    public static TerraformHarness Harness() => new(new HarnessOptions { ProviderExecutable = ProviderBinary.Path, Environment = CleanEnvironment });

    /// <summary>The data source's state after a plan; throws <see cref="TerraformCommandException"/> on errors.</summary>
    public static async Task<CtyValue> ReadAsync(IReadOnlyDictionary<string, object?> provider, string type, Dictionary<string, object?> body)
    {
        var config = new TerraformConfiguration { Provider = provider, Resources = [new ResourceConfig(type, "test", body, IsData: true)] };
        var harness = Harness();
        var validation = await harness.ValidateAsync(config, Deadline);
        if (validation.Any(d => d.IsError))
        {
            throw new TerraformCommandException("Validate", validation);
        }

        var plan = await harness.PlanAsync(config, Deadline);
        return plan.Changes[$"data.{type}.test"].Planned;
    }

    /// <summary>The error diagnostics of reading the data source (validate or plan).</summary>
    public static async Task<IReadOnlyList<HarnessDiagnostic>> ErrorsAsync(IReadOnlyDictionary<string, object?> provider, string type, Dictionary<string, object?> body)
    {
        var error = await Assert.ThrowsAsync<TerraformCommandException>(() => ReadAsync(provider, type, body));
        return error.Diagnostics.Where(d => d.IsError).ToList();
    }

    public static string Str(this CtyValue value, string attribute) => value.GetAttribute(attribute).AsString();

    public static long Int(this CtyValue value, string attribute) => value.GetAttribute(attribute).AsNumber().TryGetInt64(out var n) ? n : throw new InvalidOperationException($"{attribute} is not an integer");

    public static double Num(this CtyValue value, string attribute) => value.GetAttribute(attribute).AsNumber().ToDouble();

    public static IReadOnlyList<CtyValue> List(this CtyValue value, string attribute) => value.GetAttribute(attribute).Elements;
}
