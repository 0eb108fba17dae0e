using Flow.Deployment;
using Flow.Engine;
using Flow.Execution.Tests.Infrastructure;
using Flow.Instances;

namespace Flow.Runtime.Sqlite.Tests;

/// <summary>
/// camunda:inputOutput: the inputs of a sub-process an instance waits in (saved with the token at
/// the sub-process) and of a sequential multi-instance user task's element (saved with the loop) survive a
/// SQLite save and an engine restart, and the outputs see them afterwards.
/// </summary>
public class ScopeInputsRestartTests
{
    private const string Bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flow="http://flow-generators.dev/schema/bpmn"
                          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs">
          <bpmn:process id="scoped" isExecutable="true">
            <bpmn:extensionElements>
              <flow:variable name="people" type="string[]" />
              <flow:variable name="amount" type="int" />
              <flow:variable name="vote" type="int" />
              <flow:variable name="tally" type="string" />
            </bpmn:extensionElements>
            <bpmn:startEvent id="S" />
            <bpmn:subProcess id="Review">
              <bpmn:extensionElements>
                <camunda:inputOutput>
                  <camunda:inputParameter name="amount">${amount * 10}</camunda:inputParameter>
                  <camunda:outputParameter name="tally">${tally + "|" + amount}</camunda:outputParameter>
                </camunda:inputOutput>
              </bpmn:extensionElements>
              <bpmn:startEvent id="IS" />
              <bpmn:userTask id="Ask">
                <bpmn:extensionElements>
                  <flow:output name="vote" type="int" />
                  <camunda:inputOutput>
                    <camunda:inputParameter name="label" flow:type="string">${person + "@" + amount}</camunda:inputParameter>
                    <camunda:outputParameter name="tally">${tally + label + "=" + vote + ";"}</camunda:outputParameter>
                  </camunda:inputOutput>
                </bpmn:extensionElements>
                <bpmn:multiInstanceLoopCharacteristics isSequential="true" camunda:collection="people" camunda:elementVariable="person" />
              </bpmn:userTask>
              <bpmn:endEvent id="IE" />
              <bpmn:sequenceFlow id="I1" sourceRef="IS" targetRef="Ask" />
              <bpmn:sequenceFlow id="I2" sourceRef="Ask" targetRef="IE" />
            </bpmn:subProcess>
            <bpmn:endEvent id="E" />
            <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="Review" />
            <bpmn:sequenceFlow id="F2" sourceRef="Review" targetRef="E" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public async Task Scope_and_element_inputs_survive_a_restart_on_a_SQLite_file()
    {
        using var db = new TempDatabase();
        var folder = TestDeployment.Write(db.Folder, 1, FlowAssembly.Emit(TestDeployment.Name, new[] { ("/flows/scoped.bpmn", Bpmn) }, Array.Empty<string>()));
        string id;
        using (var store = new SqliteInstanceStore(db.File))
        {
            var engine = new FlowEngine(new DeploymentRegistry(), store);
            await engine.DeployAsync(new[] { folder });
            var started = await engine.StartAsync("scoped", """{"people": ["ann", "bob"], "amount": 2, "tally": ""}""");
            id = started.Id;
            var state = (await store.LoadAsync(id))!.StateJson;
            Assert.Contains("\"Inputs\":\"{\\u0022amount\\u0022:20}\"", state, StringComparison.Ordinal);
            Assert.Contains("\"Inputs\":{\"0\":", state, StringComparison.Ordinal);
        }

        using (var store = new SqliteInstanceStore(db.File))
        {
            var engine = new FlowEngine(new DeploymentRegistry(), store);
            await engine.DeployAsync(new[] { folder });
            await engine.CompleteAsync(id, "Ask", """{"vote": 5}""");
            var done = await engine.CompleteAsync(id, "Ask", """{"vote": 7}""");

            Assert.Equal(InstanceStatus.Completed, done.Status);
            Assert.Contains("\"amount\":2", done.DataJson, StringComparison.Ordinal);
            Assert.Contains("\"tally\":\"ann@20=5;bob@20=7;|20\"", done.DataJson, StringComparison.Ordinal);
        }
    }
}
