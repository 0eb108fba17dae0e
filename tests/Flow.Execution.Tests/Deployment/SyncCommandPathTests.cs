using System.Diagnostics;
using Flow.Deployment;
using Flow.Engine;
using Flow.Execution.Tests.Infrastructure;
using Flow.Hosting;
using Flow.Instances;

namespace Flow.Execution.Tests.Deployment;

/// <summary>
/// Starts and commands run without an async state machine while every step completes at once, and
/// hand the rest to async methods at the first step that does not (FlowEngine.SyncCommands.cs).
/// Either way the caller sees what an async method gives: the same snapshots, failures inside the
/// returned task (a cancellation as a cancelled task), versions held exactly once, and with a
/// listener on the source one span per command.
/// </summary>
public class SyncCommandPathTests
{
    private const string Bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flow="http://flow-generators.dev/schema/bpmn" id="Defs">
          <bpmn:process id="paths" name="Paths" isExecutable="true">
            <bpmn:extensionElements>
              <flow:variable name="marks" type="System.Collections.Generic.List&lt;string&gt;" />
              <flow:variable name="mode" type="string" />
            </bpmn:extensionElements>
            <bpmn:startEvent id="Start" />
            <bpmn:serviceTask id="Work" flow:handler="Work" />
            <bpmn:userTask id="Review">
              <bpmn:extensionElements><flow:output name="mode" type="string" /></bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:serviceTask id="Again" flow:handler="Work" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Work" />
            <bpmn:sequenceFlow id="F2" sourceRef="Work" targetRef="Review" />
            <bpmn:sequenceFlow id="F3" sourceRef="Review" targetRef="Again" />
            <bpmn:sequenceFlow id="F4" sourceRef="Again" targetRef="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    // Work marks the mode it ran with; "later" finishes after a yield (the run completes later),
    // "cancel" gives up with a cancellation (it leaves the command).
    private const string Handlers = """
        namespace Shop.Flows {
            public partial class PathsProcess {
                private async partial System.Threading.Tasks.ValueTask Work(Flow.TaskContext<Data> c, System.Threading.CancellationToken t) {
                    (c.Data.marks ??= new()).Add(c.Data.mode ?? "none");
                    if (c.Data.mode == "later") { await System.Threading.Tasks.Task.Yield(); }
                    if (c.Data.mode == "cancel") { throw new System.OperationCanceledException("given up"); }
                }
            }
        }
        """;

