using Crd.Cloud;
using Crd.Provider.Quota;
using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Diagnostics;

namespace Crd.Provider.Tests.Quota;

/// <summary>
/// The plan-time quota ledger against a fake quota source (the clouds' side): what is counted,
/// what offsets what, when reads happen, and the words of the error.
/// </summary>
public sealed class QuotaLedgerTests
{
    private const string Project = "p1";

    private static readonly SiteSession Toulouse = Session("toulouse");
    private static readonly SiteSession Paris = Session("paris");

    /// <summary>DESIGN.md §7.1 default quota: 16 cores, 64 GB RAM, 10 instances, 4 floating IPs, 10 volumes, 1000 GB.</summary>
    private static readonly QuotaDemand DefaultLimits = new(16, 64 * 1024, 10, 4, 10, 1000);

    private static readonly QuotaLedgerOptions Fast = new() { MaxWait = TimeSpan.FromSeconds(5), QuietPeriod = TimeSpan.FromMilliseconds(100), RefreshInterval = TimeSpan.Zero };

    /// <summary>Waits end only when the claim fits (or after a minute): for tests whose outcome must not depend on timing.</summary>
    private static readonly QuotaLedgerOptions Patient = new() { MaxWait = TimeSpan.FromMinutes(1), QuietPeriod = TimeSpan.FromMinutes(1), RefreshInterval = TimeSpan.FromHours(1) };

    private static CancellationToken Deadline => new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token;

    private readonly FakeQuotaSource _source = new();

