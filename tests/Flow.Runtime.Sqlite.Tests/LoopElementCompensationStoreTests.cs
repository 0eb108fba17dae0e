using Flow.Deployment;
using Flow.Engine;
using Flow.Execution.Tests.Infrastructure;
using Flow.Instances;

namespace Flow.Runtime.Sqlite.Tests;

/// <summary>
/// Compensation handlers of multi-instance elements waiting at a user task keep the element they
/// undo (saved with the instance, not read again from the collection) across the SQLite store and
/// engine restarts (issue 13).
/// </summary>
public class LoopElementCompensationStoreTests
{
    /// <summary>
    /// Start → Work (sequential multi-instance script over items, element item) → Replace (items
    /// replaced) → CompensateAll → End. Work's handler UndoWork: Confirm (user task) → Unmark (script).
    /// </summary>
    private const string Bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flow="http://flow-generators.dev/schema/bpmn" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs">
          <bpmn:process id="order" name="Order" isExecutable="true">
            <bpmn:extensionElements>
              <flow:variable name="marks" type="System.Collections.Generic.List&lt;string&gt;" />
              <flow:variable name="items" type="System.Collections.Generic.List&lt;string&gt;" />
            </bpmn:extensionElements>
            <bpmn:startEvent id="Start" />
            <bpmn:scriptTask id="Work" scriptFormat="csharp">
              <bpmn:multiInstanceLoopCharacteristics isSequential="true" camunda:collection="${items}" camunda:elementVariable="item" />
              <bpmn:script>(marks ??= new()).Add("did " + item);</bpmn:script>
            </bpmn:scriptTask>
            <bpmn:boundaryEvent id="Comp" attachedToRef="Work"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>
            <bpmn:subProcess id="UndoWork" isForCompensation="true">
              <bpmn:startEvent id="UndoStart" />
              <bpmn:userTask id="Confirm" />
              <bpmn:scriptTask id="Unmark" scriptFormat="csharp"><bpmn:script>marks.Add("undid " + item + "@" + loopCounter);</bpmn:script></bpmn:scriptTask>
              <bpmn:endEvent id="UndoEnd" />
              <bpmn:sequenceFlow id="U1" sourceRef="UndoStart" targetRef="Confirm" />
              <bpmn:sequenceFlow id="U2" sourceRef="Confirm" targetRef="Unmark" />
              <bpmn:sequenceFlow id="U3" sourceRef="Unmark" targetRef="UndoEnd" />
            </bpmn:subProcess>
            <bpmn:association id="A1" sourceRef="Comp" targetRef="UndoWork" />
            <bpmn:scriptTask id="Replace" scriptFormat="csharp"><bpmn:script>items = new System.Collections.Generic.List&lt;string&gt; { "z" };</bpmn:script></bpmn:scriptTask>
            <bpmn:intermediateThrowEvent id="CompensateAll"><bpmn:compensateEventDefinition /></bpmn:intermediateThrowEvent>
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Work" />
            <bpmn:sequenceFlow id="F2" sourceRef="Work" targetRef="Replace" />
            <bpmn:sequenceFlow id="F3" sourceRef="Replace" targetRef="CompensateAll" />
            <bpmn:sequenceFlow id="F4" sourceRef="CompensateAll" targetRef="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Handlers_waiting_at_a_user_task_keep_their_element_across_restarts()
    {
        using var db = new TempDatabase();
        var folder = TestDeployment.Write(db.Folder, 1, FlowAssembly.Emit(TestDeployment.Name, new[] { ("/flows/order.bpmn", Bpmn) }, Array.Empty<string>()));
        string id;
        using (var store = new SqliteInstanceStore(db.File))
        {
            var engine = new FlowEngine(new DeploymentRegistry(), store);
            await engine.DeployAsync(new[] { folder }).WaitAsync(Timeout);
            var started = await engine.StartAsync("order", """{"items": ["a", "b", "c"]}""").WaitAsync(Timeout);
            id = started.Id;
            Assert.Equal(new[] { "Confirm", "Confirm", "Confirm" }, started.WaitingAt);
        }

        // Each handler in turn, latest completed element first, each after a restart.
        foreach (var _ in new[] { "c", "b", "a" })
        {
            using var store = new SqliteInstanceStore(db.File);
            var engine = new FlowEngine(new DeploymentRegistry(), store);
            await engine.DeployAsync(new[] { folder }).WaitAsync(Timeout);
            await engine.CompleteAsync(id, "Confirm").WaitAsync(Timeout);
        }

        using (var store = new SqliteInstanceStore(db.File))
        {
            var engine = new FlowEngine(new DeploymentRegistry(), store);
            await engine.DeployAsync(new[] { folder }).WaitAsync(Timeout);
            var done = (await engine.GetAsync(id).WaitAsync(Timeout))!;

            Assert.Equal(InstanceStatus.Completed, done.Status);
            Assert.Contains("\"marks\":[\"did a\",\"did b\",\"did c\",\"undid c@2\",\"undid b@1\",\"undid a@0\"]", done.DataJson, StringComparison.Ordinal);
        }
    }
}
