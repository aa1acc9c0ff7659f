using System.Text.RegularExpressions;
using Crd.Terraform.Plugin.Validators;

namespace Crd.StandIns.Kubernetes;

/// <summary>Kubernetes object name rules (k8s.io/apimachinery/pkg/util/validation), as validators.</summary>
internal static partial class KubernetesNames
{
    /// <summary>An RFC 1123 label: namespaces, and helm release names.</summary>
    public static IAttributeValidator Label { get; } = StringValidators.Matches(LabelPattern(),
        "must be a lowercase RFC 1123 label: at most 63 lower case alphanumeric characters or '-', starting and ending with an alphanumeric character (e.g. 'my-name', or '123-abc')");

    /// <summary>An RFC 1123 subdomain: secret names.</summary>
    public static IAttributeValidator Subdomain { get; } = StringValidators.Matches(SubdomainPattern(),
        "must be a lowercase RFC 1123 subdomain: at most 253 lower case alphanumeric characters, '-' or '.', starting and ending with an alphanumeric character (e.g. 'example.com')");

    /// <summary>A <c>generate_name</c> prefix: a label or subdomain that may end with '-'.</summary>
    public static IAttributeValidator GeneratePrefix { get; } = StringValidators.Matches(PrefixPattern(),
        "must be lower case alphanumeric characters, '-' or '.', starting with an alphanumeric character, at most 58 characters");

    [GeneratedRegex("^(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex LabelPattern();

    [GeneratedRegex(@"^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex SubdomainPattern();

    [GeneratedRegex(@"^(?=.{1,58}$)[a-z0-9][-a-z0-9.]*$")]
    private static partial Regex PrefixPattern();
}