    [Fact]
    public async Task Claim_WithinHeadroom_NoDiagnostics()
    {
        _source.Set("toulouse", Project, DefaultLimits, Cores(8));
        var ledger = Ledger(Fast);

        var (ticket, diagnostics) = await ClaimAsync(ledger, Toulouse, Vm(8));

        Assert.NotNull(ticket);
        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task Claims_SecondOverHeadroom_ErrorAtClaimPathWithSiteProjectLimitUsageDemand()
    {
        _source.Set("toulouse", Project, DefaultLimits, Cores(8));
        var ledger = Ledger(Fast);

        var (_, first) = await ClaimAsync(ledger, Toulouse, Vm(4));
        var (_, second) = await ClaimAsync(ledger, Toulouse, Vm(8), CtyPath.Root.Attribute("flavor"));

        Assert.Empty(first);
        var error = Assert.Single(second);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Equal("Quota Exceeded", error.Summary);
        Assert.Equal(CtyPath.Root.Attribute("flavor"), error.Attribute);
        Assert.Contains("plan needs 12 cores on toulouse for project demo (p1); limit 16, in use 8 (8 available).", error.Detail, StringComparison.Ordinal);
        Assert.Contains("This crd_vm adds 8 cores", error.Detail, StringComparison.Ordinal);
        Assert.Contains("crd_quota", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConcurrentClaims_OnlyThoseBeyondHeadroomFail_MessageGivesWholeDemand()
    {
        _source.Set("toulouse", Project, DefaultLimits, Cores(0));
        _source.Hold();
        var ledger = Ledger(Fast);

        var claims = Enumerable.Range(0, 3).Select(_ => ClaimAsync(ledger, Toulouse, Vm(8))).ToList();
        _source.Release();
        var results = await Task.WhenAll(claims);

        var error = Assert.Single(results.SelectMany(r => r.Diagnostics));
        Assert.Contains("plan needs 24 cores on toulouse for project demo (p1); limit 16, in use 0", error.Detail, StringComparison.Ordinal);
        Assert.Empty(results[0].Diagnostics);
        Assert.Empty(results[1].Diagnostics);
    }

    [Fact]
    public async Task Create_DestroyPlannedAfterIt_DestroyFreesRoom()
    {
        // The quota is full; the create is checked first and must wait for the destroy.
        _source.Set("toulouse", Project, DefaultLimits, Cores(16));
        var ledger = Ledger(Patient);

        var create = ClaimAsync(ledger, Toulouse, Vm(8));
        var (destroyTicket, destroyDiagnostics) = await ClaimAsync(ledger, Toulouse, -Vm(8));
        var (createTicket, createDiagnostics) = await create;

        Assert.Empty(createDiagnostics);
        Assert.Empty(destroyDiagnostics);
        Assert.NotNull(createTicket);
        Assert.NotNull(destroyTicket);
    }

    [Fact]
    public async Task Update_ShrinkAndGrowInOneRun_NetDemandCounts()
    {
        _source.Set("toulouse", Project, DefaultLimits, Cores(14));
        var ledger = Ledger(Fast);

        var (_, shrink) = await ClaimAsync(ledger, Toulouse, Cores(-4));
        var (_, grow) = await ClaimAsync(ledger, Toulouse, Cores(6));

        Assert.Empty(shrink);
        Assert.Empty(grow);
    }

    [Fact]
    public async Task Release_Only_NeverReadsNorFails()
    {
        _source.Set("toulouse", Project, DefaultLimits, Cores(40));
        var ledger = Ledger(Fast);

        var (ticket, diagnostics) = await ClaimAsync(ledger, Toulouse, -Vm(8));

        Assert.NotNull(ticket);
        Assert.Empty(diagnostics);
        Assert.Equal(0, _source.Reads("toulouse", Project));
    }

    [Fact]
    public async Task ZeroDelta_NoTicketNoRead()
    {
        var ledger = Ledger(Fast);

        var (ticket, diagnostics) = await ClaimAsync(ledger, Toulouse, QuotaDemand.Zero);

        Assert.Null(ticket);
        Assert.Empty(diagnostics);
        Assert.Equal(0, _source.Reads("toulouse", Project));
    }

    [Fact]
    public async Task ConcurrentClaims_SameKey_OneReadShared()
    {
        _source.Set("toulouse", Project, DefaultLimits, Cores(0));
        _source.Hold();
        var ledger = Ledger(Fast);

        var claims = Enumerable.Range(0, 10).Select(_ => ClaimAsync(ledger, Toulouse, Cores(1))).ToList();
        _source.Release();
        var results = await Task.WhenAll(claims);

        Assert.All(results, r => Assert.Empty(r.Diagnostics));
        Assert.Equal(1, _source.Reads("toulouse", Project));
    }

    [Fact]
    public async Task TwoSites_CountedSeparately()
    {
        _source.Set("toulouse", Project, DefaultLimits, Cores(0));
        _source.Set("paris", Project, DefaultLimits, Cores(0));
        var ledger = Ledger(Fast with { RefreshInterval = TimeSpan.FromHours(1) });

        var (_, toulouse) = await ClaimAsync(ledger, Toulouse, Cores(12));
        var (_, paris) = await ClaimAsync(ledger, Paris, Cores(12));
        var (_, parisMore) = await ClaimAsync(ledger, Paris, Cores(8));

        Assert.Empty(toulouse);
        Assert.Empty(paris);
        var error = Assert.Single(parisMore);
        Assert.Contains("plan needs 20 cores on paris", error.Detail, StringComparison.Ordinal);
        Assert.Equal(1, _source.Reads("toulouse", Project));
        Assert.Equal(1, _source.Reads("paris", Project));
    }

    [Fact]
    public async Task UnlimitedLimit_NeverFails()
    {
        _source.Set("toulouse", Project, DefaultLimits with { Cores = -1 }, Cores(500));
        var ledger = Ledger(Fast);

        var (_, diagnostics) = await ClaimAsync(ledger, Toulouse, Cores(1000));

        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task Settle_AppliedClaim_NotCountedTwice()
    {
        // Apply process: the first VM is applied and settled; usage now includes it.
        _source.Set("toulouse", Project, DefaultLimits, Cores(0));
        var ledger = Ledger(Fast);
        var (first, _) = await ClaimAsync(ledger, Toulouse, Cores(8));
        _source.Set("toulouse", Project, DefaultLimits, Cores(8));
        ledger.Settle(first);

        var (_, second) = await ClaimAsync(ledger, Toulouse, Cores(8));
        var (_, third) = await ClaimAsync(ledger, Toulouse, Cores(1));

        Assert.Empty(second);
        var error = Assert.Single(third);
        Assert.Contains("plan needs 9 cores on toulouse for project demo (p1); limit 16, in use 8", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApparentExcess_UsageFreedMeanwhile_ReReadsAndPasses()
    {
        // Apply process: a destroy (never planned again at apply) finished after the first read.
        _source.Set("toulouse", Project, DefaultLimits, Cores(16));
        var ledger = Ledger(Fast);
        await ClaimAsync(ledger, Toulouse, new QuotaDemand(0, 0, 0, 0, 1, 10));
        _source.Set("toulouse", Project, DefaultLimits, Cores(8));

        var (_, diagnostics) = await ClaimAsync(ledger, Toulouse, Cores(8));

        Assert.Empty(diagnostics);
        Assert.Equal(2, _source.Reads("toulouse", Project));
    }

    [Fact]
    public async Task ReRead_UsageGrewFromAppliedButUnsettled_NotCountedTwice()
    {
        // Apply process: the first VM is being built (in the fresh usage, claim not yet settled).
        // The re-read must not add it to usage while its claim is still pending.
        _source.Set("toulouse", Project, DefaultLimits, Cores(0));
        var ledger = Ledger(Fast);
        await ClaimAsync(ledger, Toulouse, Cores(8));
        await ClaimAsync(ledger, Toulouse, Cores(4));
        _source.Set("toulouse", Project, DefaultLimits, Cores(8));

        var (_, over) = await ClaimAsync(ledger, Toulouse, Cores(5));

        var error = Assert.Single(over);
        Assert.Contains("plan needs 17 cores on toulouse for project demo (p1); limit 16, in use 0", error.Detail, StringComparison.Ordinal);
        Assert.Equal(2, _source.Reads("toulouse", Project));
    }

    [Fact]
    public async Task SettleOfAnotherProcessTicket_WakesWaiterToReRead()
    {
        _source.Set("toulouse", Project, DefaultLimits, Cores(16));
        var ledger = Ledger(Patient);
        await ClaimAsync(ledger, Toulouse, new QuotaDemand(0, 0, 0, 0, 1, 10));
        _source.Set("toulouse", Project, DefaultLimits, Cores(8));

        var create = ClaimAsync(ledger, Toulouse, Cores(8));
        ledger.Settle("0123456789ab/7/toulouse/p1");
        var (_, diagnostics) = await create;

        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task ReRead_OwnChangeApplyingAndDestroyDone_CountedOnceAndFits()
    {
        // Apply process: X (8 cores) is destroyed by this run, A (8) is being built. Usage read
        // again shows 8 (A, not X): A must not count twice, and B fits in what X freed.
        _source.Set("toulouse", Project, DefaultLimits, Cores(8));
        var ledger = Ledger(Fast);
        var (a, _) = await ClaimAsync(ledger, Toulouse, Cores(8));
        ledger.Applying(a);
        _source.Set("toulouse", Project, DefaultLimits, Cores(8));

        var (_, b) = await ClaimAsync(ledger, Toulouse, Cores(8));

        Assert.Empty(b);
    }

    [Fact]
    public async Task ForeignDestroyApplying_WaiterOutlastsQuietPeriodUntilItSettles()
    {
        // Apply process: the destroy planned by the plan process is being applied (slow delete).
        _source.Set("toulouse", Project, DefaultLimits, Cores(16));
        var ledger = Ledger(Fast with { ApplyWait = TimeSpan.FromMinutes(1) });
        const string destroy = "0123456789ab/3/toulouse/p1";
        ledger.Applying(destroy);

        var create = ClaimAsync(ledger, Toulouse, Cores(8));
        await Task.Delay(Fast.QuietPeriod * 3);
        Assert.False(create.IsCompleted);
        _source.Set("toulouse", Project, DefaultLimits, Cores(8));
        ledger.Settle(destroy);
        var (_, diagnostics) = await create;

        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task SourceFails_WarningOncePerKey_NoError()
    {
        _source.Failure = new CloudException("cannot reach compute on toulouse");
        var ledger = Ledger(Fast);

        var (_, first) = await ClaimAsync(ledger, Toulouse, Cores(8));
        var (_, second) = await ClaimAsync(ledger, Toulouse, Cores(800));

        var warning = Assert.Single(first);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Equal("Quota Not Checked", warning.Summary);
        Assert.Contains("cannot reach compute on toulouse", warning.Detail, StringComparison.Ordinal);
        Assert.Empty(second);
    }

    [Fact]
    public async Task RamExcess_MessageInGigabytes()
    {
        _source.Set("toulouse", Project, DefaultLimits, new QuotaDemand(0, 16 * 1024, 0, 0, 0, 0));
        var ledger = Ledger(Fast);

        var (_, diagnostics) = await ClaimAsync(ledger, Toulouse, new QuotaDemand(0, 56 * 1024, 0, 0, 0, 0));

        var error = Assert.Single(diagnostics);
        Assert.Contains("plan needs 56 GB of RAM on toulouse for project demo (p1); limit 64 GB, in use 16 GB", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeveralKindsOver_OneLineEach()
    {
        _source.Set("toulouse", Project, DefaultLimits, new QuotaDemand(0, 0, 10, 4, 0, 0));
        var ledger = Ledger(Fast);

        var (_, diagnostics) = await ClaimAsync(ledger, Toulouse, new QuotaDemand(1, 1024, 1, 1, 0, 0));

        var error = Assert.Single(diagnostics);
        Assert.Contains("plan needs 1 instance on toulouse for project demo (p1); limit 10, in use 10 (0 available).", error.Detail, StringComparison.Ordinal);
        Assert.Contains("plan needs 1 floating IP on toulouse for project demo (p1); limit 4, in use 4 (0 available).", error.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("cores", error.Detail, StringComparison.Ordinal);
        Assert.Contains("This crd_vm adds 1 instance, 1 floating IP", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClaimAddingOtherKinds_NotFailedByExceededCores()
    {
        _source.Set("toulouse", Project, DefaultLimits, Cores(16));
        var ledger = Ledger(Fast);

        var (_, cores) = await ClaimAsync(ledger, Toulouse, Cores(4));
        var (_, volume) = await ClaimAsync(ledger, Toulouse, new QuotaDemand(0, 0, 0, 0, 1, 100));

        Assert.Single(cores);
        Assert.Empty(volume);
    }

    [Fact]
    public async Task Waiting_Cancelled_Throws()
    {
        _source.Set("toulouse", Project, DefaultLimits, Cores(16));
        var ledger = Ledger(Patient);
        using var cancellation = new CancellationTokenSource();

        var claim = ledger.ClaimAsync(new QuotaClaim(Toulouse, Project, "crd_vm", Cores(8), CtyPath.Root), new DiagnosticCollection(), cancellation.Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => claim);
    }

    private QuotaLedger Ledger(QuotaLedgerOptions options) => new(_source, options, TimeProvider.System);

    private static async Task<(string? Ticket, DiagnosticCollection Diagnostics)> ClaimAsync(QuotaLedger ledger, SiteSession session, QuotaDemand delta, CtyPath? path = null)
    {
        var diagnostics = new DiagnosticCollection();
        var ticket = await ledger.ClaimAsync(new QuotaClaim(session, Project, "crd_vm", delta, path ?? CtyPath.Root), diagnostics, Deadline);
        return (ticket, diagnostics);
    }

    private static QuotaDemand Cores(long n) => new(n, 0, 0, 0, 0, 0);

    private static QuotaDemand Vm(long cores) => new(cores, cores * 2048, 1, 0, 0, 0);

    private static SiteSession Session(string site) => new(new SiteCredentials(site, "http://127.0.0.1:9/v3", null, "id", "secret", null, false));
}
