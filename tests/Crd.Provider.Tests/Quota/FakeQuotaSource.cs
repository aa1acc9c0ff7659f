using Crd.Cloud;
using Crd.Provider.Quota;

namespace Crd.Provider.Tests.Quota;

/// <summary>
/// The clouds' side of the ledger: figures per (site, project) that a test sets and changes,
/// reads counted, and an optional gate that holds reads until the test opens it.
/// </summary>
internal sealed class FakeQuotaSource : IQuotaSource
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string, string), QuotaFigures> _figures = [];
    private readonly Dictionary<(string, string), int> _reads = [];
    private TaskCompletionSource _gate = Open();

    public Exception? Failure { get; set; }

    public void Set(string site, string project, QuotaDemand limits, QuotaDemand inUse)
    {
        lock (_lock)
        {
            _figures[(site, project)] = new QuotaFigures(limits, inUse, $"demo ({project})");
        }
    }

    public int Reads(string site, string project)
    {
        lock (_lock)
        {
            return _reads.GetValueOrDefault((site, project));
        }
    }

    /// <summary>Holds every read until <see cref="Release"/>.</summary>
    public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _gate.TrySetResult();

    public async Task<QuotaFigures> GetAsync(SiteSession session, string projectId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _reads[(session.Site, projectId)] = _reads.GetValueOrDefault((session.Site, projectId)) + 1;
        }

        await _gate.Task.WaitAsync(cancellationToken);
        if (Failure is not null)
        {
            throw Failure;
        }

        lock (_lock)
        {
            return _figures[(session.Site, projectId)];
        }
    }

    private static TaskCompletionSource Open()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }
}
