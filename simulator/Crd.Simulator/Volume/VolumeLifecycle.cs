using Crd.Simulator.State;

namespace Crd.Simulator.Volume;

/// <summary>Completes volume transitions (creating, attaching, detaching, extending, retyping, deleting).</summary>
public static class VolumeLifecycle
{
    /// <summary>The settler registered for <see cref="VolumeEntity"/>.</summary>
    public static void Settle(VolumeEntity volume, StoreTransaction tx, Hosting.SimRuntime runtime)
    {
        // A volume made from an image goes creating -> downloading -> available, as in Cinder.
        if (volume is { Pending: "create", Status: "creating", ImageId: not null, FailMessage: null })
        {
            volume.Status = "downloading";
            volume.DueAt = runtime.Due(tx, volume.Site, "volume", runtime.Config.VolumeSeconds);
            volume.UpdatedAt = tx.Now;
            tx.Put(volume);
            return;
        }
        var pending = volume.Pending;
        volume.Pending = null;
        volume.DueAt = null;
        volume.UpdatedAt = tx.Now;
        switch (pending)
        {
            case "create":
                volume.Status = volume.FailMessage is null ? "available" : "error";
                break;
            case "detach":
                volume.Attachments.Clear();
                volume.Status = "available";
                break;
            case "extend":
                volume.Size = volume.PendingSize ?? volume.Size;
                volume.PendingSize = null;
                volume.Status = volume.RestingStatus;
                break;
            case "retype":
                volume.VolumeType = volume.PendingType ?? volume.VolumeType;
                volume.PendingType = null;
                volume.Status = volume.RestingStatus;
                break;
            case "delete":
                tx.Delete(volume);
                return;
            default:
                volume.Status = volume.RestingStatus;
                break;
        }
        tx.Put(volume);
    }
}
