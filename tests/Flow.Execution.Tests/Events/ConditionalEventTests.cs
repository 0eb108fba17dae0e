using Flow.Execution.Tests.Infrastructure;
using static Flow.Execution.Tests.Events.EventBpmn;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests.Events;

/// <summary>
/// Conditional events (issue 12): a catch that passes at once or waits, boundary events on a
/// waiting user task, an event sub-process start; waiting conditions re-evaluated after each run
/// step (here: a user task on a parallel branch completes with an output that changes the data).
/// </summary>
public class ConditionalEventTests
{
    private const string Condition = "${amount &gt; 10}";

    /// <summary>A parallel branch of user tasks Set1..Set4, each with the output <c>amount</c>.</summary>
    private static string Setters(string fork) => string.Concat(Enumerable.Range(1, 4).Select(i => $"""
            <bpmn:userTask id="Set{i}"><bpmn:extensionElements><flow:output name="amount" type="int" /></bpmn:extensionElements></bpmn:userTask>

        """)) + $"""
            <bpmn:endEvent id="SetEnd" />
        {Seq("S1", fork, "Set1")}
        {Seq("S2", "Set1", "Set2")}
        {Seq("S3", "Set2", "Set3")}
        {Seq("S4", "Set3", "Set4")}
        {Seq("S5", "Set4", "SetEnd")}
        """;

    private static readonly string Amount = Variable("amount", "int");

    /// <summary>Start → Fork → (Set1..Set4) and (Wait: conditional catch → After → End).</summary>
    private static readonly Lazy<TestFlow> Catch = new(() => TestFlow.Build(Process($"""
            <bpmn:startEvent id="Start" />
            <bpmn:parallelGateway id="Fork" />
            <bpmn:intermediateCatchEvent id="Wait"><bpmn:conditionalEventDefinition><bpmn:condition xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">{Condition}</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:intermediateCatchEvent>
        {Service("After")}
            <bpmn:endEvent id="End" />
        {Seq("F1", "Start", "Fork")}
        {Seq("F2", "Fork", "Wait")}
        {Seq("F3", "Wait", "After")}
        {Seq("F4", "After", "End")}
        {Setters("Fork")}
        """, Amount), new[] { "After" }));

    /// <summary>Start → Fork → (Set1..Set4) and (Review → Done → End); a conditional boundary Cond on Review → Remind → Reminded.</summary>
    private static TestFlow OnReview(bool interrupting) => TestFlow.Build(Process($"""
            <bpmn:startEvent id="Start" />
            <bpmn:parallelGateway id="Fork" />
            <bpmn:userTask id="Review" />
        {Service("Done")}
            <bpmn:endEvent id="End" />
            <bpmn:boundaryEvent id="Cond" attachedToRef="Review" cancelActivity="{(interrupting ? "true" : "false")}"><bpmn:conditionalEventDefinition><bpmn:condition>{Condition}</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:boundaryEvent>
        {Service("Remind")}
            <bpmn:endEvent id="Reminded" />
        {Seq("F1", "Start", "Fork")}
        {Seq("F2", "Fork", "Review")}
        {Seq("F3", "Review", "Done")}
        {Seq("F4", "Done", "End")}
        {Seq("F5", "Cond", "Remind")}
        {Seq("F6", "Remind", "Reminded")}
        {Setters("Fork")}
        """, Amount), new[] { "Done", "Remind" });

    private static readonly Lazy<TestFlow> Interrupting = new(() => OnReview(true));
    private static readonly Lazy<TestFlow> NonInterrupting = new(() => OnReview(false));

