namespace Crd.Terraform.Plugin.Logging;

/// <summary>
/// Severity of a provider log line, in hclog order (the levels Terraform's <c>TF_LOG</c> and
/// <c>TF_LOG_PROVIDER</c> accept).
/// </summary>
public enum PluginLogLevel
{
    /// <summary>Most verbose: wire-level detail.</summary>
    Trace = 0,

    /// <summary>Diagnostic detail useful when investigating a problem.</summary>
    Debug = 1,

    /// <summary>Notable events in normal operation.</summary>
    Info = 2,

    /// <summary>Something unexpected that the provider recovered from.</summary>
    Warn = 3,

    /// <summary>A failure.</summary>
    Error = 4,

    /// <summary>Nothing is written.</summary>
    Off = 5,
}
