using Crd.Cloud.Compute;
using Crd.Cloud.Polling;

namespace Crd.Cloud.Volume;

/// <summary>
/// The volume workflows a resource needs, each ending only when the cloud agrees it is done:
/// create (with a request marker so that a create whose answer was lost is adopted, not
/// orphaned or duplicated), attach and detach (Nova's attachment list and Cinder's status must
/// agree), extend, retype, and delete (detaching first). Every step tolerates its own retry:
/// a repeated POST that the cloud refuses because the first one already took effect counts as
/// success.
/// </summary>
public sealed class VolumeOperations(SiteSession session)
{
    /// <summary>Metadata key holding the marker of the create request that made the volume.</summary>
    public const string RequestMarkerKey = "crd:request";

    private readonly CinderClient _cinder = new(session);
    private readonly VolumeAttachmentClient _attachments = new(session);

    /// <summary>The Cinder client used.</summary>
    public CinderClient Cinder => _cinder;

    /// <summary>
    /// Sends the create with a fresh marker in its metadata and returns the new volume's id as
    /// soon as Cinder has one. When the answer is lost (connection reset, 5xx after retries),
    /// looks for the marker and adopts what it finds; copies made by a retried POST are deleted.
    /// </summary>
    public async Task<string> StartCreateAsync(VolumeCreateSpec spec, CancellationToken cancellationToken)
    {
        var marker = Guid.NewGuid().ToString("D");
        var metadata = new Dictionary<string, string>(spec.Metadata, StringComparer.Ordinal) { [RequestMarkerKey] = marker };
        var markerFilter = new Dictionary<string, string>(StringComparer.Ordinal) { [RequestMarkerKey] = marker };
        string id;
        try
        {
            id = (await _cinder.CreateAsync(spec with { Metadata = metadata }, cancellationToken).ConfigureAwait(false)).Id;
        }
        catch (CloudException e) when (e is not CloudApiException { StatusCode: < 500 })
        {
            // The request may have been carried out even though no answer came back.
            var found = await _cinder.ListDetailAsync(spec.Name, markerFilter, cancellationToken).ConfigureAwait(false);
            if (found.Count == 0)
            {
                throw;
            }

            id = found[0].Id;
        }

        // A POST retried after a reset may have created the volume twice: keep one.
        var copies = await _cinder.ListDetailAsync(spec.Name, markerFilter, cancellationToken).ConfigureAwait(false);
        foreach (var copy in copies.Where(v => v.Id != id))
        {
            await _cinder.DeleteAsync(copy.Id, cancellationToken).ConfigureAwait(false);
        }

        return id;
    }

    /// <summary>Waits <c>creating|downloading -> available</c>; <c>error</c> fails with Cinder's reason.</summary>
    public Task<CinderVolume> WaitCreatedAsync(string id, TimeSpan timeout, CancellationToken cancellationToken)
        => _cinder.WaitAsync(id, $"volume {id} on {session.Site} to become available", v => v.IsSettled, timeout, cancellationToken);

