using Flow.Deployment;
using Flow.Engine;
using Flow.Execution.Tests.Infrastructure;
using Flow.Instances;

namespace Flow.Runtime.Sqlite.Tests;

/// <summary>An event sub-process inside the elements of a multi-instance sub-process keeps listening across a SQLite save and an engine restart (issue 13).</summary>
public class ElementEventSubProcessRestartTests
{
    private const string Bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flow="http://flow-generators.dev/schema/bpmn"
                          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs">
          <bpmn:message id="Msg" name="skip" />
          <bpmn:process id="review" isExecutable="true">
            <bpmn:extensionElements>
              <flow:variable name="people" type="string[]" />
              <flow:variable name="skipped" type="System.Collections.Generic.List&lt;string&gt;" />
            </bpmn:extensionElements>
            <bpmn:startEvent id="S" />
            <bpmn:subProcess id="Each">
              <bpmn:multiInstanceLoopCharacteristics isSequential="true" camunda:collection="people" camunda:elementVariable="person" />
              <bpmn:startEvent id="IS" />
              <bpmn:userTask id="Ask" />
              <bpmn:endEvent id="IE" />
              <bpmn:sequenceFlow id="I1" sourceRef="IS" targetRef="Ask" />
              <bpmn:sequenceFlow id="I2" sourceRef="Ask" targetRef="IE" />
              <bpmn:subProcess id="OnSkip" triggeredByEvent="true">
                <bpmn:startEvent id="SkipStart"><bpmn:messageEventDefinition messageRef="Msg" /></bpmn:startEvent>
                <bpmn:scriptTask id="Note" scriptFormat="csharp"><bpmn:script>skipped.Add(person);</bpmn:script></bpmn:scriptTask>
                <bpmn:endEvent id="SkipEnd" />
                <bpmn:sequenceFlow id="K1" sourceRef="SkipStart" targetRef="Note" />
                <bpmn:sequenceFlow id="K2" sourceRef="Note" targetRef="SkipEnd" />
              </bpmn:subProcess>
            </bpmn:subProcess>
            <bpmn:endEvent id="E" />
            <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="Each" />
            <bpmn:sequenceFlow id="F2" sourceRef="Each" targetRef="E" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public async Task A_message_after_a_restart_interrupts_the_current_element_only()
    {
        using var db = new TempDatabase();
        var folder = TestDeployment.Write(db.Folder, 1, FlowAssembly.Emit(TestDeployment.Name, new[] { ("/flows/review.bpmn", Bpmn) }, Array.Empty<string>()));
        string id;
        using (var store = new SqliteInstanceStore(db.File))
        {
            var engine = new FlowEngine(new DeploymentRegistry(), store);
            await engine.DeployAsync(new[] { folder });
            id = (await engine.StartAsync("review", """{"people": ["ann", "bob", "cy"], "skipped": []}""")).Id;
            await engine.CompleteAsync(id, "Ask");
            Assert.Contains("\"ScopeId\":", (await store.LoadAsync(id))!.StateJson, StringComparison.Ordinal);
        }

        using (var store = new SqliteInstanceStore(db.File))
        {
            var engine = new FlowEngine(new DeploymentRegistry(), store);
            await engine.DeployAsync(new[] { folder });

            var skipped = Assert.Single(await engine.CorrelateAsync("skip", null));

            Assert.Equal(InstanceStatus.Waiting, skipped.Status);
            Assert.Equal(new[] { "Ask" }, skipped.WaitingAt);
            Assert.Contains("\"skipped\":[\"bob\"]", skipped.DataJson, StringComparison.Ordinal);
            var done = await engine.CompleteAsync(id, "Ask");
            Assert.Equal(InstanceStatus.Completed, done.Status);
            Assert.Contains("\"skipped\":[\"bob\"]", done.DataJson, StringComparison.Ordinal);
        }
    }
}
