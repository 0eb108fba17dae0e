using Flow.Execution.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests.InputOutput;

/// <summary>
/// Timer expressions, conditional event conditions and loop expressions inside a sub-process see its
/// input parameters, which hide the process variables of their names (they were FLOW1247): each test
/// gives the input a value other than the process variable's, so the outcome tells which one was
/// read. After a JSON round trip while waiting, the inputs come back from the saved state (the tests
/// then change the process variables the inputs were computed from: a re-evaluation would differ).
/// </summary>
public class ScopeInputVisibilityTests
{
    private const string Camunda = "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\"";

    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Start → Sub (inputs; inside: SubStart → <paramref name="inside"/> … → SubEnd) → End.</summary>
    private static string InSub(string inputs, string inside, string variables) => Process($$"""
            <bpmn:startEvent id="Start" />
            <bpmn:subProcess id="Sub">
              <bpmn:extensionElements>
                <camunda:inputOutput {{Camunda}}>
        {{inputs}}
                </camunda:inputOutput>
              </bpmn:extensionElements>
              <bpmn:startEvent id="SubStart" />
        {{inside}}
              <bpmn:endEvent id="SubEnd" />
            </bpmn:subProcess>
            <bpmn:endEvent id="End" />
        {{Seq("F1", "Start", "Sub")}}
        {{Seq("F2", "Sub", "End")}}
        """, variables);

    private static string Input(string name, string value) => $"""<camunda:inputParameter name="{name}">{value}</camunda:inputParameter>""";

    private static void Set(IFlowInstance instance, string name, object? value) => instance.Data.GetType().GetProperty(name)!.SetValue(instance.Data, value);

    private static TestFlow OnClock(TestFlow flow)
    {
        flow.Process.Clock = new FakeTimeProvider(T0);
        return flow;
    }

    /// <summary>A timer catch whose duration is the scope's input (10 minutes), not the process variable (5).</summary>
    [Fact]
    public async Task A_timer_catch_takes_its_duration_from_the_scope_input_and_the_script_after_it_still_sees_it_after_a_round_trip()
    {
        var flow = OnClock(TestFlow.Build(InSub(
            Input("minutes", "${minutes * 2}"),
            """
                  <bpmn:intermediateCatchEvent id="Wait"><bpmn:timerEventDefinition><bpmn:timeDuration>${System.TimeSpan.FromMinutes(minutes)}</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
                  <bpmn:scriptTask id="Note" scriptFormat="csharp"><bpmn:script>log.Add("after " + minutes);</bpmn:script></bpmn:scriptTask>
                  <bpmn:sequenceFlow id="S1" sourceRef="SubStart" targetRef="Wait" />
                  <bpmn:sequenceFlow id="S2" sourceRef="Wait" targetRef="Note" />
                  <bpmn:sequenceFlow id="S3" sourceRef="Note" targetRef="SubEnd" />
            """,
            Variable("minutes", "int")), Array.Empty<string>()));

        var instance = await flow.StartAsync(("minutes", 5));

        Assert.Equal(T0.AddMinutes(10), Assert.Single(instance.Timers).DueAt);
        var resumed = flow.NewProcess().ResumeFromJson(instance.ToJson());
        Set(resumed, "minutes", 1);
        Assert.True(await resumed.FireTimerAsync(Assert.Single(resumed.Timers).JobId));
        Assert.Equal(InstanceStatus.Completed, resumed.Status);
        Assert.Equal(new[] { "after 10" }, TestFlow.Log(resumed));
    }

    /// <summary>
    /// A non-interrupting cycle on a user task inside the scope: the first occurrence and, after a
    /// round trip and a changed process variable, the next one both come from the saved input.
    /// </summary>
    [Fact]
    public async Task A_boundary_timer_cycle_from_a_scope_input_schedules_its_next_occurrence_from_the_saved_input_after_a_round_trip()
    {
        var flow = OnClock(TestFlow.Build(InSub(
            Input("minutes", "${minutes * 2}"),
            """
                  <bpmn:userTask id="Review" />
                  <bpmn:boundaryEvent id="Remind" attachedToRef="Review" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeCycle>${"R3/PT" + minutes + "M"}</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:boundaryEvent>
                  <bpmn:scriptTask id="Note" scriptFormat="csharp"><bpmn:script>log.Add("remind " + minutes);</bpmn:script></bpmn:scriptTask>
                  <bpmn:endEvent id="Reminded" />
                  <bpmn:sequenceFlow id="S1" sourceRef="SubStart" targetRef="Review" />
                  <bpmn:sequenceFlow id="S2" sourceRef="Review" targetRef="SubEnd" />
                  <bpmn:sequenceFlow id="S3" sourceRef="Remind" targetRef="Note" />
                  <bpmn:sequenceFlow id="S4" sourceRef="Note" targetRef="Reminded" />
            """,
            Variable("minutes", "int")), Array.Empty<string>()));

        var instance = await flow.StartAsync(("minutes", 5));
        Assert.Equal(T0.AddMinutes(10), Assert.Single(instance.Timers).DueAt);

        var process = flow.NewProcess();
        process.Clock = flow.Process.Clock;   // on the system clock the cycle would be long past: missed occurrences are skipped (TimerMisfire)
        var resumed = process.ResumeFromJson(instance.ToJson());
        Set(resumed, "minutes", 1);
        Assert.True(await resumed.FireTimerAsync(Assert.Single(resumed.Timers).JobId));

        Assert.Equal(new[] { "remind 10" }, TestFlow.Log(resumed));
        Assert.Equal(T0.AddMinutes(20), Assert.Single(resumed.Timers).DueAt);
        await resumed.CompleteAsync("Review");
        Assert.Equal(InstanceStatus.Completed, resumed.Status);
    }

