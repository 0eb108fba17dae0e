using Flow.Execution.Tests.Infrastructure;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests;

public class GatewayTests
{
    private static readonly string Choice = Process($"""
            <bpmn:startEvent id="Start" />
            <bpmn:exclusiveGateway id="Amount" default="Low" />
        {Service("Review")}
        {Service("Approve")}
            <bpmn:exclusiveGateway id="Merge" />
            <bpmn:endEvent id="End" />
        {Seq("F1", "Start", "Amount")}
        {Seq("High", "Amount", "Review", "${amount &gt; 1000 and not rush}")}
        {Seq("Low", "Amount", "Approve")}
        {Seq("F2", "Review", "Merge")}
        {Seq("F3", "Approve", "Merge")}
        {Seq("F4", "Merge", "End")}
        """, Variable("amount", "decimal") + Variable("rush", "bool"));

    [Theory]
    [InlineData(5000, false, "Review", false)]
    [InlineData(5000, true, "Approve", false)]
    [InlineData(10, false, "Approve", false)]
    [InlineData(5000, false, "Review", true)]
    [InlineData(10, false, "Approve", true)]
    public async Task An_exclusive_gateway_takes_the_first_true_condition_or_the_default(int amount, bool rush, string expected, bool tokenEngine)
    {
        var flow = TestFlow.Build(Choice, new[] { "Review", "Approve" });
        EngineSwitch.ForceTokenEngine = tokenEngine;

        var instance = await flow.StartAsync(("amount", (decimal)amount), ("rush", rush));

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "Start", "Amount", expected, "Merge", "End" }, instance.Trace);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task No_true_condition_and_no_default_fails_at_the_gateway(bool tokenEngine)
    {
        var bpmn = Choice.Replace(" default=\"Low\"", "", StringComparison.Ordinal)
            .Replace("""<bpmn:sequenceFlow id="Low" sourceRef="Amount" targetRef="Approve" />""", """<bpmn:sequenceFlow id="Low" sourceRef="Amount" targetRef="Approve"><bpmn:conditionExpression>amount &lt; 100</bpmn:conditionExpression></bpmn:sequenceFlow>""", StringComparison.Ordinal);
        var flow = TestFlow.Build(bpmn, new[] { "Review", "Approve" }, Array.Empty<string>(), new[] { "FLOW2002" });
        EngineSwitch.ForceTokenEngine = tokenEngine;

        var instance = await flow.StartAsync(("amount", 500m));

        Assert.Equal(InstanceStatus.Failed, instance.Status);
        Assert.Equal("Amount", instance.Failure!.NodeId);
        Assert.IsType<FlowExecutionException>(instance.Exception);
        Assert.Empty(TestFlow.Log(instance));
    }

    [Fact]
    public async Task A_loop_formed_by_gateways_repeats_until_its_condition_fails()
    {
        var bpmn = Process($"""
                <bpmn:startEvent id="Start" />
                <bpmn:exclusiveGateway id="Again" />
                <bpmn:scriptTask id="Count" scriptFormat="csharp"><bpmn:script>count++;</bpmn:script></bpmn:scriptTask>
                <bpmn:exclusiveGateway id="Check" default="Done" />
                <bpmn:endEvent id="End" />
            {Seq("F1", "Start", "Again")}
            {Seq("F2", "Again", "Count")}
            {Seq("F3", "Count", "Check")}
            {Seq("Loop", "Check", "Again", "count &lt; 3")}
            {Seq("Done", "Check", "End")}
            """, Variable("count", "int"));
        var flow = TestFlow.Build(bpmn, Array.Empty<string>());

        var instance = await flow.StartAsync();

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(3, TestFlow.Get<int>(instance, "count"));
        Assert.Equal(new[] { "Start", "Again", "Count", "Check", "Again", "Count", "Check", "Again", "Count", "Check", "End" }, instance.Trace);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_parallel_fork_runs_every_branch_and_the_join_waits_for_all(bool tokenEngine)
    {
        var bpmn = Process($"""
                <bpmn:startEvent id="Start" />
                <bpmn:parallelGateway id="Fork" />
            {Service("Invoice")}
            {Service("Ship")}
            {Service("Pack")}
                <bpmn:parallelGateway id="Join" />
                <bpmn:endEvent id="End" />
            {Seq("F1", "Start", "Fork")}
            {Seq("F2", "Fork", "Invoice")}
            {Seq("F3", "Fork", "Pack")}
            {Seq("F4", "Pack", "Ship")}
            {Seq("F5", "Invoice", "Join")}
            {Seq("F6", "Ship", "Join")}
            {Seq("F7", "Join", "End")}
            """);
        var flow = TestFlow.Build(bpmn, new[] { "Invoice", "Ship", "Pack" });
        EngineSwitch.ForceTokenEngine = tokenEngine;

        var instance = await flow.StartAsync();

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "Start", "Fork", "Invoice", "Pack", "Ship", "Join", "End" }, instance.Trace);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_single_conditional_flow_is_evaluated_too(bool tokenEngine)
    {
        var bpmn = Process($"""
                <bpmn:startEvent id="Start" />
                <bpmn:exclusiveGateway id="Only" />
                <bpmn:endEvent id="End" />
            {Seq("F1", "Start", "Only")}
            {Seq("F2", "Only", "End", "ok")}
            """, Variable("ok", "bool"));
        var flow = TestFlow.Build(bpmn, Array.Empty<string>(), Array.Empty<string>(), new[] { "FLOW2002", "FLOW2009" });
        EngineSwitch.ForceTokenEngine = tokenEngine;

        var passes = await flow.StartAsync(("ok", true));
        var stops = await flow.StartAsync(("ok", false));

        Assert.Equal(InstanceStatus.Completed, passes.Status);
        Assert.Equal(InstanceStatus.Failed, stops.Status);
        Assert.Equal("Only", stops.Failure!.NodeId);
    }
}
