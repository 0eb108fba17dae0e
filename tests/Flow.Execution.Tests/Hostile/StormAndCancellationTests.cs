using System.Collections.Concurrent;
using Flow.Engine;
using Flow.Execution.Tests.Deployment;
using Flow.Instances;

namespace Flow.Execution.Tests.Hostile;

/// <summary>
/// Deploying while starts and completions storm in, and commands cancelled before or while they
/// run: every command either did all it says (and the caller got its snapshot) or nothing, and
/// the store holds exactly what the callers were told.
/// </summary>
public sealed class StormAndCancellationTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    private static readonly Lazy<(byte[] V2, byte[] V3)> Edited = new(() =>
    (
        Infrastructure.FlowAssembly.Emit(Infrastructure.TestDeployment.Name, new[] { ("/flows/intake.bpmn", StartDataInputTests.Bpmn.Replace("name=\"Intake\"", "name=\"Intake 2\"", StringComparison.Ordinal)) }, Array.Empty<string>()),
        Infrastructure.FlowAssembly.Emit(Infrastructure.TestDeployment.Name, new[] { ("/flows/intake.bpmn", StartDataInputTests.Bpmn.Replace("name=\"Intake\"", "name=\"Intake 3\"", StringComparison.Ordinal)) }, Array.Empty<string>())
    ));

    private readonly DeploymentFixture _fx = new();

    [Fact]
    public async Task Starts_and_completions_while_new_versions_deploy_all_succeed_on_a_deployed_version()
    {
        await _fx.DeployAsync(_fx.Write(1, StartDataInputTests.Assembly.Value));
        var engine = _fx.Engine;
        // Other content per version (the same bytes again would be the same deployment, not a new version).
        var folders = new[] { (2, Edited.Value.V2), (3, Edited.Value.V3) }.Select(e => _fx.Write(e.Item1, e.Item2)).ToList();
        var done = new ConcurrentBag<InstanceSnapshot>();

        var deploying = Task.Run(async () =>
        {
            foreach (var folder in folders)
            {
                var deployed = await engine.DeployAsync(new[] { folder });
                Assert.Equal(int.Parse(folder[^1..]), Assert.Single(deployed).Version);
                await Task.Yield();
            }
        });
        var starting = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; i < 40; i++)
            {
                var started = await engine.StartAsync("intake", $$"""{"orderId": "w{{worker}}-{{i}}"}""");
                done.Add(await engine.CompleteAsync(started.Id, "Review", """{"approved": true}"""));
            }
        })).ToList();

        await Task.WhenAll(starting.Append(deploying)).WaitAsync(Limit);

        Assert.Equal(160, done.Count);
        Assert.All(done, d => Assert.Equal(new[] { "Paid" }, d.WaitingAt));
        Assert.All(done, d => Assert.InRange(d.DeploymentVersion, 1, 3));
        var stored = await _fx.Store.QueryAsync(new InstanceQuery());
        Assert.Equal(done.Select(d => d.Id).Order(), stored.Select(s => s.Id).Order());
        Assert.Equal(3, engine.Registry.Latest["intake"].Version);
    }

    [Fact]
    public async Task A_command_given_a_cancelled_token_either_is_cancelled_with_nothing_changed_or_runs_whole()
    {
        // The in-memory store does not look at the token, so with it every command runs whole; a
        // store that does (SQLite, PostgreSQL) cancels before its write. Either way: all or nothing.
        await _fx.DeployAsync(_fx.Write(1, StartDataInputTests.Assembly.Value));
        var engine = _fx.Engine;
        var waiting = await engine.StartAsync("intake", """{"orderId": "A"}""");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        async Task AllOrNothingAsync(Func<Task<InstanceSnapshot>> command)
        {
            var before = (await _fx.Store.LoadAsync(waiting.Id))!;
            try
            {
                var after = await command();
                var stored = (await _fx.Store.LoadAsync(waiting.Id))!;
                Assert.Equal(before.Revision + 1, stored.Revision);
                Assert.Equal(after.DataJson, (await engine.GetAsync(waiting.Id))!.DataJson);
            }
            catch (OperationCanceledException)
            {
                var stored = (await _fx.Store.LoadAsync(waiting.Id))!;
                Assert.Equal(before.Revision, stored.Revision);
                Assert.Equal(before.StateJson, stored.StateJson);
            }
        }

        await AllOrNothingAsync(() => engine.CompleteAsync(waiting.Id, "Review", """{"approved": true}""", cancelled.Token));
        await AllOrNothingAsync(async () => Assert.Single(await engine.CorrelateAsync("paid", "A", """{"amount": 2}""", cancellationToken: cancelled.Token)));
        var started = await engine.StartAsync("intake", "{}", cancellationToken: cancelled.Token);
        Assert.NotNull(await _fx.Store.LoadAsync(started.Id));
    }

    [Fact]
    public async Task Starts_cancelled_while_they_storm_in_either_return_their_instance_or_store_nothing()
    {
        await _fx.DeployAsync(_fx.Write(1, StartDataInputTests.Assembly.Value));
        var engine = _fx.Engine;
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(150));
        var returned = new ConcurrentBag<string>();
        var cancelledCount = 0;

        var workers = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; i < 5_000 && !cancellation.IsCancellationRequested; i++)
            {
                try
                {
                    returned.Add((await engine.StartAsync("intake", "{}", cancellationToken: cancellation.Token)).Id);
                }
                catch (OperationCanceledException)
                {
                    Interlocked.Increment(ref cancelledCount);
                }
            }
        }));
        await Task.WhenAll(workers).WaitAsync(Limit);

        var stored = await _fx.Store.QueryAsync(new InstanceQuery());
        Assert.Equal(returned.Order(), stored.Select(s => s.Id).Order());
    }

    public void Dispose() => _fx.Dispose();
}
