namespace Crd.Terraform.Plugin.Cty;

/// <summary>
/// Raised inside the encoders when a value does not conform to the type it is encoded as;
/// each container level appends its path step while the exception unwinds, and the public
/// entry point turns it into an <see cref="ArgumentException"/> naming the full path.
/// </summary>
internal sealed class CtyEncodeMismatchException : Exception
{
    public CtyEncodeMismatchException(CtyType actual, CtyType expected)
        : base("The value does not conform to the type.")
    {
        Actual = actual;
        Expected = expected;
    }

    public CtyType Actual { get; }

    public CtyType Expected { get; }

    public List<CtyPathStep> ReversedSteps { get; } = [];

    public ArgumentException ToArgumentException()
    {
        var steps = ReversedSteps.ToArray();
        Array.Reverse(steps);
        var path = CtyPath.FromSteps(steps);
        var where = path.IsRoot ? "The value" : $"The value at {path}";
        return new ArgumentException(
            $"{where} has type {Actual.Description}, which does not conform to {Expected.Description}.",
            this);
    }
}
