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

    // Choice Inner sits in one branch of Outer, so a run passes one or two choices before Last:
    // Last's branch is recorded at the same place either way, and the trace is replayed from it.
    private static readonly string NestedChoices = Process($"""
            <bpmn:startEvent id="Start" />
            <bpmn:exclusiveGateway id="Outer" default="OuterNo" />
            <bpmn:exclusiveGateway id="Inner" default="InnerNo" />
        {Service("InnerA")}
        {Service("InnerB")}
            <bpmn:exclusiveGateway id="InnerMerge" />
        {Service("Plain")}
            <bpmn:exclusiveGateway id="OuterMerge" />
            <bpmn:exclusiveGateway id="Last" default="LastNo" />
        {Service("LastA")}
        {Service("LastB")}
            <bpmn:exclusiveGateway id="LastMerge" />
            <bpmn:endEvent id="End" />
        {Seq("F1", "Start", "Outer")}
        {Seq("OuterYes", "Outer", "Inner", "outer")}
        {Seq("OuterNo", "Outer", "Plain")}
        {Seq("InnerYes", "Inner", "InnerB", "inner")}
        {Seq("InnerNo", "Inner", "InnerA")}
        {Seq("F2", "InnerA", "InnerMerge")}
        {Seq("F3", "InnerB", "InnerMerge")}
        {Seq("F4", "InnerMerge", "OuterMerge")}
        {Seq("F5", "Plain", "OuterMerge")}
        {Seq("F6", "OuterMerge", "Last")}
        {Seq("LastYes", "Last", "LastB", "last")}
        {Seq("LastNo", "Last", "LastA")}
        {Seq("F7", "LastA", "LastMerge")}
        {Seq("F8", "LastB", "LastMerge")}
        {Seq("F9", "LastMerge", "End")}
        """, Variable("outer", "bool") + Variable("inner", "bool") + Variable("last", "bool"));

    public static TheoryData<bool, bool, bool> AllChoices()
    {
        var data = new TheoryData<bool, bool, bool>();
        foreach (var outer in new[] { false, true })
        {
            foreach (var inner in new[] { false, true })
            {
                foreach (var last in new[] { false, true })
                {
                    data.Add(outer, inner, last);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllChoices))]
    public async Task Nested_choices_give_the_same_trace_on_the_straight_line_method_and_the_token_engine(bool outer, bool inner, bool last)
    {
        var flow = TestFlow.Build(NestedChoices, new[] { "InnerA", "InnerB", "Plain", "LastA", "LastB" });
        var expected = new List<string> { "Start", "Outer" };
        expected.AddRange(outer ? new[] { "Inner", inner ? "InnerB" : "InnerA", "InnerMerge" } : new[] { "Plain" });
        expected.AddRange(new[] { "OuterMerge", "Last", last ? "LastB" : "LastA", "LastMerge", "End" });

        var straight = await flow.StartAsync(("outer", outer), ("inner", inner), ("last", last));
        EngineSwitch.ForceTokenEngine = true;
        var engine = await flow.StartAsync(("outer", outer), ("inner", inner), ("last", last));
        EngineSwitch.ForceTokenEngine = false;

        Assert.Equal(expected, straight.Trace);
        Assert.Equal(expected, engine.Trace);
        Assert.Equal(TestFlow.Log(engine), TestFlow.Log(straight));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_failure_after_nested_choices_keeps_the_trace_up_to_the_failed_node(bool tokenEngine)
    {
        const string throwingLastB = """
            namespace Flows.Under.Test { public partial class TestProcess {
                private partial System.Threading.Tasks.ValueTask LastB(Flow.TaskContext<Data> c, System.Threading.CancellationToken t) =>
                    throw new System.InvalidOperationException("no");
            } }
            """;
        var flow = TestFlow.Build(NestedChoices, new[] { "InnerA", "InnerB", "Plain", "LastA" }, throwingLastB);
        EngineSwitch.ForceTokenEngine = tokenEngine;

        var instance = await flow.StartAsync(("outer", true), ("inner", true), ("last", true));

        Assert.Equal(InstanceStatus.Failed, instance.Status);
        Assert.Equal("LastB", instance.Failure!.NodeId);
        Assert.Equal(new[] { "Start", "Outer", "Inner", "InnerB", "InnerMerge", "OuterMerge", "Last" }, instance.Trace);
        using var saved = System.Text.Json.JsonDocument.Parse(instance.ToJson());
        var tokens = saved.RootElement.GetProperty("Tokens").EnumerateArray().Select(t => t.GetProperty("NodeId").GetString());
        Assert.Equal(new[] { "LastB" }, tokens); // the token a retry starts from
    }
}
