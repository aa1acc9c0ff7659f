using System.Reflection;

namespace Crd.Terraform.Plugin.Tests.Support;

/// <summary>
/// Finds the test provider executable built alongside the tests (ProjectReference with
/// ReferenceOutputAssembly=false). <c>CRD_TEST_PROVIDER_PATH</c> overrides it, e.g. to run
/// the transport tests against a published single-file binary.
/// </summary>
internal static class TestProviderBinary
{
    public const string ProviderAddress = "registry.terraform.io/crd-cloud/sdktest";

    public static string Path
    {
        get
        {
            var overridden = Environment.GetEnvironmentVariable("CRD_TEST_PROVIDER_PATH");
            if (!string.IsNullOrEmpty(overridden))
            {
                return overridden;
            }

            var directory = typeof(TestProviderBinary).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(a => a.Key == "TestProviderDirectory").Value!;
            var apphost = System.IO.Path.Combine(directory, "terraform-provider-sdktest");
            if (File.Exists(apphost))
            {
                return apphost;
            }

            var dll = apphost + ".dll";
            return File.Exists(dll)
                ? dll
                : throw new FileNotFoundException($"test provider not built: expected {apphost}; build tests/Crd.Terraform.Plugin.TestProvider first");
        }
    }
}