    /// <summary>
    /// Attaches the volume to <paramref name="serverId"/> and waits until Nova lists the
    /// attachment and Cinder says <c>in-use</c> for that server.
    /// </summary>
    public async Task<CinderVolume> AttachAsync(string volumeId, string serverId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var what = $"volume {volumeId} on {session.Site} to be attached to server {serverId}";
        var volume = await SettleAsync(volumeId, what, timeout, cancellationToken).ConfigureAwait(false);
        if (volume.Attachment?.ServerId != serverId)
        {
            try
            {
                await _attachments.AttachAsync(serverId, volumeId, cancellationToken).ConfigureAwait(false);
            }
            catch (CloudApiException e) when (e.StatusCode == 400)
            {
                // A retried POST after a lost answer: fine if the first one is under way.
                var now = await _cinder.GetAsync(volumeId, cancellationToken).ConfigureAwait(false);
                if (now.Attachment?.ServerId != serverId)
                {
                    throw;
                }
            }
        }

        return await Poller.UntilAsync(what, timeout, async ct =>
        {
            var current = await _cinder.GetAsync(volumeId, ct).ConfigureAwait(false);
            if (current.IsFailed)
            {
                throw new CloudOperationException($"volume {volumeId} on {session.Site} went to status {current.Status} while being attached to server {serverId}");
            }

            if (current.Status != "in-use" || current.Attachment?.ServerId != serverId)
            {
                return PollStep<CinderVolume>.Pending("Cinder: " + current.Status);
            }

            var listed = await _attachments.ListAsync(serverId, ct).ConfigureAwait(false);
            return listed.Any(a => a.VolumeId == volumeId)
                ? PollStep<CinderVolume>.Done(current)
                : PollStep<CinderVolume>.Pending("Cinder: in-use, Nova: not listed yet");
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Detaches the volume from every server it is attached to and waits until Cinder says
    /// <c>available</c> and Nova no longer lists it. A 409 while a detach is already in progress
    /// is tolerated.
    /// </summary>
    public async Task<CinderVolume> DetachAsync(string volumeId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var what = $"volume {volumeId} on {session.Site} to be detached";
        var volume = await SettleAsync(volumeId, what, timeout, cancellationToken).ConfigureAwait(false);
        var servers = volume.Attachments.Select(a => a.ServerId).ToList();
        foreach (var server in servers)
        {
            try
            {
                await _attachments.DetachAsync(server, volumeId, cancellationToken).ConfigureAwait(false);
            }
            catch (CloudApiException e) when (e.IsConflict)
            {
                // Another detach (or our own retried DELETE) is in progress.
            }
        }

        return await Poller.UntilAsync(what, timeout, async ct =>
        {
            var current = await _cinder.GetAsync(volumeId, ct).ConfigureAwait(false);
            if (current.IsFailed)
            {
                throw new CloudOperationException($"volume {volumeId} on {session.Site} went to status {current.Status} while being detached");
            }

            if (current.Status != "available" || current.Attachments.Count > 0)
            {
                return PollStep<CinderVolume>.Pending("Cinder: " + current.Status);
            }

            foreach (var server in servers)
            {
                if (await IsListedAsync(server, volumeId, ct).ConfigureAwait(false))
                {
                    return PollStep<CinderVolume>.Pending($"Cinder: available, Nova: still listed on {server}");
                }
            }

            return PollStep<CinderVolume>.Done(current);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Grows the volume to <paramref name="newSizeGb"/> (online when attached) and waits until it is back in its resting status.</summary>
    public async Task<CinderVolume> ExtendAsync(string volumeId, int newSizeGb, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var what = $"volume {volumeId} on {session.Site} to be extended to {newSizeGb} GB";
        var volume = await SettleAsync(volumeId, what, timeout, cancellationToken).ConfigureAwait(false);
        if (volume.SizeGb < newSizeGb)
        {
            try
            {
                await _cinder.ExtendAsync(volumeId, newSizeGb, cancellationToken).ConfigureAwait(false);
            }
            catch (CloudApiException e) when (e.StatusCode == 400)
            {
                var now = await _cinder.GetAsync(volumeId, cancellationToken).ConfigureAwait(false);
                if (now.Status != "extending" && now.SizeGb < newSizeGb)
                {
                    throw;
                }
            }
        }

        return await _cinder.WaitAsync(volumeId, what, v => v.IsSettled && v.SizeGb >= newSizeGb, timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Changes the volume type (<c>on-demand</c> migration) and waits until Cinder reports the new type.</summary>
    public async Task<CinderVolume> RetypeAsync(string volumeId, CinderVolumeType type, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var what = $"volume {volumeId} on {session.Site} to be retyped to {type.Name}";
        var volume = await SettleAsync(volumeId, what, timeout, cancellationToken).ConfigureAwait(false);
        if (!IsOfType(volume, type))
        {
            try
            {
                await _cinder.RetypeAsync(volumeId, type.Name, cancellationToken).ConfigureAwait(false);
            }
            catch (CloudApiException e) when (e.StatusCode == 400)
            {
                var now = await _cinder.GetAsync(volumeId, cancellationToken).ConfigureAwait(false);
                if (now.Status != "retyping" && !IsOfType(now, type))
                {
                    throw;
                }
            }
        }

        return await _cinder.WaitAsync(volumeId, what, v => v.IsSettled && IsOfType(v, type), timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes the volume: detaches it first if attached, waits for a deletable status, deletes and
    /// waits for 404. A volume already gone is success.
    /// </summary>
    public async Task DeleteAsync(string volumeId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var what = $"volume {volumeId} on {session.Site} to be deleted";
        var volume = await _cinder.FindAsync(volumeId, cancellationToken).ConfigureAwait(false);
        if (volume is null)
        {
            return;
        }

        if (volume.Status != "deleting")
        {
            if (volume.Attachments.Count > 0 || volume.Status is "attaching" or "detaching")
            {
                try
                {
                    await DetachAsync(volumeId, timeout, cancellationToken).ConfigureAwait(false);
                }
                catch (CloudApiException e) when (e.IsNotFound)
                {
                    return;
                }
            }
            else if (!volume.IsSettled && !volume.IsFailed)
            {
                // creating, extending, retyping...: Cinder refuses to delete until it settles.
                if (await WaitDeletableAsync(volumeId, what, timeout, cancellationToken).ConfigureAwait(false) is null)
                {
                    return;
                }
            }

            if (!await _cinder.DeleteAsync(volumeId, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }

        await _cinder.WaitDeletedAsync(volumeId, timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when the volume's type is <paramref name="type"/> (by id when Cinder reports it, else by name).</summary>
    public static bool IsOfType(CinderVolume volume, CinderVolumeType type)
        => volume.VolumeTypeId is { } id ? id == type.Id : volume.VolumeType == type.Name;

    private Task<CinderVolume> SettleAsync(string volumeId, string what, TimeSpan timeout, CancellationToken cancellationToken)
        => _cinder.WaitAsync(volumeId, what, v => v.IsSettled, timeout, cancellationToken);

    private Task<CinderVolume?> WaitDeletableAsync(string volumeId, string what, TimeSpan timeout, CancellationToken cancellationToken)
        => Poller.UntilAsync<CinderVolume?>(what, timeout, async ct =>
        {
            var current = await _cinder.FindAsync(volumeId, ct).ConfigureAwait(false);
            return current is null || current.IsSettled || current.IsFailed || current.Status == "deleting"
                ? PollStep<CinderVolume?>.Done(current)
                : PollStep<CinderVolume?>.Pending(current.Status);
        }, cancellationToken);

    private async Task<bool> IsListedAsync(string serverId, string volumeId, CancellationToken cancellationToken)
    {
        try
        {
            return (await _attachments.ListAsync(serverId, cancellationToken).ConfigureAwait(false)).Any(a => a.VolumeId == volumeId);
        }
        catch (CloudApiException e) when (e.IsNotFound)
        {
            return false; // the server is gone, and its attachments with it
        }
    }
}
