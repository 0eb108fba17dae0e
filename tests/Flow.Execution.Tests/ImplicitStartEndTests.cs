using Flow.Execution.Tests.Infrastructure;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests;

/// <summary>
/// Implicit start and end are valid BPMN (Camunda runs them): a node without outgoing flow
/// consumes its token, a scope completes when no token is left, and in a scope without start
/// event every node without incoming flow starts. Both engines; the compiler only warns.
/// </summary>
public class ImplicitStartEndTests
{
    private static readonly string[] Warnings = { "FLOW1003", "FLOW1007", "FLOW1050" };

    private static bool RanStraight(TestFlow flow) =>
        (bool)flow.Process.GetType().GetProperty("HasStraightPath", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(flow.Process)!;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_task_without_outgoing_flow_ends_the_process(bool tokenEngine)
    {
        var bpmn = Process($"""
                <bpmn:startEvent id="Start" />
            {Service("Check")}
            {Service("Notify")}
            {Seq("F1", "Start", "Check")}
            {Seq("F2", "Check", "Notify")}
            """);
        var flow = TestFlow.Build(bpmn, new[] { "Check", "Notify" }, Array.Empty<string>(), Warnings);
        EngineSwitch.ForceTokenEngine = tokenEngine;

        var instance = await flow.StartAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(RanStraight(flow), "a process whose path ends without end event still has a straight-line method");
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "Start", "Check", "Notify" }, instance.Trace);
        Assert.Equal(new[] { "Check", "Notify" }, TestFlow.Log(instance));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_process_without_start_event_starts_at_its_node_without_incoming_flow(bool tokenEngine)
    {
        var bpmn = Process($"""
            {Service("Check")}
            {Service("Notify")}
                <bpmn:endEvent id="End" />
            {Seq("F1", "Check", "Notify")}
            {Seq("F2", "Notify", "End")}
            """);
        var flow = TestFlow.Build(bpmn, new[] { "Check", "Notify" }, Array.Empty<string>(), Warnings);
        EngineSwitch.ForceTokenEngine = tokenEngine;

        var instance = await flow.StartAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(RanStraight(flow));
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "Check", "Notify", "End" }, instance.Trace);
        Assert.Equal(new[] { "Check", "Notify" }, TestFlow.Log(instance));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Every_node_without_incoming_flow_starts_and_the_process_completes_when_no_token_is_left(bool tokenEngine)
    {
        // Two implicit starts, both implicit ends, nothing else: neither engine may stop early.
        var bpmn = Process($"""
            {Service("Check")}
            {Service("Notify")}
            {Service("Bill")}
            {Seq("F1", "Check", "Notify")}
            """);
        var flow = TestFlow.Build(bpmn, new[] { "Check", "Notify", "Bill" }, Array.Empty<string>(), Warnings);
        EngineSwitch.ForceTokenEngine = tokenEngine;

        var instance = await flow.StartAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "Bill", "Check", "Notify" }, TestFlow.Log(instance).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_parallel_branch_that_ends_implicitly_leaves_the_other_to_finish(bool tokenEngine)
    {
        var bpmn = Process($"""
                <bpmn:startEvent id="Start" />
                <bpmn:parallelGateway id="Fork" />
            {Service("Check")}
            {Service("Notify")}
                <bpmn:endEvent id="End" />
            {Seq("F1", "Start", "Fork")}
            {Seq("F2", "Fork", "Check")}
            {Seq("F3", "Fork", "Notify")}
            {Seq("F4", "Notify", "End")}
            """);
        var flow = TestFlow.Build(bpmn, new[] { "Check", "Notify" }, Array.Empty<string>(), Warnings);
        EngineSwitch.ForceTokenEngine = tokenEngine;

        var instance = await flow.StartAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "Check", "Notify" }, TestFlow.Log(instance).Order(StringComparer.Ordinal));
        Assert.Contains("End", instance.Trace);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_sub_process_without_start_and_end_events_completes_and_the_process_goes_on(bool tokenEngine)
    {
        var bpmn = Process($"""
                <bpmn:startEvent id="Start" />
                <bpmn:subProcess id="Fulfil">
              {Service("Pick")}
              {Service("Pack")}
              {Seq("S1", "Pick", "Pack")}
                </bpmn:subProcess>
            {Service("Ship")}
                <bpmn:endEvent id="End" />
            {Seq("F1", "Start", "Fulfil")}
            {Seq("F2", "Fulfil", "Ship")}
            {Seq("F3", "Ship", "End")}
            """);
        var flow = TestFlow.Build(bpmn, new[] { "Pick", "Pack", "Ship" }, Array.Empty<string>(), Warnings);
        EngineSwitch.ForceTokenEngine = tokenEngine;

        var instance = await flow.StartAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(RanStraight(flow));
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "Start", "Fulfil", "Pick", "Pack", "Ship", "End" }, instance.Trace);
        Assert.Equal(new[] { "Pick", "Pack", "Ship" }, TestFlow.Log(instance));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_implicit_end_in_one_branch_of_a_choice_completes_the_process(bool tokenEngine)
    {
        var bpmn = Process($"""
                <bpmn:startEvent id="Start" />
                <bpmn:exclusiveGateway id="Big" default="Small" />
            {Service("Check")}
            {Service("Notify")}
                <bpmn:endEvent id="End" />
            {Seq("F1", "Start", "Big")}
            {Seq("Large", "Big", "Check", "amount &gt; 100")}
            {Seq("Small", "Big", "Notify")}
            {Seq("F4", "Notify", "End")}
            """, Variable("amount", "decimal"));
        var flow = TestFlow.Build(bpmn, new[] { "Check", "Notify" }, Array.Empty<string>(), Warnings);
        EngineSwitch.ForceTokenEngine = tokenEngine;

        var big = await flow.StartAsync(("amount", 500m)).WaitAsync(TimeSpan.FromSeconds(10));
        var small = await flow.StartAsync(("amount", 5m)).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(RanStraight(flow));
        Assert.Equal((InstanceStatus.Completed, InstanceStatus.Completed), (big.Status, small.Status));
        Assert.Equal(new[] { "Start", "Big", "Check" }, big.Trace);
        Assert.Equal(new[] { "Start", "Big", "Notify", "End" }, small.Trace);
    }
}