    /// <summary>Inside: SubStart → Fork → (Bump: user task with outputs count and limit → SubEnd) and (Cond: conditional catch → Note → Noted).</summary>
    private static string ConditionalInside(string condition) => $"""
                  <bpmn:parallelGateway id="Fork" />
                  <bpmn:userTask id="Bump"><bpmn:extensionElements><flow:output name="count" type="int" /><flow:output name="limit" type="int" /></bpmn:extensionElements></bpmn:userTask>
                  <bpmn:intermediateCatchEvent id="Cond"><bpmn:conditionalEventDefinition><bpmn:condition>{condition}</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:intermediateCatchEvent>
                  <bpmn:scriptTask id="Note" scriptFormat="csharp"><bpmn:script>log.Add("held " + count + " &gt; " + limit);</bpmn:script></bpmn:scriptTask>
                  <bpmn:endEvent id="Noted" />
                  <bpmn:sequenceFlow id="S1" sourceRef="SubStart" targetRef="Fork" />
                  <bpmn:sequenceFlow id="S2" sourceRef="Fork" targetRef="Bump" />
                  <bpmn:sequenceFlow id="S3" sourceRef="Bump" targetRef="SubEnd" />
                  <bpmn:sequenceFlow id="S4" sourceRef="Fork" targetRef="Cond" />
                  <bpmn:sequenceFlow id="S5" sourceRef="Cond" targetRef="Note" />
                  <bpmn:sequenceFlow id="S6" sourceRef="Note" targetRef="Noted" />
        """;

    /// <summary>
    /// The condition reads the input limit (10), not the process variable (0: it would hold at once);
    /// re-evaluated after a round trip when the data changes, it still reads the saved input (not
    /// 100 + 10 re-evaluated, nor the process variable 100).
    /// </summary>
    [Fact]
    public async Task A_conditional_catch_reads_the_scope_input_and_after_a_round_trip_the_saved_one()
    {
        var flow = TestFlow.Build(InSub(Input("limit", "${limit + 10}"), ConditionalInside("${count &gt; limit}"), Variable("count", "int") + Variable("limit", "int")), Array.Empty<string>());

        var instance = await flow.StartAsync(("count", 5), ("limit", 0));
        Assert.Equal(InstanceStatus.Waiting, instance.Status);
        Assert.Empty(TestFlow.Log(instance));   // 5 > 10 does not hold (5 > 0 would have)

        var resumed = flow.NewProcess().ResumeFromJson(instance.ToJson());
        await resumed.CompleteWithJsonAsync("Bump", "{\"count\": 11, \"limit\": 100}");

        Assert.Equal(new[] { "held 11 > 10" }, TestFlow.Log(resumed));
        Assert.Equal(InstanceStatus.Completed, resumed.Status);
    }

    /// <summary>
    /// The conditional start of an event sub-process of the scope reads the scope's input (limit 10,
    /// not the process variable 0, which would start it at once), from the saved state after a round
    /// trip (not 100 + 10 re-evaluated, nor the process variable 100).
    /// </summary>
    [Fact]
    public async Task A_conditional_event_sub_process_start_in_the_scope_reads_its_saved_input()
    {
        var flow = TestFlow.Build(InSub(
            Input("limit", "${limit + 10}"),
            """
                  <bpmn:userTask id="Bump"><bpmn:extensionElements><flow:output name="count" type="int" /><flow:output name="limit" type="int" /></bpmn:extensionElements></bpmn:userTask>
                  <bpmn:userTask id="Hold" />
                  <bpmn:sequenceFlow id="S1" sourceRef="SubStart" targetRef="Bump" />
                  <bpmn:sequenceFlow id="S2" sourceRef="Bump" targetRef="Hold" />
                  <bpmn:sequenceFlow id="S3" sourceRef="Hold" targetRef="SubEnd" />
                  <bpmn:subProcess id="Watch" triggeredByEvent="true">
                    <bpmn:startEvent id="WatchStart"><bpmn:conditionalEventDefinition><bpmn:condition>${count &gt; limit}</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:startEvent>
                    <bpmn:scriptTask id="Note" scriptFormat="csharp"><bpmn:script>log.Add("watch " + count + " &gt; " + limit);</bpmn:script></bpmn:scriptTask>
                    <bpmn:endEvent id="WatchEnd" />
                    <bpmn:sequenceFlow id="W1" sourceRef="WatchStart" targetRef="Note" />
                    <bpmn:sequenceFlow id="W2" sourceRef="Note" targetRef="WatchEnd" />
                  </bpmn:subProcess>
            """,
            Variable("count", "int") + Variable("limit", "int")), Array.Empty<string>());

        var instance = await flow.StartAsync(("count", 5), ("limit", 0));
        Assert.Equal(new[] { "Bump" }, instance.WaitingAt);
        Assert.Empty(TestFlow.Log(instance));

        var resumed = flow.NewProcess().ResumeFromJson(instance.ToJson());
        await resumed.CompleteWithJsonAsync("Bump", "{\"count\": 11, \"limit\": 100}");

        Assert.Equal(new[] { "watch 11 > 10" }, TestFlow.Log(resumed));
        Assert.Equal(InstanceStatus.Completed, resumed.Status);   // interrupting: Hold was cancelled
    }

