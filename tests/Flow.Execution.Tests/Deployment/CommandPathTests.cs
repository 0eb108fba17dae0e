using Flow.Deployment;
using Flow.Engine;
using Flow.Execution.Tests.Infrastructure;
using Flow.Instances;

namespace Flow.Execution.Tests.Deployment;

/// <summary>
/// The engine's command path without its usual shortcuts' conditions: a start's use of its version
/// becomes the waiting instance's hold, the last command's process object is reused, and a
/// resumed save that completes at once skips its state machine. Here with saves that complete
/// later or fail, and with versions counted exactly.
/// </summary>
public class CommandPathTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static readonly Lazy<byte[]> Straight = new(() => TestDeployment.Compile("S", StraightBpmn("order")));

    /// <summary>The order flow's two service tasks without the user task between them: an instance ends in its start.</summary>
    private static string StraightBpmn(string key) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flow="http://flow-generators.dev/schema/bpmn" id="Defs">
          <bpmn:process id="{key}" name="Order" isExecutable="true">
            <bpmn:extensionElements>
              <flow:variable name="marks" type="System.Collections.Generic.List&lt;string&gt;" />
            </bpmn:extensionElements>
            <bpmn:startEvent id="Start" />
            <bpmn:serviceTask id="Mark" flow:handler="Mark" />
            <bpmn:serviceTask id="MarkAgain" flow:handler="MarkAgain" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Mark" />
            <bpmn:sequenceFlow id="F2" sourceRef="Mark" targetRef="MarkAgain" />
            <bpmn:sequenceFlow id="F3" sourceRef="MarkAgain" targetRef="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static readonly Lazy<byte[]> Direct = new(() => TestDeployment.Compile("S", StraightBpmn("direct")));

    [Fact]
    public async Task A_waiting_instance_holds_its_version_exactly_once_and_an_instance_that_ends_at_once_holds_nothing()
    {
        using var fx = new DeploymentFixture();
        var v1 = (await fx.DeployAsync(fx.Write(1, DeploymentFixture.A)))[0];

        var first = await fx.Engine.StartAsync("order");
        var second = await fx.Engine.StartAsync("order");
        Assert.Equal(2, v1.Users);   // one hold per waiting instance, no command's use left over

        await fx.Engine.CompleteAsync(first.Id, "Review");
        Assert.Equal(1, v1.Users);
        await fx.Engine.CompleteAsync(second.Id, "Review");
        Assert.Equal(0, v1.Users);

        var v2 = (await fx.DeployAsync(fx.Write(2, Straight.Value)))[0];
        var done = await fx.Engine.StartAsync("order");
        Assert.Equal(InstanceStatus.Completed, done.Status);
        Assert.Equal(2, done.DeploymentVersion);
        Assert.Equal(0, v2.Users);
        Assert.True(v1.IsUnloaded);
    }

    [Fact]
    public async Task Saves_that_complete_later_run_the_same_commands_and_a_stale_save_changes_nothing_and_holds_nothing()
    {
        using var fx = new DeploymentFixture();
        var store = new LaterStore();
        var engine = new FlowEngine(fx.Registry, store);
        var v1 = (await engine.DeployAsync(new[] { fx.Write(1, DeploymentFixture.A) }))[0];

        var started = await engine.StartAsync("order").WaitAsync(Timeout);
        Assert.Equal(new[] { "Review" }, started.WaitingAt);
        Assert.Equal(1, v1.Users);

        store.RefuseNextSave = true;
        await Assert.ThrowsAsync<FlowConcurrencyException>(() => engine.StartAsync("order").WaitAsync(Timeout));
        Assert.Equal(1, v1.Users);   // the refused start neither holds nor keeps its use

        store.RefuseNextSave = true;
        await Assert.ThrowsAsync<FlowConcurrencyException>(() => engine.CompleteAsync(started.Id, "Review").WaitAsync(Timeout));
        var unchanged = (await engine.GetAsync(started.Id).WaitAsync(Timeout))!;
        Assert.Equal(new[] { "Review" }, unchanged.WaitingAt);
        Assert.Equal(1, v1.Users);

        var done = await engine.CompleteAsync(started.Id, "Review").WaitAsync(Timeout);
        Assert.Equal(InstanceStatus.Completed, done.Status);
        Assert.Empty(done.WaitingAt);
        Assert.Contains("\"marks\":[\"A\",\"A\"]", done.DataJson, StringComparison.Ordinal);
        Assert.Equal(2, (await store.LoadAsync(started.Id))!.Revision);
        Assert.Equal(0, v1.Users);
    }

    [Fact]
    public async Task Commands_of_two_processes_taking_turns_each_run_on_their_own_process_and_version()
    {
        using var fx = new DeploymentFixture();
        var orders = (await fx.DeployAsync(fx.Write(1, DeploymentFixture.A)))[0];
        var directs = (await fx.DeployAsync(fx.Write(1, Direct.Value, name: "Other.Flows")))[0];

        for (var i = 0; i < 3; i++)
        {
            var waiting = await fx.Engine.StartAsync("order");
            var direct = await fx.Engine.StartAsync("direct");
            var done = await fx.Engine.CompleteAsync(waiting.Id, "Review");

            Assert.Equal(("order", TestDeployment.Name), (waiting.ProcessKey, waiting.DeploymentName));
            Assert.Equal(new[] { "Review" }, waiting.WaitingAt);
            Assert.Equal(("direct", "Other.Flows", InstanceStatus.Completed), (direct.ProcessKey, direct.DeploymentName, direct.Status));
            Assert.Equal(new[] { "Start", "Mark", "MarkAgain", "End" }, direct.Trace);
            Assert.Equal(InstanceStatus.Completed, done.Status);
            Assert.Contains("\"marks\":[\"A\",\"A\"]", done.DataJson, StringComparison.Ordinal);
            Assert.Contains("\"marks\":[\"S\",\"S\"]", direct.DataJson, StringComparison.Ordinal);
            Assert.Equal(orders.Manifest.Processes.Single().DefinitionHash, (await fx.Store.LoadAsync(done.Id))!.DefinitionHash);
            Assert.Equal(directs.Manifest.Processes.Single().DefinitionHash, (await fx.Store.LoadAsync(direct.Id))!.DefinitionHash);
        }

        Assert.Equal(0, orders.Users);
        Assert.Equal(0, directs.Users);
    }

    /// <summary>A store that is not the in-memory one (the engine gives it JSON) and completes every call later, and can refuse a save as a stale revision would.</summary>
    private sealed class LaterStore : IInstanceStore
    {
        private readonly InMemoryInstanceStore _inner = new();

        public bool RefuseNextSave { get; set; }

        public async ValueTask<StoredInstance?> LoadAsync(string id, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            return await _inner.LoadAsync(id, cancellationToken);
        }

        public async ValueTask<bool> TrySaveAsync(StoredInstance instance, long expectedRevision, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            if (RefuseNextSave)
            {
                RefuseNextSave = false;
                return false;
            }

            return await _inner.TrySaveAsync(instance, expectedRevision, cancellationToken);
        }

        public ValueTask<IReadOnlyList<StoredInstance>> QueryAsync(InstanceQuery query, CancellationToken cancellationToken = default) => _inner.QueryAsync(query, cancellationToken);

        public ValueTask<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) => _inner.DeleteAsync(id, cancellationToken);
    }
}
