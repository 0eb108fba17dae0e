using Flow.Execution.Tests.Infrastructure;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests.InputOutput;

/// <summary>
/// camunda:inputOutput on multi-instance and looped wait states (token engine: they wait): the
/// inputs are evaluated per element when it starts to wait, with its loop variables in scope,
/// saved with the loop by element index (through the instance's JSON), and the outputs are
/// written when that element completes.
/// </summary>
public class LoopedWaitStateInputOutputTests
{
    private const string Camunda = "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\"";

    private const string Parameters = """
                  <camunda:inputParameter name="label" flow:type="string">${approver + "#" + loopCounter + "/" + nrOfInstances}</camunda:inputParameter>
                  <camunda:inputParameter name="seen">${tally}</camunda:inputParameter>
                  <camunda:outputParameter name="tally">${seen + label + "=" + vote + ";"}</camunda:outputParameter>
        """;

    private static string Approvals(string loop, string parameters = Parameters) => Process($"""
            <bpmn:startEvent id="Start" />
            <bpmn:userTask id="Approve">
              <bpmn:extensionElements>
                <flow:output name="vote" type="int" />
                <camunda:inputOutput {Camunda}>
        {parameters}
                </camunda:inputOutput>
              </bpmn:extensionElements>
              {loop}
            </bpmn:userTask>
            <bpmn:endEvent id="End" />
        {Seq("F1", "Start", "Approve")}
        {Seq("F2", "Approve", "End")}
        """, Variable("approvers", "string[]") + Variable("vote", "int") + Variable("tally", "string"));

    private static string MultiInstance(bool sequential, string completion = "") =>
        $"<bpmn:multiInstanceLoopCharacteristics isSequential=\"{(sequential ? "true" : "false")}\" {Camunda} camunda:collection=\"approvers\" camunda:elementVariable=\"approver\">{completion}</bpmn:multiInstanceLoopCharacteristics>";

    private static Task Complete(IFlowInstance instance, int index, int vote) =>
        instance.CompleteElementWithJsonAsync("Approve", index, "{\"vote\": " + vote + "}").AsTask();

    /// <summary>Every element of a parallel multi-instance evaluates its inputs when they all start to wait; each writes its outputs with its own inputs when completed, in any order, across a JSON round trip.</summary>
    [Fact]
    public async Task Parallel_elements_keep_their_own_inputs_through_a_JSON_round_trip_and_write_outputs_per_completion()
    {
        var flow = TestFlow.Build(Approvals(MultiInstance(sequential: false)), Array.Empty<string>());
        var instance = await flow.StartAsync(("approvers", new[] { "ann", "bob", "cy" }), ("tally", ">"));
        Assert.Equal(new[] { 0, 1, 2 }, instance.WaitingElements("Approve"));

        await Complete(instance, 2, 7);
        Assert.Equal(">cy#2/3=7;", TestFlow.Get<string>(instance, "tally"));
        var json = instance.ToJson();
        Assert.Contains("\"Inputs\":{\"0\":", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"2\":", json, StringComparison.Ordinal); // the completed element's inputs are gone

        var resumed = flow.NewProcess().ResumeFromJson(json);
        Assert.Equal(json, resumed.ToJson());
        await Complete(resumed, 0, 5);
        await Complete(resumed, 1, 6);

        Assert.Equal(InstanceStatus.Completed, resumed.Status);
        Assert.Equal(">bob#1/3=6;", TestFlow.Get<string>(resumed, "tally")); // seen was ">" for every element: all were evaluated at the start
    }

    /// <summary>A sequential multi-instance evaluates the next element's inputs when it starts to wait, after the previous one's outputs.</summary>
    [Fact]
    public async Task Sequential_elements_evaluate_their_inputs_when_each_starts_to_wait()
    {
        var flow = TestFlow.Build(Approvals(MultiInstance(sequential: true)), Array.Empty<string>());
        var instance = await flow.StartAsync(("approvers", new[] { "ann", "bob" }), ("tally", ">"));

        await Complete(instance, 0, 1);
        var resumed = flow.NewProcess().ResumeFromJson(instance.ToJson());
        await Complete(resumed, 1, 2);

        Assert.Equal(InstanceStatus.Completed, resumed.Status);
        Assert.Equal(">ann#0/2=1;bob#1/2=2;", TestFlow.Get<string>(resumed, "tally"));
    }

    /// <summary>A completion condition withdraws the elements still waiting; their inputs go with them (no outputs, nothing left in the state).</summary>
    [Fact]
    public async Task A_completion_condition_drops_the_inputs_of_the_withdrawn_elements()
    {
        var flow = TestFlow.Build(Approvals(MultiInstance(sequential: false, "<bpmn:completionCondition>${nrOfCompletedInstances >= 1}</bpmn:completionCondition>")), Array.Empty<string>());
        var instance = await flow.StartAsync(("approvers", new[] { "ann", "bob", "cy" }), ("tally", ">"));

        await Complete(instance, 1, 4);

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(">bob#1/3=4;", TestFlow.Get<string>(instance, "tally"));
        Assert.DoesNotContain("\"Inputs\"", instance.ToJson(), StringComparison.Ordinal);
    }

    /// <summary>A standard-loop user task evaluates its inputs per iteration, with loopCounter in scope.</summary>
    [Fact]
    public async Task A_standard_loop_wait_state_evaluates_its_inputs_per_iteration()
    {
        var flow = TestFlow.Build(
            Approvals("<bpmn:standardLoopCharacteristics loopMaximum=\"3\"><bpmn:loopCondition>${true}</bpmn:loopCondition></bpmn:standardLoopCharacteristics>", """
                  <camunda:inputParameter name="round">${loopCounter}</camunda:inputParameter>
                  <camunda:outputParameter name="tally">${tally + round + ":" + vote + ";"}</camunda:outputParameter>
        """),
            Array.Empty<string>());
        var instance = await flow.StartAsync(("approvers", Array.Empty<string>()), ("tally", ""));

        await Complete(instance, 0, 5);
        await Complete(instance, 1, 6);
        Assert.Contains("\"Inputs\":{\"2\":", instance.ToJson(), StringComparison.Ordinal);
        await Complete(instance, 2, 7);

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal("0:5;1:6;2:7;", TestFlow.Get<string>(instance, "tally"));
    }
}
