using Flow.Engine;
using Flow.Execution.Tests.Infrastructure;
using Flow.Instances;

namespace Flow.Execution.Tests.Deployment;

/// <summary>
/// The in-memory store keeps instances as objects, not JSON (issue 11: the engine path without
/// JSON churn). What the store promised with JSON still holds: a stale save changes nothing, a
/// command that throws leaves the stored state as it was, nothing a caller gets can change it,
/// two completions of the same task cannot both win, and a version still unloads.
/// </summary>
public class LiveStateTests
{
    private const string Bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flow="http://flow-generators.dev/schema/bpmn" id="Defs">
          <bpmn:process id="live" name="Live" isExecutable="true">
            <bpmn:extensionElements>
              <flow:variable name="marks" type="System.Collections.Generic.List&lt;string&gt;" />
              <flow:variable name="who" type="string" />
              <flow:variable name="mode" type="string" />
            </bpmn:extensionElements>
            <bpmn:startEvent id="Start" />
            <bpmn:userTask id="Review">
              <bpmn:extensionElements><flow:output name="who" type="string" /><flow:output name="mode" type="string" /></bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:serviceTask id="Work" flow:handler="Work" />
            <bpmn:userTask id="Final" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Review" />
            <bpmn:sequenceFlow id="F2" sourceRef="Review" targetRef="Work" />
            <bpmn:sequenceFlow id="F3" sourceRef="Work" targetRef="Final" />
            <bpmn:sequenceFlow id="F4" sourceRef="Final" targetRef="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    // Work adds who completed Review to the marks, then: "slow" waits a little (so two completions
    // overlap), "cancel" gives up with a cancellation (the one exception that leaves the command),
    // "fail" throws (the instance fails and is saved so).
    private const string Handlers = """
        namespace Shop.Flows {
            public partial class LiveProcess {
                private async partial System.Threading.Tasks.ValueTask Work(Flow.TaskContext<Data> c, System.Threading.CancellationToken t) {
                    (c.Data.marks ??= new()).Add(c.Data.who);
                    c.Data.who = "changed by Work";
                    if (c.Data.mode == "slow") { await System.Threading.Tasks.Task.Delay(50); }
                    if (c.Data.mode == "cancel") { throw new System.OperationCanceledException("given up"); }
                    if (c.Data.mode == "fail") { throw new System.InvalidOperationException("failed"); }
                }
            }
        }
        """;

    private static readonly Lazy<byte[]> Assembly = new(() => FlowAssembly.Emit(TestDeployment.Name, new[] { ("/flows/live.bpmn", Bpmn) }, Array.Empty<string>(), Handlers));

