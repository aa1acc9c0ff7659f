using Crd.Cloud.Polling;

namespace Crd.Cloud.Tests.Polling;

public sealed class PollerTests
{
    [Fact]
    public async Task Until_DoneAtFirstPoll_NoWait()
    {
        var calls = 0;

        var value = await Poller.UntilAsync("x", TimeSpan.FromSeconds(1), _ => { calls++; return Task.FromResult(PollStep<int>.Done(7)); }, CancellationToken.None);

        Assert.Equal(7, value);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task Until_PendingThenDone_ReturnsValue()
    {
        var calls = 0;

        var value = await Poller.UntilAsync("x", TimeSpan.FromSeconds(30), _ => Task.FromResult(++calls < 3 ? PollStep<string>.Pending("BUILD") : PollStep<string>.Done("ACTIVE")), CancellationToken.None);

        Assert.Equal("ACTIVE", value);
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task Until_NeverDone_TimeoutNamesWhatAndLastStatus()
    {
        var error = await Assert.ThrowsAsync<CloudTimeoutException>(() =>
            Poller.UntilAsync("server 42 to become ACTIVE", TimeSpan.FromMilliseconds(300), _ => Task.FromResult(PollStep<int>.Pending("BUILD (spawning)")), CancellationToken.None));

        Assert.Contains("server 42 to become ACTIVE", error.Message, StringComparison.Ordinal);
        Assert.Contains("BUILD (spawning)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Until_Cancelled_StopsWithCancellation()
    {
        using var stop = new CancellationTokenSource();
        var calls = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Poller.UntilAsync("x", TimeSpan.FromMinutes(5), _ =>
        {
            if (++calls == 2)
            {
                stop.Cancel();
            }

            return Task.FromResult(PollStep<int>.Pending("BUILD"));
        }, stop.Token));
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task Until_StepThrows_ErrorPropagates()
    {
        var error = await Assert.ThrowsAsync<CloudOperationException>(() =>
            Poller.UntilAsync<int>("x", TimeSpan.FromSeconds(5), _ => throw new CloudOperationException("ERROR: No valid host was found."), CancellationToken.None));

        Assert.Contains("No valid host", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 0.16, 0.24)]
    [InlineData(2, 0.32, 0.48)]
    [InlineData(600, 4, 6)]
    public void Interval_GrowsWithElapsedAndIsCapped(double elapsedSeconds, double min, double max)
    {
        for (var i = 0; i < 50; i++)
        {
            var interval = Poller.Interval(TimeSpan.FromSeconds(elapsedSeconds), TimeSpan.FromSeconds(5)).TotalSeconds;
            Assert.InRange(interval, min, max);
        }
    }
}
