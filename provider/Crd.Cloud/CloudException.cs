namespace Crd.Cloud;

/// <summary>Base of every failure a cloud call reports; the message is fit for a diagnostic.</summary>
public class CloudException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CloudException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