    /// <summary>
    /// Inside: SubStart → Each (a parallel multi-instance user task: collection, completion condition
    /// and output element over the scope's inputs) → SubEnd.
    /// </summary>
    private static string MultiInstanceInside(string characteristics) => $"""
                  <bpmn:userTask id="Each">
                    <bpmn:multiInstanceLoopCharacteristics {Camunda} {characteristics}
                  </bpmn:userTask>
                  <bpmn:sequenceFlow id="S1" sourceRef="SubStart" targetRef="Each" />
                  <bpmn:sequenceFlow id="S2" sourceRef="Each" targetRef="SubEnd" />
        """;

    /// <summary>The loopCardinality is the scope's input (3), not the process variable (1).</summary>
    [Fact]
    public async Task A_multi_instance_cardinality_comes_from_the_scope_input()
    {
        var flow = TestFlow.Build(
            InSub(Input("count", "${count + 2}"), MultiInstanceInside("><bpmn:loopCardinality>${count}</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>"), Variable("count", "int")),
            Array.Empty<string>());

        var instance = await flow.StartAsync(("count", 1));

        Assert.Equal(new[] { 0, 1, 2 }, instance.WaitingElements("Each"));
    }

    /// <summary>
    /// The collection (["a", "b", "c"]) and the completion condition's threshold (1) are the scope's
    /// inputs, not the process variables (["p"], 5); after a round trip and changed process variables
    /// the element, the output element and the completion condition read the saved inputs.
    /// </summary>
    [Fact]
    public async Task A_multi_instance_collection_completion_condition_and_output_element_read_the_scope_inputs_after_a_round_trip()
    {
        var flow = TestFlow.Build(
            InSub(
                Input("names", "${new[] { \"a\", \"b\", \"c\" }}") + Input("enough", "${enough - 4}"),
                MultiInstanceInside("camunda:collection=\"${names}\" camunda:elementVariable=\"name\" flow:outputCollection=\"results\" flow:outputElement=\"${name + &quot;:&quot; + enough}\"><bpmn:completionCondition>${nrOfCompletedInstances &gt;= enough}</bpmn:completionCondition></bpmn:multiInstanceLoopCharacteristics>"),
                Variable("names", "string[]") + Variable("enough", "int") + Variable("results", "System.Collections.Generic.List&lt;string&gt;")),
            Array.Empty<string>());

        var instance = await flow.StartAsync(("names", new[] { "p" }), ("enough", 5));
        Assert.Equal(new[] { 0, 1, 2 }, instance.WaitingElements("Each"));

        var resumed = flow.NewProcess().ResumeFromJson(instance.ToJson());
        Set(resumed, "names", new[] { "q", "r", "s", "t" });
        Set(resumed, "enough", 50);
        await resumed.CompleteElementWithJsonAsync("Each", 1, null);

        Assert.Equal(InstanceStatus.Completed, resumed.Status);   // 1 completed >= enough (1)
        Assert.Equal(new[] { "b:1" }, TestFlow.Get<List<string>>(resumed, "results").Where(r => r is not null));
    }

    /// <summary>
    /// A standard loop on a user task inside the scope: its loopCondition reads the input (3
    /// iterations), not the process variable (1, then 100 after the round trip).
    /// </summary>
    [Fact]
    public async Task A_loop_condition_reads_the_scope_input_through_round_trips()
    {
        var flow = TestFlow.Build(
            InSub(
                Input("times", "${times + 2}"),
                """
                  <bpmn:userTask id="Again"><bpmn:standardLoopCharacteristics loopMaximum="10"><bpmn:loopCondition>${loopCounter &lt; times}</bpmn:loopCondition></bpmn:standardLoopCharacteristics></bpmn:userTask>
                  <bpmn:sequenceFlow id="S1" sourceRef="SubStart" targetRef="Again" />
                  <bpmn:sequenceFlow id="S2" sourceRef="Again" targetRef="SubEnd" />
            """,
                Variable("times", "int")),
            Array.Empty<string>());

        var instance = await flow.StartAsync(("times", 1));
        var rounds = 0;
        while (instance.Status == InstanceStatus.Waiting && rounds < 20)
        {
            instance = flow.NewProcess().ResumeFromJson(instance.ToJson());
            Set(instance, "times", 100);
            await instance.CompleteAsync("Again");
            rounds++;
        }

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(3, rounds);
    }
}
