using System.Globalization;
using System.Text;
using Crd.Terraform.Plugin.Cty;

namespace Crd.Terraform.Plugin.Server.Consistency;

/// <summary>
/// One violation of Terraform's plan-validity or apply-consistency rules, found by the SDK before
/// it answers Terraform. It always means a bug in the provider (or the SDK), never a user error.
/// </summary>
/// <remarks>
/// The message is worded like the Terraform error it pre-empts (hashicorp/terraform v1.15.9
/// internal/plans/objchange) and quotes values in go-cty's Go syntax, e.g.
/// <c>planned value cty.StringVal("a") does not match config value cty.StringVal("b")</c>, so a
/// diagnostic can quote it and a provider developer can search Terraform's sources for it.
/// </remarks>
/// <param name="Path">Where in the resource object the problem is (root for the whole object).</param>
/// <param name="Message">What is wrong, in Terraform's wording.</param>
public sealed record ConsistencyError(CtyPath Path, string Message)
{
    /// <summary>
    /// The error as Terraform prints it (internal/lang/format ErrorDiag): the path in
    /// <c>.name[0]["key"]</c> form, a colon, then the message; the message alone at the root.
    /// </summary>
    public override string ToString()
    {
        var path = FormatPath(Path);
        return path.Length == 0 ? Message : $"{path}: {Message}";
    }

    /// <summary>
    /// Renders a path the way Terraform's <c>format.CtyPath</c> does: <c>.a</c>, <c>[0]</c>,
    /// <c>["k"]</c>; the root is the empty string.
    /// </summary>
    public static string FormatPath(CtyPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var builder = new StringBuilder();
        foreach (var step in path.Steps)
        {
            switch (step.Kind)
            {
                case CtyPathStepKind.AttributeName:
                    builder.Append('.').Append(step.Name);
                    break;
                case CtyPathStepKind.ElementKeyString:
                    builder.Append('[').Append(CtyGoSyntax.Quote(step.Name ?? "")).Append(']');
                    break;
                case CtyPathStepKind.ElementKeyInt:
                    builder.Append('[').Append(step.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
                    break;
            }
        }

        return builder.ToString();
    }
}
