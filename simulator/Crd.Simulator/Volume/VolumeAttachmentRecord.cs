namespace Crd.Simulator.Volume;

/// <summary>A volume's attachment to a server (seen by Nova and Cinder alike).</summary>
public sealed class VolumeAttachmentRecord
{
    /// <summary>Attachment id.</summary>
    public string AttachmentId { get; set; } = "";

    /// <summary>Server.</summary>
    public string ServerId { get; set; } = "";

    /// <summary>Device, e.g. <c>/dev/vdb</c>.</summary>
    public string Device { get; set; } = "";

    /// <summary>Tag (2.49+).</summary>
    public string? Tag { get; set; }

    /// <summary>Delete the volume with the server.</summary>
    public bool DeleteOnTermination { get; set; }

    /// <summary>When it was attached.</summary>
    public DateTimeOffset AttachedAt { get; set; }
}
