namespace Crd.Simulator.Faults;

/// <summary>What a fault rule does to a matching request.</summary>
public enum FaultKind
{
    /// <summary>Answer with <see cref="FaultRule.Status"/> (429 with Retry-After, 500, 503...).</summary>
    Status,

    /// <summary>Abort the connection without an answer (a connection reset for the client).</summary>
    Reset,

    /// <summary>Delay the request by <see cref="FaultRule.LatencyMs"/>, then serve it normally.</summary>
    Latency,

    /// <summary>Let the create succeed, but the object ends in ERROR ("No valid host was found").</summary>
    BuildError,

    /// <summary>Asynchronous transitions (build, attach, delete...) take <see cref="FaultRule.Factor"/> times longer.</summary>
    Slow,
}
