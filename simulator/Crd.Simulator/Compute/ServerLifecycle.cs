using Crd.Simulator.Hosting;
using Crd.Simulator.Network;
using Crd.Simulator.State;
using Crd.Simulator.Volume;

namespace Crd.Simulator.Compute;

/// <summary>Completes server transitions when their time has come, and tears servers down.</summary>
public static class ServerLifecycle
{
    /// <summary>The settler registered for <see cref="Server"/>.</summary>
    public static void Settle(Server server, StoreTransaction tx)
    {
        var pending = server.Pending;
        server.Pending = null;
        server.DueAt = null;
        server.TaskState = null;
        server.UpdatedAt = tx.Now;
        switch (pending)
        {
            case "build" when server.FailMessage is not null:
                server.Status = "ERROR";
                server.VmState = "error";
                server.PowerState = 0;
                server.Fault = new ServerFault { Message = server.FailMessage, Code = 500, Created = tx.Now };
                // Nova deallocates the network of a server that could not be scheduled.
                foreach (var portId in server.OwnedPortIds)
                {
                    if (tx.Find<Port>(portId) is { } port)
                    {
                        PortAllocator.Delete(tx, port);
                    }
                }
                server.OwnedPortIds.Clear();
                break;
            case "build":
                server.LaunchedAt = tx.Now;
                Rest(server, "active");
                break;
            case "stop":
                Rest(server, "stopped");
                break;
            case "start" or "reboot":
                Rest(server, "active");
                break;
            case "resize":
                server.Status = "VERIFY_RESIZE";
                server.VmState = "resized";
                break;
            case "revert":
                server.FlavorId = server.OldFlavorId ?? server.FlavorId;
                server.OldFlavorId = null;
                Rest(server, server.ResumeVmState ?? "active");
                break;
            case "rebuild":
                Rest(server, server.ResumeVmState ?? "active");
                break;
            case "delete":
                Remove(tx, server);
                return;
        }
        tx.Put(server);
    }

    /// <summary>Puts the server at rest in <paramref name="vmState"/> (active or stopped).</summary>
    public static void Rest(Server server, string vmState)
    {
        server.VmState = vmState;
        server.Status = vmState == "stopped" ? "SHUTOFF" : "ACTIVE";
        server.PowerState = vmState == "stopped" ? 4 : 1;
        server.ResumeVmState = null;
    }

    /// <summary>
    /// Removes a server: its Nova-created ports go (floating IPs are disassociated), other ports are
    /// unbound, attached volumes become available (or are deleted with delete_on_termination).
    /// </summary>
    public static void Remove(StoreTransaction tx, Server server)
    {
        foreach (var port in tx.OfSite<Port>(server.Site).Where(p => p.DeviceId == server.Id).ToList())
        {
            if (server.OwnedPortIds.Contains(port.Id))
            {
                PortAllocator.Delete(tx, port);
            }
            else
            {
                port.DeviceId = "";
                port.DeviceOwner = "";
                tx.Put(port);
            }
        }
        foreach (var volume in tx.OfSite<VolumeEntity>(server.Site).Where(v => v.Attachments.Any(a => a.ServerId == server.Id)).ToList())
        {
            var attachment = volume.Attachments.First(a => a.ServerId == server.Id);
            volume.Attachments.Remove(attachment);
            if (attachment.DeleteOnTermination)
            {
                tx.Delete(volume);
                continue;
            }
            volume.Pending = null;
            volume.DueAt = null;
            volume.Status = volume.RestingStatus;
            volume.UpdatedAt = tx.Now;
            tx.Put(volume);
        }
        tx.Delete(server);
    }

    /// <summary>Nova's 409 for an action attempted while a task runs or in the wrong state.</summary>
    public static ApiException Conflict(Server server, string action) => server.TaskState is { } task
        ? ApiException.Conflict($"Cannot '{action}' instance {server.Id} while it is in task_state {task}")
        : ApiException.Conflict($"Cannot '{action}' instance {server.Id} while it is in vm_state {server.VmState}");
}
