using Flow.Execution.Tests.Deployment;
using Flow.Execution.Tests.Infrastructure;
using Flow.Instances;

namespace Flow.Execution.Tests.InputOutput;

/// <summary>
/// camunda:inputOutput on a call activity (token engine: a call waits), as Camunda runs it: the
/// input parameters are evaluated before the camunda:in mappings, which see them (a local hides
/// the process variable of its name, in a source as in a sourceExpression); they are saved with
/// the waiting token; the output parameters are written after the camunda:out mappings.
/// </summary>
public class CallActivityInputOutputTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private const string Head = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flow="http://flow-generators.dev/schema/bpmn"
                          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs">
        """;

    private const string Leaf = Head + """
          <bpmn:process id="leaf" isExecutable="true">
            <bpmn:extensionElements>
              <flow:variable name="total" type="int" />
              <flow:variable name="given" type="int" />
              <flow:variable name="result" type="string" />
            </bpmn:extensionElements>
            <bpmn:startEvent id="S" />
            <bpmn:userTask id="Approve"><bpmn:extensionElements><flow:output name="result" type="string" /></bpmn:extensionElements></bpmn:userTask>
            <bpmn:endEvent id="E" />
            <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="Approve" />
            <bpmn:sequenceFlow id="F2" sourceRef="Approve" targetRef="E" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private const string Parent = Head + """
          <bpmn:process id="parent" isExecutable="true">
            <bpmn:extensionElements>
              <flow:variable name="amount" type="int" />
              <flow:variable name="outcome" type="string" />
              <flow:variable name="summary" type="string" />
            </bpmn:extensionElements>
            <bpmn:startEvent id="S" />
            <bpmn:callActivity id="Call" calledElement="leaf">
              <bpmn:extensionElements>
                <camunda:inputOutput>
                  <camunda:inputParameter name="amount">${amount + 100}</camunda:inputParameter>
                  <camunda:inputParameter name="factor">${2}</camunda:inputParameter>
                  <camunda:outputParameter name="summary">${outcome + "/" + amount + "/" + factor}</camunda:outputParameter>
                </camunda:inputOutput>
                <camunda:in sourceExpression="${amount * factor}" target="total" />
                <camunda:in source="amount" target="given" />
                <camunda:out source="result" target="outcome" />
              </bpmn:extensionElements>
            </bpmn:callActivity>
            <bpmn:endEvent id="E" />
            <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="Call" />
            <bpmn:sequenceFlow id="F2" sourceRef="Call" targetRef="E" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public async Task The_in_mappings_see_the_inputs_and_the_outputs_see_what_the_out_mappings_wrote()
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, FlowAssembly.Emit(TestDeployment.Name, new[] { ("/flows/parent.bpmn", Parent), ("/flows/leaf.bpmn", Leaf) }, Array.Empty<string>())));

        var parent = await fx.Engine.StartAsync("parent", """{"amount": 21}""").WaitAsync(Timeout);

        Assert.Equal(new[] { "Call" }, parent.WaitingAt);
        var stored = Assert.Single(await fx.Engine.QueryAsync(new InstanceQuery(ProcessKey: "parent")));
        Assert.Contains("\"Inputs\":\"{\\u0022amount\\u0022:121,\\u0022factor\\u0022:2}\"", stored.StateJson, StringComparison.Ordinal);
        var leaf = Assert.Single(await fx.Engine.QueryAsync(new InstanceQuery(ProcessKey: "leaf")));
        var leafData = (await fx.Engine.GetAsync(leaf.Id))!.DataJson;
        Assert.Contains("\"total\":242", leafData, StringComparison.Ordinal);  // (21 + 100) * 2: the local amount and factor
        Assert.Contains("\"given\":121", leafData, StringComparison.Ordinal);  // source="amount" read the local, not the process variable

        await fx.Engine.CompleteAsync(leaf.Id, "Approve", """{"result": "approved"}""").WaitAsync(Timeout);

        var done = (await fx.Engine.GetAsync(parent.Id))!;
        Assert.Equal(InstanceStatus.Completed, done.Status);
        Assert.Contains("\"amount\":21", done.DataJson, StringComparison.Ordinal);   // the process variable kept its value
        Assert.Contains("\"summary\":\"approved/121/2\"", done.DataJson, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Inputs\"", Assert.Single(await fx.Engine.QueryAsync(new InstanceQuery(ProcessKey: "parent"))).StateJson, StringComparison.Ordinal);
    }
}
