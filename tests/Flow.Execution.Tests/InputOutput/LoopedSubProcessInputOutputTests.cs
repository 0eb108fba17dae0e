using Flow.Execution.Tests.Infrastructure;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests.InputOutput;

/// <summary>
/// camunda:inputOutput on multi-instance and looped sub-processes, as Camunda runs it: the inputs
/// are evaluated per element when it starts (its loop variables and element variable in scope),
/// are local variables of that element's scope (seen by everything inside it), are kept by element
/// index in the loop's state while the element waits (through the instance's JSON), and the
/// outputs are written when that element completes.
/// </summary>
public class LoopedSubProcessInputOutputTests
{
    private const string Camunda = "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\"";

    private static string Reviews(string loop, string inside, string insideFlows) => Process($$"""
            <bpmn:startEvent id="Start" />
            <bpmn:subProcess id="Review">
              <bpmn:extensionElements>
                <camunda:inputOutput {{Camunda}}>
                  <camunda:inputParameter name="label" flow:type="string">${reviewer + "#" + loopCounter + "/" + nrOfInstances}</camunda:inputParameter>
                  <camunda:inputParameter name="seen">${tally}</camunda:inputParameter>
                  <camunda:outputParameter name="tally">${tally + label + ";"}</camunda:outputParameter>
                </camunda:inputOutput>
              </bpmn:extensionElements>
              {{loop}}
              <bpmn:startEvent id="SubStart" />
              <bpmn:scriptTask id="Note" scriptFormat="csharp"><bpmn:script>log.Add("in " + label + " seen " + seen);</bpmn:script></bpmn:scriptTask>
        {{inside}}
              <bpmn:endEvent id="SubEnd" />
              <bpmn:sequenceFlow id="S1" sourceRef="SubStart" targetRef="Note" />
        {{insideFlows}}
            </bpmn:subProcess>
            <bpmn:endEvent id="End" />
        {{Seq("F1", "Start", "Review")}}
        {{Seq("F2", "Review", "End")}}
        """, Variable("reviewers", "string[]") + Variable("tally", "string") + Variable("ok", "bool"));

    private static string MultiInstance(bool sequential) =>
        $"<bpmn:multiInstanceLoopCharacteristics isSequential=\"{(sequential ? "true" : "false")}\" {Camunda} camunda:collection=\"reviewers\" camunda:elementVariable=\"reviewer\" />";

    private const string Straight = """<bpmn:sequenceFlow id="S2" sourceRef="Note" targetRef="SubEnd" />""";

    private const string Check = """<bpmn:userTask id="Check"><bpmn:extensionElements><flow:output name="ok" type="bool" /></bpmn:extensionElements></bpmn:userTask>""";

    private const string CheckFlows = """
        <bpmn:sequenceFlow id="S2" sourceRef="Note" targetRef="Check" />
        <bpmn:sequenceFlow id="S3" sourceRef="Check" targetRef="SubEnd"><bpmn:conditionExpression>${ok &amp;&amp; label.StartsWith(reviewer)}</bpmn:conditionExpression></bpmn:sequenceFlow>
        """;

    /// <summary>A sequential multi-instance: each element evaluates its inputs when it starts (after the previous one's outputs), sees them inside, and writes its outputs when it ends.</summary>
    [Fact]
    public async Task Sequential_elements_evaluate_their_inputs_in_turn_and_write_outputs_per_element()
    {
        var flow = TestFlow.Build(Reviews(MultiInstance(sequential: true), "", Straight), Array.Empty<string>());

        var instance = await flow.StartAsync(("reviewers", new[] { "ann", "bob" }), ("tally", ">"));

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "in ann#0/2 seen >", "in bob#1/2 seen >ann#0/2;" }, TestFlow.Log(instance));
        Assert.Equal(">ann#0/2;bob#1/2;", TestFlow.Get<string>(instance, "tally"));
    }

    /// <summary>A standard loop: the loop counter is in scope of its inputs too.</summary>
    [Fact]
    public async Task A_standard_loop_evaluates_its_inputs_per_iteration()
    {
        var loop = """<bpmn:standardLoopCharacteristics><bpmn:loopCondition>${tally.Length &lt; 5}</bpmn:loopCondition></bpmn:standardLoopCharacteristics>""";
        var flow = TestFlow.Build(Reviews(loop, "", Straight).Replace("${reviewer + \"#\" + loopCounter + \"/\" + nrOfInstances}", "${\"x\" + loopCounter}", StringComparison.Ordinal), Array.Empty<string>());

        var instance = await flow.StartAsync(("reviewers", new[] { "ann" }), ("tally", ">"));

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "in x0 seen >", "in x1 seen >x0;" }, TestFlow.Log(instance));
        Assert.Equal(">x0;x1;", TestFlow.Get<string>(instance, "tally"));
    }

    /// <summary>Parallel elements waiting inside: each keeps its own inputs (in the loop's state, through a JSON round trip), and the flow condition inside sees them.</summary>
    [Fact]
    public async Task Parallel_elements_keep_their_own_scope_inputs_through_a_JSON_round_trip()
    {
        var flow = TestFlow.Build(Reviews(MultiInstance(sequential: false), Check, CheckFlows), Array.Empty<string>());
        var instance = await flow.StartAsync(("reviewers", new[] { "ann", "bob", "cy" }), ("tally", ">"));
        Assert.Equal(InstanceStatus.Waiting, instance.Status);
        Assert.Equal(new[] { "in ann#0/3 seen >", "in bob#1/3 seen >", "in cy#2/3 seen >" }, TestFlow.Log(instance));

        await instance.CompleteElementWithJsonAsync("Check", 2, "{\"ok\": true}");
        Assert.Equal(">cy#2/3;", TestFlow.Get<string>(instance, "tally"));
        var json = instance.ToJson();
        Assert.Contains("\"Inputs\":{\"0\":", json, StringComparison.Ordinal);
        Assert.DoesNotContain("cy#2/3\\u0022", json, StringComparison.Ordinal); // the completed element's inputs are gone

        var resumed = flow.NewProcess().ResumeFromJson(json);
        Assert.Equal(json, resumed.ToJson());
        await resumed.CompleteElementWithJsonAsync("Check", 0, "{\"ok\": true}");
        await resumed.CompleteElementWithJsonAsync("Check", 1, "{\"ok\": true}");

        Assert.Equal(InstanceStatus.Completed, resumed.Status);
        Assert.Equal(">cy#2/3;ann#0/3;bob#1/3;", TestFlow.Get<string>(resumed, "tally"));
        Assert.DoesNotContain("\"Inputs\"", resumed.ToJson(), StringComparison.Ordinal);
    }
}
