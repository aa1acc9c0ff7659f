using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Crd.Simulator.Tests.Support;

namespace Crd.Simulator.Tests.State;

public sealed class CrashRecoveryTests
{
    private static readonly JsonObject ManyGroups = new() { ["securityGroups"] = 100_000, ["securityGroupRules"] = 1_000_000 };

    [Fact]
    public async Task KillDashNine_MidBurst_KeepsEveryAcknowledgedWrite()
    {
        var sim = await SimProcess.StartAsync(null, null, "--instant");
        var dataDirectory = sim.DataDirectory;
        var tenant = await sim.Client.CreateTenantAsync("toulouse", "burst", (JsonObject)ManyGroups.DeepClone());
        var session = await sim.Client.AuthAsync(tenant);
        var acknowledged = new ConcurrentBag<string>();
        var killed = 0;
        using var gate = new SemaphoreSlim(32);

        async Task WriteAsync(int i)
        {
            await gate.WaitAsync();
            try
            {
                var response = await session.PostAsync(session.Network("/security-groups"),
                    new JsonObject { ["security_group"] = new JsonObject { ["name"] = "g" + i } });
                if (response.Status == 201)
                {
                    acknowledged.Add(response.Str("security_group", "id"));
                    if (acknowledged.Count >= 150 && Interlocked.Exchange(ref killed, 1) == 0)
                    {
                        sim.Kill();
                    }
                }
            }
            catch (HttpRequestException)
            {
                // In flight when the process died: not acknowledged, so it may or may not exist.
            }
            catch (TaskCanceledException)
            {
            }
            finally
            {
                gate.Release();
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 600).Select(WriteAsync));
        Assert.Equal(1, killed);
        await sim.DisposeAsync(deleteData: false);

        await using var restarted = await SimProcess.StartAsync(dataDirectory);
        var again = await restarted.Client.AuthAsync(tenant);
        var groups = (await again.GetAsync(again.Network("/security-groups?fields=id"))).AssertStatus(200).Json!["security_groups"]!.AsArray()
            .Select(g => g!["id"]!.GetValue<string>()).ToHashSet();
        var missing = acknowledged.Where(id => !groups.Contains(id)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} of {acknowledged.Count} acknowledged writes lost");
        Assert.True(acknowledged.Count >= 150);
    }

    [Fact]
    public async Task SnapshotThenMoreWrites_KillAndRestart_KeepsBoth()
    {
        var sim = await SimProcess.StartAsync(null, null, "--instant");
        var dataDirectory = sim.DataDirectory;
        var tenant = await sim.Client.CreateTenantAsync("paris", "snap");
        var session = await sim.Client.AuthAsync(tenant);
        var before = await session.CreateServerAsync("before-snapshot");
        (await sim.Client.PostAsync("/_sim/snapshot", null)).AssertStatus(204);
        var after = await session.CreateServerAsync("after-snapshot");
        sim.Kill();
        await sim.DisposeAsync(deleteData: false);

        await using var restarted = await SimProcess.StartAsync(dataDirectory);
        var again = await restarted.Client.AuthAsync(tenant);

        Assert.Equal("before-snapshot", (await again.ServerAsync(before))["name"]!.GetValue<string>());
        Assert.Equal("after-snapshot", (await again.ServerAsync(after))["name"]!.GetValue<string>());
        Assert.True(File.Exists(Path.Combine(dataDirectory, "state", "snapshot.json")));
    }

    [Fact]
    public async Task Restart_KeepsClockOffsetAndPendingTransitions()
    {
        var sim = await SimProcess.StartAsync(null, null, "--build-seconds", "100");
        var dataDirectory = sim.DataDirectory;
        var tenant = await sim.Client.CreateTenantAsync("toulouse", "clock");
        var session = await sim.Client.AuthAsync(tenant);
        var id = await session.CreateServerAsync("pending");
        await sim.Client.AdvanceAsync(50);
        sim.Kill();
        await sim.DisposeAsync(deleteData: false);

        await using var restarted = await SimProcess.StartAsync(dataDirectory, null, "--build-seconds", "100");
        var again = await restarted.Client.AuthAsync(tenant);
        Assert.Equal("BUILD", (await again.ServerAsync(id))["status"]!.GetValue<string>());
        await restarted.Client.AdvanceAsync(51);

        Assert.Equal("ACTIVE", (await again.ServerAsync(id))["status"]!.GetValue<string>());
    }
}
