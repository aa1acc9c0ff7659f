using System.Globalization;
using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Diagnostics;
using Crd.Terraform.Plugin.Resources;

namespace Crd.Provider.Quota;

/// <summary>
/// The plan-time quota check (DESIGN.md §6, docs/guides/quota-check.md). Lives as long as the
/// provider process: Terraform starts one for a plan and another for the apply, which plans each
/// resource again just before applying it. Resources claim, from ModifyPlan, the change in demand
/// their plan causes (create +, destroy -, update planned - prior, a replacement in its two plan
/// calls) and settle the claim once the change is applied. Per (site, project) the ledger reads
/// limits and usage once, sums the pending claims and fails the plan of a resource whose claim
/// takes the sum over the headroom.
/// </summary>
/// <remarks>
/// Terraform plans up to ten resources at once in no fixed order, so a create can be checked
/// before the destroy that frees its room. A claim that appears over quota therefore waits
/// (bounded by <see cref="QuotaLedgerOptions.MaxWait"/>) until no other claim is being checked
/// and none arrived for <see cref="QuotaLedgerOptions.QuietPeriod"/>, then re-reads usage (at
/// most once per interval) before it fails.
/// </remarks>
internal sealed class QuotaLedger
{
    private readonly IQuotaSource _source;
    private readonly QuotaLedgerOptions _options;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Site, string Project), ProjectQuotaBook> _books = [];
    private readonly Dictionary<(string Site, string Project), HashSet<string>> _foreignApplying = [];
    private readonly string _process = Guid.NewGuid().ToString("N")[..12];
    private long _sequence;
    private int _checking;
    private DateTimeOffset _lastActivity;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A ledger reading quotas from the sites' Nova, Cinder and Neutron.</summary>
    public QuotaLedger()
        : this(new CloudQuotaSource(), QuotaLedgerOptions.Default, TimeProvider.System)
    {
    }

    internal QuotaLedger(IQuotaSource source, QuotaLedgerOptions options, TimeProvider time)
    {
        _source = source;
        _options = options;
        _time = time;
        _lastActivity = time.GetUtcNow();
    }

    /// <summary>
    /// Records the change in demand a resource's plan causes and checks that its (site, project)
    /// still fits. Adds an error at <see cref="QuotaClaim.Path"/> when it does not, a warning when
    /// the quota cannot be read. Returns the ticket to store in private state (key
    /// <c>quota_ticket</c>) and to <see cref="Settle"/> once the change is applied; null when the
    /// change does not touch the quota.
    /// </summary>
    public async Task<string?> ClaimAsync(QuotaClaim claim, DiagnosticCollection diagnostics, CancellationToken cancellationToken)
    {
        if (QuotaKind.All.All(k => k.Of(claim.Delta) == 0))
        {
            return null;
        }

        ProjectQuotaBook book;
        PendingClaim pending;
        string ticket;
        lock (_lock)
        {
            var key = (claim.Session.Site, claim.ProjectId);
            if (!_books.TryGetValue(key, out book!))
            {
                book = _books[key] = new ProjectQuotaBook(claim.Session, claim.ProjectId);
            }

            pending = new PendingClaim(claim.Delta, claim.ResourceType, ++_sequence);
            ticket = string.Create(CultureInfo.InvariantCulture, $"{_process}/{pending.Sequence}/{claim.Session.Site}/{claim.ProjectId}");
            book.Pending[ticket] = pending;
            _checking++;
            Touch();
        }

        var checking = true;
        try
        {
            // Demand that only goes down never fails and needs no read.
            if (QuotaKind.All.All(k => k.Of(claim.Delta) <= 0) || !await EnsureReadAsync(book, claim, diagnostics, cancellationToken).ConfigureAwait(false))
            {
                return ticket;
            }

            lock (_lock)
            {
                if (book.Excess(pending).Count == 0)
                {
                    return ticket;
                }

                _checking--;
                checking = false;
                Touch();
            }

            await WaitForOthersAsync(book, pending, cancellationToken).ConfigureAwait(false);
            if (ExcessOf(book, pending).Count == 0)
            {
                return ticket;
            }

            await RefreshAsync(book, force: false, cancellationToken).ConfigureAwait(false);
            var excess = ExcessOf(book, pending);
            if (excess.Count > 0)
            {
                string project;
                lock (_lock)
                {
                    project = book.Project;
                }

                diagnostics.AddAttributeError(claim.Path, QuotaMessages.ExceededSummary, QuotaMessages.ExceededDetail(claim.Session.Site, project, claim.ResourceType, claim.Delta, excess));
            }

            return ticket;
        }
        finally
        {
            if (checking)
            {
                lock (_lock)
                {
                    _checking--;
                    Touch();
                }
            }
        }
    }

    /// <summary>
    /// Records the limits a planned <c>crd_quota</c> change sets (DESIGN.md §6: a raise and the
    /// VMs that only fit under it plan in one run) and wakes the claims waiting on that project.
    /// Adds an error at the attribute of each limit set below what the run needs (usage plus the
    /// claims planned so far); claims planned later are judged against the new limits. Returns the
    /// ticket to store under <see cref="TicketKey"/> and to <see cref="Settle"/> once applied.
    /// </summary>
    public async Task<string?> PlanLimitsAsync(QuotaLimitPlan plan, DiagnosticCollection diagnostics, CancellationToken cancellationToken)
    {
        if (plan.Limits.Count == 0)
        {
            return null;
        }

        ProjectQuotaBook book;
        string ticket;
        lock (_lock)
        {
            var key = (plan.Session.Site, plan.ProjectId);
            if (!_books.TryGetValue(key, out book!))
            {
                book = _books[key] = new ProjectQuotaBook(plan.Session, plan.ProjectId);
            }

            ticket = string.Create(CultureInfo.InvariantCulture, $"{_process}/L{++_sequence}/{plan.Session.Site}/{plan.ProjectId}");
            foreach (var (kind, limit) in plan.Limits)
            {
                book.PlannedLimits[kind] = limit;
            }

            book.LimitChanges.Add(ticket);
            Touch();
        }

        var claim = new QuotaClaim(plan.Session, plan.ProjectId, "crd_quota", QuotaDemand.Zero, CtyPath.Root);
        if (!await EnsureReadAsync(book, claim, diagnostics, cancellationToken).ConfigureAwait(false))
        {
            return ticket;
        }

        lock (_lock)
        {
            foreach (var kind in QuotaKind.All)
            {
                // A limit under usage alone is the resource's warning; an error needs demand this run adds.
                if (plan.Limits.TryGetValue(kind.Name, out var limit) && limit >= 0 && book.Needed(kind) > limit
                    && book.Pending.Values.Any(p => kind.Of(p.Delta) > 0))
                {
                    var inUse = book.Baseline is { } baseline ? kind.Of(baseline) : 0;
                    diagnostics.AddAttributeError(plan.Paths.TryGetValue(kind.Name, out var path) ? path : CtyPath.Root, QuotaMessages.BelowPlanSummary,
                        QuotaMessages.BelowPlanDetail(plan.Session.Site, book.Project, kind, limit, inUse, book.Needed(kind)));
                }
            }
        }

        return ticket;
    }

    /// <summary>
    /// <see cref="Applying(PrivateState)"/>, then, for a claim that fits only under limits a
    /// <c>crd_quota</c> of this run raises, waits (up to <see cref="QuotaLedgerOptions.ApplyWait"/>)
    /// until that raise is applied: Terraform applies the two in no fixed order.
    /// </summary>
    public async Task ApplyingAsync(PrivateState @private, CancellationToken cancellationToken)
    {
        Applying(@private);
        if (@private.GetString(TicketKey) is not { } ticket || Parse(ticket) is not { } t || t.Process != _process)
        {
            return;
        }

        var deadline = _time.GetUtcNow() + _options.ApplyWait;
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (!_books.TryGetValue(t.Key, out var book) || book.LimitChanges.Count == 0 || !book.Pending.TryGetValue(t.Ticket, out var claim)
                    || book.Excess(claim, plannedLimits: false).Count == 0 || _time.GetUtcNow() >= deadline)
                {
                    return;
                }

                changed = _changed.Task;
            }

            using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            await Task.WhenAny(changed, Task.Delay(deadline - _time.GetUtcNow(), _time, timer.Token)).ConfigureAwait(false);
            await timer.CancelAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>The private state key resources keep their ticket under (a JSON string).</summary>
    public const string TicketKey = "quota_ticket";

    /// <summary>
    /// <see cref="Applying(string?)"/> for the ticket stored under <see cref="TicketKey"/> in
    /// <paramref name="private"/> (the private state a Create, Update or Delete receives): one line
    /// at the start of each of them.
    /// </summary>
    public void Applying(PrivateState @private)
    {
        if (@private.GetString(TicketKey) is { } ticket)
        {
            Applying(ticket);
        }
    }

    /// <summary>
    /// Called when the apply of the change behind <paramref name="ticket"/> starts (before the
    /// first call that consumes or frees quota). For a ticket of this process, a later re-read of
    /// usage counts the change there and no longer as pending. For a ticket of the plan process
    /// (a destroy, which Terraform applies without planning it again), claims of the same site and
    /// project that look over quota wait for it to settle, up to <see cref="QuotaLedgerOptions.ApplyWait"/>.
    /// Optional: without it the ledger still works, with the ordering limits the guide lists.
    /// </summary>
    public void Applying(string? ticket)
    {
        if (Parse(ticket) is not { } t)
        {
            return;
        }

        lock (_lock)
        {
            if (t.Process == _process)
            {
                if (_books.TryGetValue(t.Key, out var book) && book.Pending.ContainsKey(t.Ticket))
                {
                    book.Applying.Add(t.Ticket);
                }
            }
            else
            {
                if (!_foreignApplying.TryGetValue(t.Key, out var set))
                {
                    set = _foreignApplying[t.Key] = new HashSet<string>(StringComparer.Ordinal);
                }

                set.Add(t.Ticket);
            }

            Touch();
        }
    }

    /// <summary>
    /// Called once the change a ticket was claimed for is applied: it is now part of the sites'
    /// usage, so the ledger stops counting it as pending. Null and unknown tickets are ignored;
    /// a ticket claimed by another process (the plan of a destroy, which Terraform applies without
    /// planning it again) makes the ledger re-read that project's usage before it fails anything.
    /// </summary>
    public void Settle(string? ticket)
    {
        if (Parse(ticket) is not { } t)
        {
            return;
        }

        lock (_lock)
        {
            _books.TryGetValue(t.Key, out var book);
            if (t.Process != _process)
            {
                if (_foreignApplying.TryGetValue(t.Key, out var set))
                {
                    set.Remove(t.Ticket);
                }

                if (book is not null)
                {
                    book.Stale = book.Limits is not null;
                }
            }
            else if (book is not null && book.LimitChanges.Remove(t.Ticket))
            {
                // The new limits are in force: the figures read before them are stale.
                if (book.Limits is { } read)
                {
                    book.Limits = QuotaKind.All.Aggregate(read, (limits, kind) => book.PlannedLimits.TryGetValue(kind.Name, out var planned) ? WithLimit(limits, kind, planned) : limits);
                }
            }
            else if (book is not null && book.Pending.Remove(t.Ticket, out var claim))
            {
                book.Applying.Remove(t.Ticket);
                if (book.Baseline is { } baseline)
                {
                    book.Baseline = baseline + claim.Delta;
                }
            }

            Touch();
        }
    }

    private static (string Ticket, string Process, (string Site, string Project) Key)? Parse(string? ticket)
    {
        var parts = ticket?.Split('/', 4);
        return parts is { Length: 4 } ? (ticket!, parts[0], (parts[2], parts[3])) : null;
    }

    private IReadOnlyList<QuotaExcess> ExcessOf(ProjectQuotaBook book, PendingClaim claim)
    {
        lock (_lock)
        {
            return book.Excess(claim);
        }
    }

    private async Task<bool> EnsureReadAsync(ProjectQuotaBook book, QuotaClaim claim, DiagnosticCollection diagnostics, CancellationToken cancellationToken)
    {
        Task read;
        lock (_lock)
        {
            read = book.FirstRead ??= ReadAsync(book);
        }

        try
        {
            await read.WaitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            lock (_lock)
            {
                if (book.Warned)
                {
                    return false;
                }

                book.Warned = true;
            }

            diagnostics.AddAttributeWarning(claim.Path, QuotaMessages.NotCheckedSummary, QuotaMessages.NotCheckedDetail(claim.Session.Site, claim.ProjectId, e));
            return false;
        }
    }

    /// <summary>Reads the figures and folds them into the page; shared by every waiter, so it ignores their tokens.</summary>
    private async Task ReadAsync(ProjectQuotaBook book)
    {
        lock (_lock)
        {
            book.ReadAt = _time.GetUtcNow();
        }

        var figures = await _source.GetAsync(book.Session, book.ProjectId, CancellationToken.None).ConfigureAwait(false);
        lock (_lock)
        {
            book.Limits = figures.Limits;
            // Changes whose apply started are (about to be) in the fresh usage: count them there only.
            var applying = book.Applying.Aggregate(QuotaDemand.Zero, (sum, ticket) => sum + book.Pending[ticket].Delta);
            var fresh = figures.InUse - applying;
            book.Baseline = book.Baseline is { } baseline ? Min(baseline, fresh) : fresh;
            book.Project = figures.Project;
            Touch();
        }
    }

    private async Task RefreshAsync(ProjectQuotaBook book, bool force, CancellationToken cancellationToken)
    {
        Task refresh;
        lock (_lock)
        {
            if (book.Refresh is { IsCompleted: false } running)
            {
                refresh = running;
            }
            else if (!force && _time.GetUtcNow() - book.ReadAt < _options.RefreshInterval)
            {
                return;
            }
            else
            {
                book.Stale = false;
                refresh = book.Refresh = ReadAsync(book);
            }
        }

        try
        {
            await refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Keep the figures already read: a failed re-read proves nothing either way.
        }
    }

    /// <summary>
    /// Waits until the claim fits, or nothing else is being planned (no claim being checked and
    /// none for the quiet period), or the bounded wait is over. Sleeps on change notifications
    /// and deadlines, never polls.
    /// </summary>
    private async Task WaitForOthersAsync(ProjectQuotaBook book, PendingClaim claim, CancellationToken cancellationToken)
    {
        var start = _time.GetUtcNow();
        var key = (book.Session.Site, book.ProjectId);
        while (true)
        {
            Task changed;
            TimeSpan delay;
            bool stale;
            lock (_lock)
            {
                var now = _time.GetUtcNow();
                var releasing = _foreignApplying.TryGetValue(key, out var set) && set.Count > 0;
                var deadline = start + (releasing ? _options.ApplyWait : _options.MaxWait);
                var quiet = !releasing && _checking == 0;
                if (book.Excess(claim).Count == 0 || now >= deadline || (quiet && now - _lastActivity >= _options.QuietPeriod))
                {
                    return;
                }

                var wake = quiet && _lastActivity + _options.QuietPeriod < deadline ? _lastActivity + _options.QuietPeriod : deadline;
                delay = wake - now;
                changed = _changed.Task;
                stale = book.Stale;
            }

            if (stale)
            {
                await RefreshAsync(book, force: true, cancellationToken).ConfigureAwait(false);
                continue;
            }

            using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var sleep = Task.Delay(delay, _time, timer.Token);
            await Task.WhenAny(changed, sleep).ConfigureAwait(false);
            await timer.CancelAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Records activity and wakes every waiter. Caller holds the lock.</summary>
    private void Touch()
    {
        _lastActivity = _time.GetUtcNow();
        var previous = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        previous.TrySetResult();
    }

    /// <summary><paramref name="limits"/> with <paramref name="kind"/> set to <paramref name="value"/> (a dimension crd_quota does not manage is left as read).</summary>
    private static QuotaDemand WithLimit(QuotaDemand limits, QuotaKind kind, long value) => kind.Name switch
    {
        "cores" => limits with { Cores = value },
        "ram_gb" => limits with { RamMb = value },
        "instances" => limits with { Instances = value },
        "floating_ips" => limits with { FloatingIps = value },
        "volumes" => limits with { Volumes = value },
        "storage_gb" => limits with { Gigabytes = value },
        _ => limits,
    };

    private static QuotaDemand Min(QuotaDemand a, QuotaDemand b)
        => new(Math.Min(a.Cores, b.Cores), Math.Min(a.RamMb, b.RamMb), Math.Min(a.Instances, b.Instances), Math.Min(a.FloatingIps, b.FloatingIps), Math.Min(a.Volumes, b.Volumes), Math.Min(a.Gigabytes, b.Gigabytes)) { K8sClusters = Math.Min(a.K8sClusters, b.K8sClusters) };
}
