using Crd.Simulator.State;

namespace Crd.Simulator.Volume;

/// <summary>A Cinder volume. <see cref="Pending"/> says what the due transition completes.</summary>
[SimCollection("volume.volumes")]
public sealed class VolumeEntity : Entity
{
    /// <summary>Name.</summary>
    public string? Name { get; set; }

    /// <summary>Description.</summary>
    public string? Description { get; set; }

    /// <summary>Size in GB.</summary>
    public int Size { get; set; }

    /// <summary>Cinder status (creating, available, attaching, in-use, detaching, extending, retyping, deleting, error...).</summary>
    public string Status { get; set; } = "creating";

    /// <summary>Volume type name.</summary>
    public string VolumeType { get; set; } = "";

    /// <summary>Created from an image (bootable).</summary>
    public string? ImageId { get; set; }

    /// <summary>Metadata.</summary>
    public Dictionary<string, string> Metadata { get; set; } = [];

    /// <summary>Attachments (at most one: no multiattach).</summary>
    public List<VolumeAttachmentRecord> Attachments { get; set; } = [];

    /// <summary>What completes at DueAt: create, attach, detach, extend, retype, delete.</summary>
    public string? Pending { get; set; }

    /// <summary>Size after a pending extend.</summary>
    public int? PendingSize { get; set; }

    /// <summary>Type after a pending retype.</summary>
    public string? PendingType { get; set; }

    /// <summary>When set, the pending create ends in <c>error</c>.</summary>
    public string? FailMessage { get; set; }

    /// <summary>Creating user.</summary>
    public string UserId { get; set; } = "";

    /// <summary>Availability zone.</summary>
    public string AvailabilityZone { get; set; } = "nova";

    /// <summary>Creation time.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Last update.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The status the volume rests in when nothing is pending.</summary>
    public string RestingStatus => Attachments.Count > 0 ? "in-use" : "available";
}