    /// <summary>Start → Fork → (Set1..Set4) and (Gate: event-based → Big (conditional) → Grow, or Stop (message "stop") → Halt).</summary>
    private static readonly Lazy<TestFlow> Race = new(() => TestFlow.Build(WithRoot("""    <bpmn:message id="Msg_Stop" name="stop" />""", $"""
            <bpmn:startEvent id="Start" />
            <bpmn:parallelGateway id="Fork" />
            <bpmn:eventBasedGateway id="Gate" />
            <bpmn:intermediateCatchEvent id="Big"><bpmn:conditionalEventDefinition><bpmn:condition>{Condition}</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:intermediateCatchEvent id="Stop"><bpmn:messageEventDefinition messageRef="Msg_Stop" /></bpmn:intermediateCatchEvent>
        {Service("Grow")}
        {Service("Halt")}
            <bpmn:endEvent id="Grown" />
            <bpmn:endEvent id="Halted" />
        {Seq("F1", "Start", "Fork")}
        {Seq("F2", "Fork", "Gate")}
        {Seq("F3", "Gate", "Big")}
        {Seq("F4", "Gate", "Stop")}
        {Seq("F5", "Big", "Grow")}
        {Seq("F6", "Stop", "Halt")}
        {Seq("F7", "Grow", "Grown")}
        {Seq("F8", "Halt", "Halted")}
        {Setters("Fork")}
        """, Amount), new[] { "Grow", "Halt" }));

    [Fact]
    public async Task A_conditional_catch_after_an_event_based_gateway_wins_the_race_when_data_makes_it_true()
    {
        var instance = await Race.Value.StartAsync(("amount", 0));
        Assert.Single(instance.Subscriptions);   // the message; the condition is not indexed

        await Set(instance, "Set1", 40);

        Assert.Equal(new[] { "Grow" }, TestFlow.Log(instance));
        Assert.Empty(instance.Subscriptions);
        Assert.Equal(new[] { "Set2" }, instance.WaitingAt);
    }

    private static ValueTask Set(IFlowInstance instance, string task, int amount) =>
        instance.CompleteWithJsonAsync(task, "{\"amount\":" + amount + "}");

    [Fact]
    public async Task A_catch_whose_condition_holds_passes_at_once()
    {
        var instance = await Catch.Value.StartAsync(("amount", 20));

        Assert.Equal(new[] { "After" }, TestFlow.Log(instance));
        Assert.Equal(new[] { "Set1" }, instance.WaitingAt);
        Assert.Contains("Wait", instance.Trace);
    }

    [Fact]
    public async Task A_catch_waits_while_false_and_passes_when_another_branch_makes_it_true()
    {
        var instance = await Catch.Value.StartAsync(("amount", 0));
        Assert.Empty(TestFlow.Log(instance));
        Assert.Empty(instance.Subscriptions);   // a condition is not a message or signal a store indexes

        await Set(instance, "Set1", 5);
        Assert.Empty(TestFlow.Log(instance));
        Assert.DoesNotContain("Wait", instance.Trace);

        await Set(instance, "Set2", 15);
        Assert.Equal(new[] { "After" }, TestFlow.Log(instance));
        Assert.Equal(new[] { "Set3" }, instance.WaitingAt);
        Assert.Equal(InstanceStatus.Waiting, instance.Status);
    }

    [Fact]
    public async Task A_waiting_catch_survives_a_json_round_trip_and_fires_in_a_new_process_object()
    {
        var instance = await Catch.Value.StartAsync(("amount", 0));
        Assert.Contains("\"Kind\":\"Conditional\"", instance.ToJson(), StringComparison.Ordinal);

        var resumed = RoundTrip(Catch.Value, instance);
        await Set(resumed, "Set1", 11);

        Assert.Equal(new[] { "After" }, TestFlow.Log(resumed));
        Assert.Empty(TestFlow.Log(instance));
    }

    [Fact]
    public async Task An_interrupting_boundary_cancels_the_user_task_when_another_branch_makes_it_true()
    {
        var instance = await Interrupting.Value.StartAsync(("amount", 0));
        await Set(instance, "Set1", 3);
        Assert.Empty(TestFlow.Log(instance));

        await Set(instance, "Set2", 30);

        Assert.Equal(new[] { "Remind" }, TestFlow.Log(instance));
        Assert.Equal(new[] { "Set3" }, instance.WaitingAt);
        var late = await Assert.ThrowsAsync<FlowInstanceException>(() => instance.CompleteAsync("Review").AsTask());
        Assert.Equal("FLOW6042", late.Id);
    }

