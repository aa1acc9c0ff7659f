using System.Reflection;

namespace Crd.Provider.Tests.Support;

/// <summary>
/// The terraform-provider-crd executable under test: <c>CRD_PROVIDER_PATH</c> (the published
/// single-file binary, as CI runs it) or the build output.
/// </summary>
internal static class ProviderBinary
{
    public static string Path
    {
        get
        {
            if (Environment.GetEnvironmentVariable("CRD_PROVIDER_PATH") is { Length: > 0 } published)
            {
                return published;
            }

            var directory = typeof(ProviderBinary).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProviderDirectory").Value!;
            var apphost = System.IO.Path.Combine(directory, "terraform-provider-crd");
            return File.Exists(apphost) ? apphost : throw new FileNotFoundException($"provider not built: {apphost}");
        }
    }
}
