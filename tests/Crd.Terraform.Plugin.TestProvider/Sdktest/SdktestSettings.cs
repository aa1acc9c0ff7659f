namespace Crd.Terraform.Plugin.TestProvider.Sdktest;

/// <summary>What the test provider's components receive from ConfigureProvider.</summary>
internal sealed record SdktestSettings(string Prefix, ObjectStore Store);
