using Flow.Deployment;
using Flow.Engine;
using Flow.Execution.Tests.Infrastructure;
using Flow.Instances;

namespace Flow.Runtime.Sqlite.Tests;

/// <summary>An instance inside a multi-instance sub-process (element scopes with their loopCounter) survives a SQLite save and an engine restart.</summary>
public class LoopedScopeRestartTests
{
    private const string Bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flow="http://flow-generators.dev/schema/bpmn"
                          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs">
          <bpmn:process id="review" isExecutable="true">
            <bpmn:extensionElements>
              <flow:variable name="people" type="string[]" />
              <flow:variable name="notes" type="System.Collections.Generic.List&lt;string&gt;" />
              <flow:variable name="note" type="string" />
            </bpmn:extensionElements>
            <bpmn:startEvent id="S" />
            <bpmn:subProcess id="Each">
              <bpmn:multiInstanceLoopCharacteristics isSequential="true" camunda:collection="people" camunda:elementVariable="person"
                  flow:outputCollection="notes" flow:outputElement="${person + &quot;:&quot; + note}" />
              <bpmn:startEvent id="IS" />
              <bpmn:userTask id="Ask"><bpmn:extensionElements><flow:output name="note" type="string" /></bpmn:extensionElements></bpmn:userTask>
              <bpmn:endEvent id="IE" />
              <bpmn:sequenceFlow id="I1" sourceRef="IS" targetRef="Ask" />
              <bpmn:sequenceFlow id="I2" sourceRef="Ask" targetRef="IE" />
            </bpmn:subProcess>
            <bpmn:endEvent id="E" />
            <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="Each" />
            <bpmn:sequenceFlow id="F2" sourceRef="Each" targetRef="E" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public async Task A_sequential_multi_instance_sub_process_goes_on_at_its_next_element_after_a_restart()
    {
        using var db = new TempDatabase();
        var folder = TestDeployment.Write(db.Folder, 1, FlowAssembly.Emit(TestDeployment.Name, new[] { ("/flows/review.bpmn", Bpmn) }, Array.Empty<string>()));
        string id;
        using (var store = new SqliteInstanceStore(db.File))
        {
            var engine = new FlowEngine(new DeploymentRegistry(), store);
            await engine.DeployAsync(new[] { folder });
            var started = await engine.StartAsync("review", """{"people": ["ann", "bob"]}""");
            id = started.Id;
            await engine.CompleteAsync(id, "Ask", """{"note": "yes"}""");
            Assert.Contains("\"LoopCounter\":1", (await store.LoadAsync(id))!.StateJson, StringComparison.Ordinal);
        }

        using (var store = new SqliteInstanceStore(db.File))
        {
            var engine = new FlowEngine(new DeploymentRegistry(), store);
            await engine.DeployAsync(new[] { folder });
            Assert.Equal(new[] { "Ask" }, (await engine.GetAsync(id))!.WaitingAt);

            var done = await engine.CompleteAsync(id, "Ask", """{"note": "no"}""");

            Assert.Equal(InstanceStatus.Completed, done.Status);
            Assert.Contains("\"notes\":[\"ann:yes\",\"bob:no\"]", done.DataJson, StringComparison.Ordinal);
        }
    }
}
