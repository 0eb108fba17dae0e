using Flow.Deployment;
using Flow.Deployment.Storage;
using Flow.Execution.Tests.Infrastructure;
using Flow.Hosting;

namespace Flow.Execution.Tests.Deployment.Cluster;

/// <summary>The log follower's wake-up: a change signal cuts the poll short; a broken one falls back to polling.</summary>
public sealed class FollowerSignalTests : IDisposable
{
    private static readonly TimeSpan Never = TimeSpan.FromHours(1);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "flow-signal-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // harmless temp folder
        }
    }

    [Fact]
    public async Task The_in_memory_stores_signal_wakes_a_follower_that_would_poll_only_hourly()
    {
        var store = new InMemoryDeploymentStore();
        await using var a = new ClusterNode(store, "A");
        await using var b = new ClusterNode(store, "B", interval: Never);
        await b.Follower.StartAsync();

        await a.Engine.DeployAsync(new[] { TestDeployment.Write(_root, 1, DeploymentFixture.A) });

        await b.WaitUntilAsync(n => n.LatestVersion() == 1);
    }

    [Fact]
    public async Task An_entry_appended_while_the_follower_reads_the_log_still_wakes_it()
    {
        var inner = new InMemoryDeploymentStore();
        var store = new AppendingWhileReadingStore(inner);
        await using var a = new ClusterNode(inner, "A");
        await using var b = new ClusterNode(store, "B", interval: Never);
        await a.Engine.DeployAsync(new[] { TestDeployment.Write(_root, 1, DeploymentFixture.A) });
        await b.Follower.StartAsync();
        Assert.Equal(1, b.LatestVersion());

        // The next read that finds an entry appends an undeploy right after it: that append must
        // wake the follower, which polls only hourly, or the undeploy is never applied.
        store.AppendAfterNextRead = () => inner.AppendAsync(DeploymentActionKind.Undeployed, TestDeployment.Name, 2, "A").AsTask();
        await a.Engine.DeployAsync(new[] { TestDeployment.Write(_root, 2, DeploymentFixture.B) });

        await b.WaitUntilAsync(n => n.LatestVersion() is null);
    }

    [Fact]
    public async Task A_waitForChange_hook_wakes_the_follower()
    {
        var store = new SignalFreeStore(new InMemoryDeploymentStore());   // no IDeploymentChangeSignal: only the hook can wake it
        var wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var waits = 0;
        await using var a = new ClusterNode(store, "A");
        var registry = new DeploymentRegistry { DeploymentStore = store, NodeId = "B" };
        var activated = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        registry.Changed += e =>
        {
            if (e.Kind == DeploymentEventKind.Activated)
            {
                activated.TrySetResult();
            }
        };
        var reads = new ReadCountingStore(store);
        await using var follower = new DeploymentLogFollower(registry, reads, interval: Never, waitForChange: ct =>
        {
            Interlocked.Increment(ref waits);
            return wake.Task.WaitAsync(ct);
        });
        await follower.StartAsync();

        // The start reads once and the loop reads once more before it waits: deploying before that
        // second read ends would be applied by the read, not by the hook.
        await reads.Reached(2).WaitAsync(ClusterNode.Timeout);
        await a.Engine.DeployAsync(new[] { TestDeployment.Write(_root, 1, DeploymentFixture.A) });
        Assert.False(activated.Task.IsCompleted);
        wake.SetResult();

        await activated.Task.WaitAsync(ClusterNode.Timeout);
        Assert.True(Volatile.Read(ref waits) >= 1);
    }

    [Fact]
    public async Task A_signal_that_throws_falls_back_to_polling()
    {
        var store = new InMemoryDeploymentStore();
        var calls = 0;
        await using var a = new ClusterNode(store, "A");
        var registry = new DeploymentRegistry { DeploymentStore = store, NodeId = "B" };
        var activated = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        registry.Changed += e =>
        {
            if (e.Kind == DeploymentEventKind.Activated)
            {
                activated.TrySetResult();
            }
        };
        await using var follower = new DeploymentLogFollower(registry, interval: TimeSpan.FromMilliseconds(100), waitForChange: _ =>
        {
            Interlocked.Increment(ref calls);
            throw new InvalidOperationException("LISTEN connection lost");
        });
        await follower.StartAsync();

        await a.Engine.DeployAsync(new[] { TestDeployment.Write(_root, 1, DeploymentFixture.A) });

        await activated.Task.WaitAsync(ClusterNode.Timeout);
        var before = Volatile.Read(ref calls);
        await Task.Delay(500);   // a rate is measured over time: half a second is ~5 polls, a busy loop makes thousands of attempts
        await follower.StopAsync();
        Assert.InRange(Volatile.Read(ref calls) - before, 1, 50);
    }

    /// <summary>Hides the in-memory store's change signal.</summary>
    private sealed class SignalFreeStore(IDeploymentStore inner) : IDeploymentStore
    {
        public ValueTask<DeploymentAction> SaveAsync(StoredDeployment deployment, string? node = null, CancellationToken cancellationToken = default) => inner.SaveAsync(deployment, node, cancellationToken);

        public ValueTask<DeploymentAction> AppendAsync(DeploymentActionKind kind, string name, int version, string? node = null, CancellationToken cancellationToken = default) => inner.AppendAsync(kind, name, version, node, cancellationToken);

        public ValueTask<IReadOnlyList<DeploymentAction>> ActionsAsync(long afterSequence = 0, CancellationToken cancellationToken = default) => inner.ActionsAsync(afterSequence, cancellationToken);

        public ValueTask<StoredDeployment?> LoadAsync(string name, int version, CancellationToken cancellationToken = default) => inner.LoadAsync(name, version, cancellationToken);
    }

    /// <summary>Counts finished log reads, so a test can act after the follower has read and begun to wait.</summary>
    private sealed class ReadCountingStore(IDeploymentStore inner) : IDeploymentStore
    {
        private readonly object _gate = new();
        private readonly List<(int Count, TaskCompletionSource Done)> _waiters = [];
        private int _reads;

        public Task Reached(int count)
        {
            lock (_gate)
            {
                if (_reads >= count)
                {
                    return Task.CompletedTask;
                }

                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add((count, done));
                return done.Task;
            }
        }

        public ValueTask<DeploymentAction> SaveAsync(StoredDeployment deployment, string? node = null, CancellationToken cancellationToken = default) => inner.SaveAsync(deployment, node, cancellationToken);

        public ValueTask<DeploymentAction> AppendAsync(DeploymentActionKind kind, string name, int version, string? node = null, CancellationToken cancellationToken = default) => inner.AppendAsync(kind, name, version, node, cancellationToken);

        public async ValueTask<IReadOnlyList<DeploymentAction>> ActionsAsync(long afterSequence = 0, CancellationToken cancellationToken = default)
        {
            var actions = await inner.ActionsAsync(afterSequence, cancellationToken);
            lock (_gate)
            {
                _reads++;
                foreach (var waiter in _waiters.Where(w => w.Count <= _reads).ToList())
                {
                    waiter.Done.TrySetResult();
                    _waiters.Remove(waiter);
                }
            }

            return actions;
        }

        public ValueTask<StoredDeployment?> LoadAsync(string name, int version, CancellationToken cancellationToken = default) => inner.LoadAsync(name, version, cancellationToken);
    }

    /// <summary>Runs <see cref="AppendAfterNextRead"/> once, after the first read that returns an entry.</summary>
    private sealed class AppendingWhileReadingStore(InMemoryDeploymentStore inner) : IDeploymentStore, IDeploymentChangeSignal
    {
        private Func<Task>? _pending;

        public Func<Task>? AppendAfterNextRead
        {
            set => Volatile.Write(ref _pending, value);
        }

        public ValueTask<DeploymentAction> SaveAsync(StoredDeployment deployment, string? node = null, CancellationToken cancellationToken = default) => inner.SaveAsync(deployment, node, cancellationToken);

        public ValueTask<DeploymentAction> AppendAsync(DeploymentActionKind kind, string name, int version, string? node = null, CancellationToken cancellationToken = default) => inner.AppendAsync(kind, name, version, node, cancellationToken);

        public async ValueTask<IReadOnlyList<DeploymentAction>> ActionsAsync(long afterSequence = 0, CancellationToken cancellationToken = default)
        {
            var actions = await inner.ActionsAsync(afterSequence, cancellationToken);
            if (actions.Count > 0 && Interlocked.Exchange(ref _pending, null) is { } append)
            {
                await append();
            }

            return actions;
        }

        public ValueTask<StoredDeployment?> LoadAsync(string name, int version, CancellationToken cancellationToken = default) => inner.LoadAsync(name, version, cancellationToken);

        public Task WaitForChangeAsync(CancellationToken cancellationToken) => inner.WaitForChangeAsync(cancellationToken);
    }
}
