using System.Diagnostics;
using System.Reflection;
using Flow.Deployment;
using Flow.Deployment.Storage;
using Flow.Execution.Tests.Infrastructure;

namespace Flow.Runtime.Sqlite.Tests;

/// <summary>Two processes share one SQLite file (issue 11, cluster): what one deploys, the other serves within a second.</summary>
public sealed class DeploymentProcessTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task A_deployment_in_one_process_is_served_by_another_process_on_the_same_file_within_a_second()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        using var store = new SqliteDeploymentStore(_db.File);
        var registry = new DeploymentRegistry { DeploymentStore = store, NodeId = "parent" };
        using var child = StartNode(_db.File);
        try
        {
            Assert.Equal("ready", await ReadLineAsync(child, timeout.Token));

            // The first deployment a fresh process loads pays for its JIT (seconds on a busy
            // machine); it is measured but not bounded. The bound is for a running node.
            await registry.DeployAsync(TestDeployment.Write(_db.Folder, 1, OrderFlow.Assembly, name: "Warmup"), timeout.Token);
            var clock = Stopwatch.StartNew();
            Assert.Equal("served 1 A", await ReadLineAsync(child, timeout.Token));
            var cold = clock.Elapsed;

            await registry.DeployAsync(OrderFlow.Write(_db.Folder, 1), timeout.Token);
            clock.Restart();
            var served = await ReadLineAsync(child, timeout.Token);
            var elapsed = clock.Elapsed;
            Assert.Equal("served 1 A", served);
            Assert.True(elapsed < TimeSpan.FromSeconds(1), $"the other process served version 1 after {elapsed.TotalMilliseconds:F0} ms (its first deployment: {cold.TotalMilliseconds:F0} ms)");
            Console.WriteLine($"served by the other process after {elapsed.TotalMilliseconds:F0} ms (first deployment, cold: {cold.TotalMilliseconds:F0} ms)");

            await registry.UndeployAsync(TestDeployment.Name, timeout.Token);
            Assert.Equal($"undeployed {TestDeployment.Name}", await ReadLineAsync(child, timeout.Token));

            // Deploying the same content again is a new log entry (it was undeployed) and serves again.
            await registry.DeployAsync(OrderFlow.Write(_db.Folder, 1), timeout.Token);
            Assert.Equal("served 1 A", await ReadLineAsync(child, timeout.Token));
            Assert.Equal(4, (await store.ActionsAsync(0, timeout.Token)).Count);
        }
        finally
        {
            child.StandardInput.Close();
            if (!child.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                child.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task A_process_that_starts_later_serves_what_the_file_holds()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        using var store = new SqliteDeploymentStore(_db.File);
        var registry = new DeploymentRegistry { DeploymentStore = store, NodeId = "parent" };
        await registry.DeployAsync(OrderFlow.Write(_db.Folder, 1), timeout.Token);

        using var child = StartNode(_db.File);
        try
        {
            // The first round is applied before the node says it is ready; it serves right after.
            Assert.Equal("ready", await ReadLineAsync(child, timeout.Token));
            Assert.Equal("served 1 A", await ReadLineAsync(child, timeout.Token));
        }
        finally
        {
            child.StandardInput.Close();
            if (!child.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                child.Kill(entireProcessTree: true);
            }
        }
    }

    private static async Task<string> ReadLineAsync(Process child, CancellationToken cancellationToken) =>
        await child.StandardOutput.ReadLineAsync(cancellationToken)
        ?? throw new InvalidOperationException("The node ended early: " + await child.StandardError.ReadToEndAsync(cancellationToken));

    private static Process StartNode(string file)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Assembly.GetExecutingAssembly().Location);
        info.ArgumentList.Add(DeploymentNode.FollowDeployments);
        info.ArgumentList.Add(file);
        return Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
    }
}
