namespace Crd.Simulator.Compute;

/// <summary>The <c>fault</c> of a server in ERROR.</summary>
public sealed class ServerFault
{
    /// <summary>Message, e.g. "No valid host was found".</summary>
    public string Message { get; set; } = "";

    /// <summary>Code (500).</summary>
    public int Code { get; set; } = 500;

    /// <summary>When it happened.</summary>
    public DateTimeOffset Created { get; set; }
}
