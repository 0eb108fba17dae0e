using Flow.Deployment;
using Flow.Engine;
using Flow.Execution.Tests.Infrastructure;
using Flow.Instances;

namespace Flow.Runtime.Sqlite.Tests;

/// <summary>What compensation keeps (completed activities, a compensation waiting at a user-task handler) survives the SQLite store and an engine restart (issue 13).</summary>
public class CompensationStoreTests
{
    /// <summary>Start → Book (handler Mark; compensated by the user task Undo) → Review → amount &gt; 5: compensate all → Undone; else Ship (MarkAgain) → End.</summary>
    private const string Bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flow="http://flow-generators.dev/schema/bpmn" id="Defs">
          <bpmn:process id="order" name="Order" isExecutable="true">
            <bpmn:extensionElements>
              <flow:variable name="marks" type="System.Collections.Generic.List&lt;string&gt;" />
              <flow:variable name="amount" type="int" />
            </bpmn:extensionElements>
            <bpmn:startEvent id="Start" />
            <bpmn:serviceTask id="Book" flow:handler="Mark" />
            <bpmn:boundaryEvent id="Comp" attachedToRef="Book"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>
            <bpmn:userTask id="Undo" isForCompensation="true" />
            <bpmn:association id="A1" sourceRef="Comp" targetRef="Undo" />
            <bpmn:userTask id="Review" />
            <bpmn:exclusiveGateway id="Decide" default="Keep" />
            <bpmn:intermediateThrowEvent id="CompensateAll"><bpmn:compensateEventDefinition /></bpmn:intermediateThrowEvent>
            <bpmn:endEvent id="Undone" />
            <bpmn:serviceTask id="Ship" flow:handler="MarkAgain" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Book" />
            <bpmn:sequenceFlow id="F2" sourceRef="Book" targetRef="Review" />
            <bpmn:sequenceFlow id="F3" sourceRef="Review" targetRef="Decide" />
            <bpmn:sequenceFlow id="Back" sourceRef="Decide" targetRef="CompensateAll"><bpmn:conditionExpression>amount &gt; 5</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="Keep" sourceRef="Decide" targetRef="Ship" />
            <bpmn:sequenceFlow id="F4" sourceRef="CompensateAll" targetRef="Undone" />
            <bpmn:sequenceFlow id="F5" sourceRef="Ship" targetRef="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_completed_activity_and_a_compensation_waiting_at_a_user_task_handler_survive_restarts()
    {
        using var db = new TempDatabase();
        var folder = TestDeployment.Write(db.Folder, 1, TestDeployment.Compile("A", Bpmn));
        string id;
        using (var store = new SqliteInstanceStore(db.File))
        {
            var engine = new FlowEngine(new DeploymentRegistry(), store);
            await engine.DeployAsync(new[] { folder }).WaitAsync(Timeout);
            id = (await engine.StartAsync("order", """{"amount": 7}""").WaitAsync(Timeout)).Id;
        }

        using (var store = new SqliteInstanceStore(db.File))
        {
            var engine = new FlowEngine(new DeploymentRegistry(), store);
            await engine.DeployAsync(new[] { folder }).WaitAsync(Timeout);
            var compensating = await engine.CompleteAsync(id, "Review").WaitAsync(Timeout);
            Assert.Equal(new[] { "Undo" }, compensating.WaitingAt);
        }

        using (var store = new SqliteInstanceStore(db.File))
        {
            var engine = new FlowEngine(new DeploymentRegistry(), store);
            await engine.DeployAsync(new[] { folder }).WaitAsync(Timeout);
            Assert.Equal(new[] { "Undo" }, (await engine.GetAsync(id).WaitAsync(Timeout))!.WaitingAt);

            var done = await engine.CompleteAsync(id, "Undo").WaitAsync(Timeout);

            Assert.Equal(InstanceStatus.Completed, done.Status);
            Assert.Contains("\"marks\":[\"A\"]", done.DataJson, StringComparison.Ordinal);
        }
    }
}
