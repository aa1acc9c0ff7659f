namespace Crd.Terraform.Testing.Configuration;

/// <summary>
/// A reference expression in test configuration, like <c>sdktest_thing.a.id</c> or
/// <c>data.sdktest_echo.e.output</c>: unknown at plan time while the referenced value is
/// unknown, known at apply time — as in Terraform.
/// </summary>
/// <param name="Address">Resource address: <c>type.name</c> or <c>data.type.name</c>.</param>
/// <param name="Attribute">Top-level attribute of that resource.</param>
public sealed record Ref(string Address, string Attribute)
{
    /// <summary>Parses <c>type.name.attr</c> or <c>data.type.name.attr</c>.</summary>
    public static Ref Parse(string expression)
    {
        var parts = expression.Split('.');
        return parts[0] == "data"
            ? new Ref(string.Join('.', parts[..3]), parts[3])
            : new Ref(string.Join('.', parts[..2]), parts[2]);
    }
}
