using Flow.Execution.Tests.Infrastructure;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests;

public class SequenceTests
{
    private static readonly string Line = Process($"""
            <bpmn:startEvent id="Start" />
            <bpmn:task id="Plain" flow:handler="Plain" />
        {Service("Check")}
            <bpmn:sendTask id="Notify" flow:handler="Notify" />
            <bpmn:businessRuleTask id="Rate" flow:handler="Rate" />
            <bpmn:scriptTask id="Double" scriptFormat="csharp"><bpmn:script>amount = amount * 2; log.Add("Double");</bpmn:script></bpmn:scriptTask>
            <bpmn:endEvent id="End" />
        {Seq("F1", "Start", "Plain")}
        {Seq("F2", "Plain", "Check")}
        {Seq("F3", "Check", "Notify")}
        {Seq("F4", "Notify", "Rate")}
        {Seq("F5", "Rate", "Double")}
        {Seq("F6", "Double", "End")}
        """, Variable("amount", "decimal"));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Every_service_like_task_runs_its_handler_in_order(bool tokenEngine)
    {
        var flow = TestFlow.Build(Line, new[] { "Plain", "Check", "Notify", "Rate" });
        EngineSwitch.ForceTokenEngine = tokenEngine;

        var instance = await flow.StartAsync(("amount", 21m));

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "Start", "Plain", "Check", "Notify", "Rate", "Double", "End" }, instance.Trace);
        Assert.Equal(new[] { "Plain", "Check", "Notify", "Rate", "Double" }, TestFlow.Log(instance));
        Assert.Equal(42m, TestFlow.Get<decimal>(instance, "amount"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_error_end_event_fails_the_instance_with_its_error_code(bool tokenEngine)
    {
        var bpmn = Process($"""
                <bpmn:startEvent id="Start" />
            {Service("Check")}
                <bpmn:endEvent id="Rejected"><bpmn:errorEventDefinition errorRef="Err_Stock" /></bpmn:endEvent>
            {Seq("F1", "Start", "Check")}
            {Seq("F2", "Check", "Rejected")}
            """).Replace("<bpmn:process", "<bpmn:error id=\"Err_Stock\" name=\"Out of stock\" errorCode=\"OUT_OF_STOCK\" />\n  <bpmn:process", StringComparison.Ordinal);
        var flow = TestFlow.Build(bpmn, new[] { "Check" });
        EngineSwitch.ForceTokenEngine = tokenEngine;

        var instance = await flow.StartAsync();

        Assert.Equal(InstanceStatus.Failed, instance.Status);
        Assert.Equal("Rejected", instance.Failure!.NodeId);
        Assert.Equal("BpmnError", instance.Failure.Kind);
        Assert.Equal("OUT_OF_STOCK", instance.Failure.Message);
        Assert.Equal(new[] { "Start", "Check", "Rejected" }, instance.Trace);
    }

    [Fact]
    public async Task The_process_runs_on_the_straight_line_method_when_it_has_no_wait_state()
    {
        var flow = TestFlow.Build(Line, new[] { "Plain", "Check", "Notify", "Rate" });
        EngineSwitch.ForceTokenEngine = false;

        var instance = await flow.StartAsync(("amount", 1m));

        // The straight-line method leaves no tokens behind; the engine would too, so check the generated override.
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        var straight = flow.Process.GetType().GetProperty("HasStraightPath", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
        Assert.True((bool)straight.GetValue(flow.Process)!);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Handlers_that_really_await_run_to_the_end_too(bool tokenEngine)
    {
        const string Yielding = """
            namespace Flows.Under.Test { public partial class TestProcess {
                private partial async System.Threading.Tasks.ValueTask Plain(Flow.TaskContext<Data> c, System.Threading.CancellationToken t)
                {
                    await System.Threading.Tasks.Task.Yield();
                    c.Data.log.Add("Plain");
                }
            } }
            """;
        var flow = TestFlow.Build(Line, new[] { "Check", "Notify", "Rate" }, Yielding);
        EngineSwitch.ForceTokenEngine = tokenEngine;

        var instance = await flow.StartAsync(("amount", 1m));

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "Plain", "Check", "Notify", "Rate", "Double" }, TestFlow.Log(instance));
    }

    [Fact]
    public async Task Tasks_drawn_with_the_same_name_share_one_handler()
    {
        var bpmn = Process($"""
                <bpmn:startEvent id="Start" />
                <bpmn:serviceTask id="NotifyFirst" name="Notify" />
                <bpmn:serviceTask id="NotifyAgain" name="Notify" />
                <bpmn:endEvent id="End" />
            {Seq("F1", "Start", "NotifyFirst")}
            {Seq("F2", "NotifyFirst", "NotifyAgain")}
            {Seq("F3", "NotifyAgain", "End")}
            """);
        const string Notify = """
            namespace Flows.Under.Test { public partial class TestProcess {
                private partial System.Threading.Tasks.ValueTask Notify(Flow.TaskContext<Data> c, System.Threading.CancellationToken t)
                {
                    c.Data.log.Add(c.NodeId);
                    return default;
                }
            } }
            """;
        var flow = TestFlow.Build(bpmn, Array.Empty<string>(), Notify);

        var instance = await flow.StartAsync();

        Assert.Equal(new[] { "NotifyFirst", "NotifyAgain" }, TestFlow.Log(instance));
    }
}
