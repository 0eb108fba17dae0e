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

    /// <summary>A multi-instance call: each element evaluates its inputs with its loopCounter (kept by index in the loop's state), its in mappings see them, and its outputs are written after its out mappings when it completes.</summary>
    [Fact]
    public async Task A_multi_instance_call_evaluates_its_inputs_per_element_and_writes_outputs_per_completion()
    {
        var looped = Parent
            .Replace("${amount + 100}", "${amount + loopCounter}", StringComparison.Ordinal)
            .Replace("${2}", "${10}", StringComparison.Ordinal)
            .Replace("${outcome + \"/\" + amount + \"/\" + factor}", "${summary + outcome + amount + \";\"}", StringComparison.Ordinal)
            .Replace("</bpmn:callActivity>", "<bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>2</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics></bpmn:callActivity>", StringComparison.Ordinal);
        Assert.Contains("loopCardinality", looped, StringComparison.Ordinal);
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, FlowAssembly.Emit(TestDeployment.Name, new[] { ("/flows/parent.bpmn", looped), ("/flows/leaf.bpmn", Leaf) }, Array.Empty<string>())));

        var parent = await fx.Engine.StartAsync("parent", """{"amount": 21}""").WaitAsync(Timeout);

        Assert.Equal(new[] { "Call" }, parent.WaitingAt);
        var stored = Assert.Single(await fx.Engine.QueryAsync(new InstanceQuery(ProcessKey: "parent")));
        Assert.Contains("\"Inputs\":{\"0\":\"{\\u0022amount\\u0022:21,\\u0022factor\\u0022:10}\",\"1\":\"{\\u0022amount\\u0022:22,", stored.StateJson, StringComparison.Ordinal);
        var leaves = new Dictionary<string, string>();
        foreach (var leaf in await fx.Engine.QueryAsync(new InstanceQuery(ProcessKey: "leaf")))
        {
            leaves[leaf.Id] = (await fx.Engine.GetAsync(leaf.Id))!.DataJson;
        }

        Assert.Equal(2, leaves.Count);
        var second = leaves.Single(l => l.Value.Contains("\"given\":22", StringComparison.Ordinal));   // source="amount" read the element's local
        Assert.Contains("\"total\":220", second.Value, StringComparison.Ordinal);
        var first = leaves.Single(l => l.Value.Contains("\"given\":21", StringComparison.Ordinal));
        Assert.Contains("\"total\":210", first.Value, StringComparison.Ordinal);

        await fx.Engine.CompleteAsync(second.Key, "Approve", """{"result": "b"}""").WaitAsync(Timeout);
        Assert.Contains("\"summary\":\"b22;\"", (await fx.Engine.GetAsync(parent.Id))!.DataJson, StringComparison.Ordinal);
        await fx.Engine.CompleteAsync(first.Key, "Approve", """{"result": "a"}""").WaitAsync(Timeout);

        var done = (await fx.Engine.GetAsync(parent.Id))!;
        Assert.Equal(InstanceStatus.Completed, done.Status);
        Assert.Contains("\"amount\":21", done.DataJson, StringComparison.Ordinal);
        Assert.Contains("\"summary\":\"b22;a21;\"", done.DataJson, StringComparison.Ordinal);
    }

    private const string ScopedParent = Head + """
          <bpmn:process id="parent" isExecutable="true">
            <bpmn:extensionElements>
              <flow:variable name="amount" type="int" />
              <flow:variable name="outcome" type="string" />
              <flow:variable name="summary" type="string" />
            </bpmn:extensionElements>
            <bpmn:startEvent id="S" />
            <bpmn:subProcess id="Scope">
              <bpmn:extensionElements>
                <camunda:inputOutput>
                  <camunda:inputParameter name="offset" flow:type="int">${amount + 1000}</camunda:inputParameter>
                </camunda:inputOutput>
              </bpmn:extensionElements>
              <bpmn:startEvent id="SS" />
              <bpmn:callActivity id="Call" calledElement="leaf">
                <bpmn:extensionElements>
                  <camunda:inputOutput>
                    <camunda:inputParameter name="amount">${offset + 1}</camunda:inputParameter>
                    <camunda:outputParameter name="summary">${outcome + "/" + offset + "/" + amount}</camunda:outputParameter>
                  </camunda:inputOutput>
                  <camunda:in sourceExpression="${offset * 2}" target="total" />
                  <camunda:in source="amount" target="given" />
                  <camunda:out source="result" target="outcome" />
                </bpmn:extensionElements>
              </bpmn:callActivity>
              <bpmn:endEvent id="SE" />
              <bpmn:sequenceFlow id="I1" sourceRef="SS" targetRef="Call" />
              <bpmn:sequenceFlow id="I2" sourceRef="Call" targetRef="SE" />
            </bpmn:subProcess>
            <bpmn:endEvent id="E" />
            <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="Scope" />
            <bpmn:sequenceFlow id="F2" sourceRef="Scope" targetRef="E" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    /// <summary>A call inside a sub-process with inputs: its own inputs, its in mappings and its outputs see the scope's inputs.</summary>
    [Fact]
    public async Task A_call_inside_a_scope_sees_the_scope_inputs_in_its_parameters_and_in_mappings()
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, FlowAssembly.Emit(TestDeployment.Name, new[] { ("/flows/parent.bpmn", ScopedParent), ("/flows/leaf.bpmn", Leaf) }, Array.Empty<string>())));

        var parent = await fx.Engine.StartAsync("parent", """{"amount": 21}""").WaitAsync(Timeout);

        var leaf = Assert.Single(await fx.Engine.QueryAsync(new InstanceQuery(ProcessKey: "leaf")));
        var leafData = (await fx.Engine.GetAsync(leaf.Id))!.DataJson;
        Assert.Contains("\"total\":2042", leafData, StringComparison.Ordinal);  // (21 + 1000) * 2: the scope's offset
        Assert.Contains("\"given\":1022", leafData, StringComparison.Ordinal);  // the call's amount, from the scope's offset

        await fx.Engine.CompleteAsync(leaf.Id, "Approve", """{"result": "ok"}""").WaitAsync(Timeout);

        var done = (await fx.Engine.GetAsync(parent.Id))!;
        Assert.Equal(InstanceStatus.Completed, done.Status);
        Assert.Contains("\"summary\":\"ok/1021/1022\"", done.DataJson, StringComparison.Ordinal);
    }
}