    private static readonly Lazy<byte[]> Assembly = new(() => FlowAssembly.Emit(TestDeployment.Name, new[] { ("/flows/paths.bpmn", Bpmn) }, Array.Empty<string>(), Handlers));

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("now")]
    [InlineData("later")]
    public async Task A_run_that_finishes_at_once_or_later_gives_the_same_snapshots_and_holds_its_version_once(string mode)
    {
        using var fx = new DeploymentFixture();
        var version = (await fx.DeployAsync(fx.Write(1, Assembly.Value)))[0];

        var started = await fx.Engine.StartAsync("paths", $$"""{"mode": "{{mode}}"}""").WaitAsync(Timeout);
        Assert.Equal(new[] { "Review" }, started.WaitingAt);
        Assert.Equal(new[] { "Start", "Work", "Review" }, started.Trace);
        Assert.Contains($"\"marks\":[\"{mode}\"]", started.DataJson, StringComparison.Ordinal);
        Assert.Equal(1, version.Users);

        var done = await fx.Engine.CompleteAsync(started.Id, "Review", $$"""{"mode": "{{mode}}"}""").WaitAsync(Timeout);
        Assert.Equal(InstanceStatus.Completed, done.Status);
        Assert.Empty(done.WaitingAt);
        Assert.Contains($"\"marks\":[\"{mode}\",\"{mode}\"]", done.DataJson, StringComparison.Ordinal);
        Assert.Equal(2, (await fx.Store.LoadAsync(started.Id))!.Revision);
        Assert.Equal(0, version.Users);
    }

    [Fact]
    public async Task Failures_come_back_in_the_returned_task_as_from_an_async_method_and_release_the_version()
    {
        using var fx = new DeploymentFixture();
        var version = (await fx.DeployAsync(fx.Write(1, Assembly.Value)))[0];

        var unknown = Returned(() => fx.Engine.StartAsync("nowhere"));
        Assert.True(unknown.IsFaulted);
        await Assert.ThrowsAsync<FlowDeploymentException>(() => unknown);

        var missing = Returned(() => fx.Engine.CompleteAsync(Guid.NewGuid().ToString(), "Review"));
        Assert.True(missing.IsFaulted);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => missing);

        var cancelled = Returned(() => fx.Engine.StartAsync("paths", """{"mode": "cancel"}"""));
        Assert.True(cancelled.IsCanceled);
        Assert.Equal("given up", (await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled)).Message);
        Assert.Equal(0, version.Users);

        var started = await fx.Engine.StartAsync("paths");
        var refused = Returned(() => fx.Engine.CompleteAsync(started.Id, "Review", """{"mode": "cancel"}"""));
        Assert.True(refused.IsCanceled);
        Assert.Equal(1, version.Users);   // the waiting instance's hold, nothing of the failed command
        Assert.Equal(1, (await fx.Store.LoadAsync(started.Id))!.Revision);
    }

    [Fact]
    public async Task A_stale_save_that_completes_at_once_changes_nothing_and_holds_nothing()
    {
        using var fx = new DeploymentFixture();
        var store = new RefusingStore();
        var engine = new FlowEngine(fx.Registry, store);
        var version = (await engine.DeployAsync(new[] { fx.Write(1, Assembly.Value) }))[0];

        store.RefuseNextSave = true;
        var start = Returned(() => engine.StartAsync("paths"));
        Assert.True(start.IsFaulted);
        await Assert.ThrowsAsync<FlowConcurrencyException>(() => start);
        Assert.Equal(0, version.Users);

        var started = await engine.StartAsync("paths");
        Assert.Equal(1, version.Users);
        store.RefuseNextSave = true;
        await Assert.ThrowsAsync<FlowConcurrencyException>(() => engine.CompleteAsync(started.Id, "Review"));
        Assert.Equal(1, version.Users);
        Assert.Equal(1, (await store.LoadAsync(started.Id))!.Revision);

        var done = await engine.CompleteAsync(started.Id, "Review");
        Assert.Equal(InstanceStatus.Completed, done.Status);
        Assert.Equal(0, version.Users);
    }

    [Fact]
    public async Task With_a_listener_on_the_source_each_command_has_its_span_and_the_same_results()
    {
        using var fx = new DeploymentFixture();
        var version = (await fx.DeployAsync(fx.Write(1, Assembly.Value)))[0];
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == FlowTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (spans)
                {
                    spans.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        var started = await fx.Engine.StartAsync("paths", """{"mode": "now"}""").WaitAsync(Timeout);
        var done = await fx.Engine.CompleteAsync(started.Id, "Review").WaitAsync(Timeout);

        Assert.Equal(new[] { "Start", "Work", "Review", "Again", "End" }, done.Trace);
        Assert.Equal(0, version.Users);
        lock (spans)
        {
            Assert.Contains(spans, s => s.OperationName == "flow.start" && (string?)s.GetTagItem("flow.process") == "paths");
            Assert.Single(spans, s => s.OperationName == "flow.complete" && (string?)s.GetTagItem("flow.instance") == started.Id);
        }
    }

    /// <summary>The task a command returns; a command that threw instead of returning fails the test.</summary>
    private static Task<InstanceSnapshot> Returned(Func<Task<InstanceSnapshot>> command)
    {
        Task<InstanceSnapshot>? task = null;
        Assert.Null(Record.Exception(() => { task = command(); }));
        return task!;
    }

    /// <summary>A store (not the in-memory one: the engine gives it JSON) whose calls all complete at once, and that can refuse a save as a stale revision would.</summary>
    private sealed class RefusingStore : IInstanceStore
    {
        private readonly InMemoryInstanceStore _inner = new();

        public bool RefuseNextSave { get; set; }

        public ValueTask<StoredInstance?> LoadAsync(string id, CancellationToken cancellationToken = default) => _inner.LoadAsync(id, cancellationToken);

        public ValueTask<bool> TrySaveAsync(StoredInstance instance, long expectedRevision, CancellationToken cancellationToken = default)
        {
            if (RefuseNextSave)
            {
                RefuseNextSave = false;
                return new ValueTask<bool>(false);
            }

            return _inner.TrySaveAsync(instance, expectedRevision, cancellationToken);
        }

        public ValueTask<IReadOnlyList<StoredInstance>> QueryAsync(InstanceQuery query, CancellationToken cancellationToken = default) => _inner.QueryAsync(query, cancellationToken);

        public ValueTask<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) => _inner.DeleteAsync(id, cancellationToken);
    }
}