    [Fact]
    public async Task A_non_interrupting_boundary_fires_once_per_change_from_false_to_true()
    {
        var instance = await NonInterrupting.Value.StartAsync(("amount", 0));

        await Set(instance, "Set1", 15);   // false → true: fires
        Assert.Equal(new[] { "Remind" }, TestFlow.Log(instance));

        // Its last value is saved: still true after a resume, so it does not fire again.
        instance = RoundTrip(NonInterrupting.Value, instance);
        await Set(instance, "Set2", 20);
        Assert.Equal(new[] { "Remind" }, TestFlow.Log(instance));

        await Set(instance, "Set3", 1);    // true → false
        await Set(instance, "Set4", 12);   // false → true: fires again
        Assert.Equal(new[] { "Remind", "Remind" }, TestFlow.Log(instance));

        Assert.Equal(new[] { "Review" }, instance.WaitingAt);
        await instance.CompleteAsync("Review");
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "Remind", "Remind", "Done" }, TestFlow.Log(instance));
    }
}

/// <summary>Conditional starts of event sub-processes of the process, interrupting and not.</summary>
public class ConditionalEventSubProcessTests
{
    /// <summary>Start → Review (output amount) → Again (output amount) → Ship → End; event sub-process OnBig started when amount &gt; 10.</summary>
    private static TestFlow Build(bool interrupting) => TestFlow.Build(Process($"""
            <bpmn:startEvent id="Start" />
            <bpmn:userTask id="Review"><bpmn:extensionElements><flow:output name="amount" type="int" /></bpmn:extensionElements></bpmn:userTask>
            <bpmn:userTask id="Again"><bpmn:extensionElements><flow:output name="amount" type="int" /></bpmn:extensionElements></bpmn:userTask>
        {Service("Ship")}
            <bpmn:endEvent id="End" />
        {Seq("F1", "Start", "Review")}
        {Seq("F2", "Review", "Again")}
        {Seq("F3", "Again", "Ship")}
        {Seq("F4", "Ship", "End")}
            <bpmn:subProcess id="OnBig" triggeredByEvent="true">
              <bpmn:startEvent id="BigStart" isInterrupting="{(interrupting ? "true" : "false")}"><bpmn:conditionalEventDefinition><bpmn:condition>amount &gt; 10</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:startEvent>
              <bpmn:serviceTask id="Big" flow:handler="Big" />
              <bpmn:endEvent id="BigEnd" />
              <bpmn:sequenceFlow id="B1" sourceRef="BigStart" targetRef="Big" />
              <bpmn:sequenceFlow id="B2" sourceRef="Big" targetRef="BigEnd" />
            </bpmn:subProcess>
        """, Variable("amount", "int")), new[] { "Ship", "Big" });

    [Fact]
    public async Task An_interrupting_conditional_start_ends_the_process_flow_when_data_makes_it_true()
    {
        var flow = Build(interrupting: true);
        var instance = await flow.StartAsync();
        Assert.Empty(instance.Subscriptions);

        await instance.CompleteWithJsonAsync("Review", "{\"amount\":50}");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "Big" }, TestFlow.Log(instance));
    }

    [Fact]
    public async Task A_non_interrupting_conditional_start_runs_beside_the_flow_once_while_it_stays_true()
    {
        var flow = Build(interrupting: false);
        var instance = await flow.StartAsync();

        await instance.CompleteWithJsonAsync("Review", "{\"amount\":50}");
        Assert.Equal(new[] { "Big" }, TestFlow.Log(instance));
        Assert.Equal(new[] { "Again" }, instance.WaitingAt);

        await instance.CompleteWithJsonAsync("Again", "{\"amount\":60}");
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "Big", "Ship" }, TestFlow.Log(instance));
    }
}