    private static readonly Lazy<byte[]> AssemblyV2 = new(() => FlowAssembly.Emit(TestDeployment.Name, new[] { ("/flows/live.bpmn", Bpmn) }, Array.Empty<string>(), Handlers + "// version 2"));

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static async Task<DeploymentFixture> DeployAsync()
    {
        var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, Assembly.Value));
        return fx;
    }

    [Fact]
    public async Task A_save_with_a_stale_revision_is_refused_and_changes_nothing()
    {
        using var fx = await DeployAsync();
        var started = await fx.Engine.StartAsync("live", """{"marks": ["a"]}""");
        var read = (await fx.Store.LoadAsync(started.Id))!;
        await fx.Engine.CompleteAsync(started.Id, "Review", """{"who": "ann"}""");
        var current = (await fx.Store.LoadAsync(started.Id))!;
        var json = current.StateJson;

        Assert.False(await fx.Store.TrySaveAsync(read with { Status = InstanceStatus.Aborted }, read.Revision));

        var after = (await fx.Store.LoadAsync(started.Id))!;
        Assert.Same(current, after);
        Assert.Equal(json, after.StateJson);
        Assert.Equal(new[] { "Final" }, (await fx.Engine.GetAsync(started.Id))!.WaitingAt);
    }

    [Fact]
    public async Task A_command_that_throws_after_its_handler_changed_the_data_leaves_the_stored_state_as_it_was()
    {
        using var fx = await DeployAsync();
        var started = await fx.Engine.StartAsync("live", """{"marks": ["a"], "who": "nobody"}""");
        var before = (await fx.Store.LoadAsync(started.Id))!;
        var snapshotBefore = (await fx.Engine.GetAsync(started.Id))!;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fx.Engine.CompleteAsync(started.Id, "Review", """{"who": "ann", "mode": "cancel"}"""));

        var after = (await fx.Store.LoadAsync(started.Id))!;
        Assert.Equal(before.Revision, after.Revision);
        Assert.Equal(InstanceStatus.Waiting, after.Status);
        var snapshotAfter = (await fx.Engine.GetAsync(started.Id))!;
        Assert.Equal(snapshotBefore.DataJson, snapshotAfter.DataJson);
        Assert.Equal(snapshotBefore.Trace, snapshotAfter.Trace);
        Assert.Equal(new[] { "Review" }, snapshotAfter.WaitingAt);
        Assert.Null(snapshotAfter.Failure);
        Assert.Contains("\"marks\":[\"a\"]", after.StateJson, StringComparison.Ordinal);
        Assert.DoesNotContain("changed by Work", after.StateJson, StringComparison.Ordinal);

        // The next command runs on the state as stored, not on what the failed one left behind.
        var done = await fx.Engine.CompleteAsync(started.Id, "Review", """{"who": "bob"}""");
        Assert.Contains("\"marks\":[\"a\",\"bob\"]", done.DataJson, StringComparison.Ordinal);
        Assert.Equal(new[] { "Final" }, done.WaitingAt);
    }

    [Fact]
    public async Task A_handler_failure_is_saved_as_the_instance_failing_and_its_failure_cannot_be_changed_through_snapshots()
    {
        using var fx = await DeployAsync();
        var started = await fx.Engine.StartAsync("live");
        var failed = await fx.Engine.CompleteAsync(started.Id, "Review", """{"who": "ann", "mode": "fail"}""");
        Assert.Equal(InstanceStatus.Failed, failed.Status);

        failed.Failure!.Message = "changed by the caller";
        var read = (await fx.Engine.GetAsync(started.Id))!;
        read.Failure!.Message = "changed by the caller";
        read.Failure.NodeId = "Nowhere";

        var again = (await fx.Engine.GetAsync(started.Id))!;
        Assert.Equal("failed", again.Failure!.Message);
        Assert.Equal("Work", again.Failure.NodeId);
        Assert.Contains("\"Message\":\"failed\"", (await fx.Store.LoadAsync(started.Id))!.StateJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snapshots_and_read_instances_cannot_change_the_stored_state()
    {
        using var fx = await DeployAsync();
        var started = await fx.Engine.StartAsync("live", """{"marks": ["a"]}""");
        // The snapshot's trace is the stored list itself, read-only (a list a caller could change would have to be a copy).
        Assert.Throws<NotSupportedException>(() => ((ICollection<string>)started.Trace).Add("Hacked"));
        if (started.WaitingAt is List<string> waiting)
        {
            waiting.Add("Hacked");
        }

        var read = (await fx.Engine.GetAsync(started.Id))!;
        ((List<string>)read.Trace).Add("Hacked");
        ((List<string>)read.WaitingAt).Add("Hacked");

        var again = (await fx.Engine.GetAsync(started.Id))!;
        Assert.Equal(new[] { "Start", "Review" }, again.Trace);
        Assert.Equal(new[] { "Review" }, again.WaitingAt);
        Assert.DoesNotContain("Hacked", (await fx.Store.LoadAsync(started.Id))!.StateJson, StringComparison.Ordinal);
        var done = await fx.Engine.CompleteAsync(started.Id, "Review", """{"who": "ann"}""");
        Assert.Equal(new[] { "Start", "Review", "Work", "Final" }, done.Trace);
    }

    [Fact]
    public async Task Of_two_completions_of_the_same_task_at_once_exactly_one_wins_and_only_its_changes_are_stored()
    {
        using var fx = await DeployAsync();
        for (var round = 0; round < 10; round++)
        {
            var started = await fx.Engine.StartAsync("live", """{"marks": []}""");
            var ann = Task.Run(() => fx.Engine.CompleteAsync(started.Id, "Review", """{"who": "ann", "mode": "slow"}"""));
            var bob = Task.Run(() => fx.Engine.CompleteAsync(started.Id, "Review", """{"who": "bob", "mode": "slow"}"""));
            var outcomes = new List<Exception?>();
            foreach (var completion in new[] { ann, bob })
            {
                try
                {
                    await completion.WaitAsync(Timeout);
                    outcomes.Add(null);
                }
                catch (Exception ex) when (ex is FlowConcurrencyException or FlowInstanceException)
                {
                    // The loser either saved too late (stale revision) or read after the winner saved (nothing waits at Review).
                    outcomes.Add(ex);
                }
            }

            Assert.Single(outcomes, o => o is null);
            var winner = outcomes[0] is null ? "ann" : "bob";
            var stored = (await fx.Engine.GetAsync(started.Id))!;
            Assert.Contains($"\"marks\":[\"{winner}\"]", stored.DataJson, StringComparison.Ordinal);
            Assert.Equal(new[] { "Final" }, stored.WaitingAt);
            Assert.Equal(2, (await fx.Store.LoadAsync(started.Id))!.Revision);
        }
    }

    [Fact]
    public async Task The_json_of_a_live_state_is_the_json_the_engine_writes_for_durable_stores()
    {
        using var fx = await DeployAsync();
        var durable = new RecordingStore();
        var engine = new FlowEngine(fx.Registry, durable);
        var live = await fx.Engine.StartAsync("live", """{"marks": ["a"], "who": "x"}""");
        var other = await engine.StartAsync("live", """{"marks": ["a"], "who": "x"}""");
        await fx.Engine.CompleteAsync(live.Id, "Review", """{"who": "ann"}""");
        await engine.CompleteAsync(other.Id, "Review", """{"who": "ann"}""");

        var liveJson = (await fx.Store.LoadAsync(live.Id))!.StateJson;
        var durableJson = (await durable.LoadAsync(other.Id))!.StateJson;
        Assert.Equal(durableJson.Replace(other.Id, "ID", StringComparison.Ordinal), liveJson.Replace(live.Id, "ID", StringComparison.Ordinal));
        Assert.Null((await durable.LoadAsync(other.Id))!.Live);
        Assert.NotNull((await fx.Store.LoadAsync(live.Id))!.Live);
    }

    [Fact]
    public async Task A_version_whose_instances_are_kept_live_still_unloads_and_they_stay_readable()
    {
        using var fx = await DeployAsync();
        var ended = await fx.Engine.StartAsync("live", """{"marks": ["a"]}""");
        await fx.Engine.CompleteAsync(ended.Id, "Review", """{"who": "ann"}""");
        await fx.Engine.CompleteAsync(ended.Id, "Final");
        var v1 = fx.Registry.Versions.Single();
        var assembly = v1.Assembly;
        var kept = (await fx.Store.LoadAsync(ended.Id))!;
        Assert.Null(kept.Live);   // an ended instance is kept compact, as its JSON (CompactEndedInstancesTests), so it holds no flow type at all

        await fx.DeployAsync(fx.Write(2, AssemblyV2.Value));

        Assert.True(v1.IsUnloaded);
        Assert.True(Unloading.AllCollected(new[] { assembly }), "the ended instance's live state keeps version 1 loaded");
        var read = (await fx.Engine.GetAsync(ended.Id))!;
        Assert.Equal(InstanceStatus.Completed, read.Status);
        Assert.Contains("\"marks\":[\"a\",\"ann\"]", read.DataJson, StringComparison.Ordinal);
        Assert.Contains("\"marks\":[\"a\",\"ann\"]", kept.StateJson, StringComparison.Ordinal);
    }

    /// <summary>A store that is not the in-memory one, so the engine gives it JSON (as SQLite and PostgreSQL get).</summary>
    private sealed class RecordingStore : IInstanceStore
    {
        private readonly InMemoryInstanceStore _inner = new();

        public ValueTask<StoredInstance?> LoadAsync(string id, CancellationToken cancellationToken = default) => _inner.LoadAsync(id, cancellationToken);

        public ValueTask<bool> TrySaveAsync(StoredInstance instance, long expectedRevision, CancellationToken cancellationToken = default) =>
            _inner.TrySaveAsync(instance, expectedRevision, cancellationToken);

        public ValueTask<IReadOnlyList<StoredInstance>> QueryAsync(InstanceQuery query, CancellationToken cancellationToken = default) => _inner.QueryAsync(query, cancellationToken);

        public ValueTask<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) => _inner.DeleteAsync(id, cancellationToken);
    }
}
