using Flow.Execution.Tests.Infrastructure;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests;

public class FailureTests
{
    private static readonly string Flaky = Process($"""
            <bpmn:startEvent id="Start" />
            <bpmn:userTask id="Wait" />
        {Service("Charge")}
        {Service("Ship")}
            <bpmn:endEvent id="End" />
        {Seq("F1", "Start", "Wait")}
        {Seq("F2", "Wait", "Charge")}
        {Seq("F3", "Charge", "Ship")}
        {Seq("F4", "Ship", "End")}
        """, Variable("attempts", "int"));

    private const string ThrowingCharge = """
        namespace Flows.Under.Test { public partial class TestProcess {
            private partial System.Threading.Tasks.ValueTask Charge(Flow.TaskContext<Data> c, System.Threading.CancellationToken t)
            {
                c.Data.attempts++;
                if (c.Data.attempts < 2) throw new System.InvalidOperationException("card declined");
                c.Data.log.Add("Charge");
                return default;
            }
        } }
        """;

    [Fact]
    public async Task A_throwing_handler_fails_the_instance_at_its_node_and_leaves_the_token_before_it()
    {
        var flow = TestFlow.Build(Flaky, new[] { "Ship" }, ThrowingCharge);
        var instance = await flow.StartAsync();

        await instance.CompleteAsync("Wait");

        Assert.Equal(InstanceStatus.Failed, instance.Status);
        Assert.Equal("Charge", instance.Failure!.NodeId);
        Assert.Equal("card declined", instance.Failure.Message);
        Assert.Equal(typeof(InvalidOperationException).FullName, instance.Failure.Kind);
        Assert.IsType<InvalidOperationException>(instance.Exception);
        Assert.Equal(new[] { "Start", "Wait" }, instance.Trace);
        Assert.Empty(TestFlow.Log(instance));
    }

    [Fact]
    public async Task A_failed_instance_is_retried_from_the_failed_node()
    {
        var flow = TestFlow.Build(Flaky, new[] { "Ship" }, ThrowingCharge);
        var instance = await flow.StartAsync();
        await instance.CompleteAsync("Wait");
        var resumed = flow.NewProcess().ResumeFromJson(instance.ToJson());

        await resumed.RetryAsync();

        Assert.Equal(InstanceStatus.Completed, resumed.Status);
        Assert.Equal(new[] { "Start", "Wait", "Charge", "Ship", "End" }, resumed.Trace);
        Assert.Equal(2, TestFlow.Get<int>(resumed, "attempts"));
    }

    private static readonly string NoWait = Process($"""
            <bpmn:startEvent id="Start" />
        {Service("Charge")}
        {Service("Ship")}
            <bpmn:endEvent id="End" />
        {Seq("F1", "Start", "Charge")}
        {Seq("F2", "Charge", "Ship")}
        {Seq("F3", "Ship", "End")}
        """, Variable("attempts", "int"));

    [Fact]
    public async Task A_straight_line_failure_can_be_retried_after_a_json_round_trip()
    {
        var flow = TestFlow.Build(NoWait, new[] { "Ship" }, ThrowingCharge);
        var instance = await flow.StartAsync();
        Assert.Equal(InstanceStatus.Failed, instance.Status);
        Assert.Equal("Charge", instance.Failure!.NodeId);

        var resumed = flow.NewProcess().ResumeFromJson(instance.ToJson());
        await resumed.RetryAsync();

        Assert.Equal(InstanceStatus.Completed, resumed.Status);
        Assert.Equal(new[] { "Start", "Charge", "Ship", "End" }, resumed.Trace);
    }

    [Fact]
    public async Task A_cancelled_completion_fails_as_cancelled_and_can_be_retried()
    {
        const string CancellingCharge = """
            namespace Flows.Under.Test { public partial class TestProcess {
                private partial System.Threading.Tasks.ValueTask Charge(Flow.TaskContext<Data> c, System.Threading.CancellationToken t)
                {
                    t.ThrowIfCancellationRequested();
                    c.Data.attempts++;
                    return default;
                }
            } }
            """;
        var flow = TestFlow.Build(Flaky, new[] { "Ship" }, CancellingCharge);
        var instance = await flow.StartAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => instance.CompleteAsync("Wait", cancelled.Token).AsTask());

        Assert.Equal(InstanceStatus.Failed, instance.Status);
        Assert.Equal("Cancelled", instance.Failure!.Kind);
        Assert.Equal("Charge", instance.Failure.NodeId);
        await instance.RetryAsync();
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(1, TestFlow.Get<int>(instance, "attempts"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Cancellation_during_a_handler_that_ignores_it_stops_the_run_before_the_next_activity(bool tokenEngine)
    {
        const string cancellingCharge = """
            namespace Flows.Under.Test { public partial class TestProcess {
                public static System.Threading.CancellationTokenSource Source = new();
                private partial System.Threading.Tasks.ValueTask Charge(Flow.TaskContext<Data> c, System.Threading.CancellationToken t)
                {
                    c.Data.attempts++;
                    Source.Cancel(); // the caller gives up while Charge runs; Charge itself finishes
                    return default;
                }
            } }
            """;
        var flow = TestFlow.Build(NoWait, new[] { "Ship" }, cancellingCharge);
        var source = (CancellationTokenSource)flow.Process.GetType().GetField("Source")!.GetValue(null)!;
        EngineSwitch.ForceTokenEngine = tokenEngine;
        var data = flow.NewData();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => flow.Process.StartAsync(data, source.Token).AsTask());

        Assert.Equal(1, (int)flow.Process.DataType.GetProperty("attempts")!.GetValue(data)!);
        Assert.Empty((List<string>)flow.Process.DataType.GetProperty("log")!.GetValue(data)!);
    }
}
