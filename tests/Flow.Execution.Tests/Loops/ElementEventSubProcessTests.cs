using Flow.Execution.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using static Flow.Execution.Tests.Events.EventBpmn;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests.Loops;

/// <summary>
/// Event sub-processes inside a looped sub-process (issue 13, was FLOW1320): each element is a
/// scope with its own event sub-processes, started and ended with that element.
/// </summary>
public class ElementEventSubProcessTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// A parallel multi-instance sub-process over <c>items</c>: in an element whose item is "bad"
    /// a script throws the BPMN error "bad", the others wait at Wait; inside it an error event sub-process notes the
    /// element it handled, and a non-interrupting timer (PT1H) event sub-process reminds per element.
    /// </summary>
    private static string Batch(string loop) => WithRoot("""<bpmn:error id="Err_Bad" errorCode="bad" />""", $"""
            <bpmn:startEvent id="Start" />
            <bpmn:subProcess id="Each">
              {loop}
              <bpmn:startEvent id="InnerStart" />
              <bpmn:scriptTask id="Check" scriptFormat="csharp"><bpmn:script>if (item == "bad") throw new Flow.FlowError("bad");</bpmn:script></bpmn:scriptTask>
              <bpmn:userTask id="Wait" />
              <bpmn:endEvent id="InnerEnd" />
              {Seq("I1", "InnerStart", "Check")}
              {Seq("Good", "Check", "Wait")}
              {Seq("I3", "Wait", "InnerEnd")}
              <bpmn:subProcess id="OnBad" triggeredByEvent="true">
                <bpmn:startEvent id="BadStart"><bpmn:errorEventDefinition errorRef="Err_Bad" /></bpmn:startEvent>
                <bpmn:scriptTask id="Handle" scriptFormat="csharp"><bpmn:script>log.Add("handled " + item + "@" + loopCounter);</bpmn:script></bpmn:scriptTask>
                <bpmn:endEvent id="BadEnd" />
                {Seq("B1", "BadStart", "Handle")}
                {Seq("B2", "Handle", "BadEnd")}
              </bpmn:subProcess>
              <bpmn:subProcess id="OnTime" triggeredByEvent="true">
                <bpmn:startEvent id="TimeStart" isInterrupting="false"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:startEvent>
                <bpmn:scriptTask id="Remind" scriptFormat="csharp"><bpmn:script>log.Add("remind " + item);</bpmn:script></bpmn:scriptTask>
                <bpmn:endEvent id="RemindEnd" />
                {Seq("R1", "TimeStart", "Remind")}
                {Seq("R2", "Remind", "RemindEnd")}
              </bpmn:subProcess>
            </bpmn:subProcess>
        {Service("After")}
            <bpmn:endEvent id="End" />
        {Seq("F1", "Start", "Each")}
        {Seq("F2", "Each", "After")}
        {Seq("F3", "After", "End")}
        """, Variable("items", "string[]"));

    private const string Parallel = """<bpmn:multiInstanceLoopCharacteristics xmlns:camunda="http://camunda.org/schema/1.0/bpmn" camunda:collection="items" camunda:elementVariable="item" />""";
    private const string Sequential = """<bpmn:multiInstanceLoopCharacteristics isSequential="true" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" camunda:collection="items" camunda:elementVariable="item" />""";

    private static readonly Lazy<TestFlow> ParallelBatch = new(() => TestFlow.Build(Batch(Parallel), new[] { "After" }));
    private static readonly Lazy<TestFlow> SequentialBatch = new(() => TestFlow.Build(Batch(Sequential), new[] { "After" }));

    private static async Task<IFlowInstance> StartAsync(TestFlow flow, params string[] items)
    {
        flow.Process.Clock = new FakeTimeProvider(T0);
        return await flow.StartAsync(("items", items), ("log", new List<string>()));
    }

    [Fact]
    public async Task An_error_event_sub_process_handles_only_the_element_that_threw()
    {
        var instance = await StartAsync(ParallelBatch.Value, "ann", "bad", "cy");

        Assert.Equal(InstanceStatus.Waiting, instance.Status);
        Assert.Equal(new[] { "handled bad@1" }, TestFlow.Log(instance));
        Assert.Equal(new[] { 0, 2 }, instance.WaitingElements("Wait"));
        // The handled element is done: its timer went with it, the others keep theirs.
        Assert.Equal(2, instance.Timers.Count);

        await instance.CompleteElementWithJsonAsync("Wait", 2, null);
        await instance.CompleteElementWithJsonAsync("Wait", 0, null);

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "handled bad@1", "After" }, TestFlow.Log(instance));
        Assert.Empty(instance.Timers);
    }

    [Fact]
    public async Task A_non_interrupting_timer_runs_in_its_own_element_and_ends_with_it()
    {
        var instance = await StartAsync(ParallelBatch.Value, "ann", "bob");
        var timers = instance.Timers.ToList();
        Assert.Equal(2, timers.Count);
        Assert.All(timers, t => Assert.Equal(("TimeStart", "Each", T0.AddHours(1)), (t.NodeId, t.WaitNodeId, t.DueAt)));
        Assert.Equal(2, timers.Select(t => t.JobId).Distinct().Count());

        await instance.CompleteElementWithJsonAsync("Wait", 0, null);
        var left = Assert.Single(instance.Timers);
        Assert.Equal(timers[1].JobId, left.JobId);

        Assert.True(await instance.FireTimerAsync(left.JobId));

        Assert.Equal(new[] { "remind bob" }, TestFlow.Log(instance));
        Assert.Equal(new[] { 1 }, instance.WaitingElements("Wait"));
        Assert.Empty(instance.Timers);   // a duration fires once
        await instance.CompleteElementWithJsonAsync("Wait", 1, null);
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "remind bob", "After" }, TestFlow.Log(instance));
    }

    [Fact]
    public async Task A_timer_of_a_finished_element_no_longer_fires()
    {
        var instance = await StartAsync(ParallelBatch.Value, "ann", "bob");
        var first = instance.Timers[0].JobId;

        await instance.CompleteElementWithJsonAsync("Wait", 0, null);

        Assert.False(await instance.FireTimerAsync(first));
        Assert.Empty(TestFlow.Log(instance));
    }

    [Fact]
    public async Task A_sequential_element_starts_its_event_sub_processes_when_it_starts()
    {
        var instance = await StartAsync(SequentialBatch.Value, "bad", "ann");

        Assert.Equal(new[] { "handled bad@0" }, TestFlow.Log(instance));
        Assert.Equal(new[] { 1 }, instance.WaitingElements("Wait"));
        var timer = Assert.Single(instance.Timers);
        Assert.True(await instance.FireTimerAsync(timer.JobId));
        Assert.Equal(new[] { "handled bad@0", "remind ann" }, TestFlow.Log(instance));
        await instance.CompleteAsync("Wait");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
    }

    [Fact]
    public async Task The_element_listeners_survive_a_json_round_trip()
    {
        var instance = await StartAsync(ParallelBatch.Value, "ann", "bob", "cy");
        var json = instance.ToJson();
        Assert.Contains("\"ScopeId\":", json, StringComparison.Ordinal);

        var resumed = RoundTrip(ParallelBatch.Value, instance);
        Assert.Equal(json, resumed.ToJson());
        await resumed.CompleteElementWithJsonAsync("Wait", 1, null);
        resumed = RoundTrip(ParallelBatch.Value, resumed);
        var timer = resumed.Timers.Single(t => t.JobId == instance.Timers[2].JobId);
        Assert.True(await resumed.FireTimerAsync(timer.JobId));

        Assert.Equal(new[] { "remind cy" }, TestFlow.Log(resumed));
        Assert.Equal(new[] { 0, 2 }, resumed.WaitingElements("Wait"));
    }
}
