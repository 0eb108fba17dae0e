using System.Text.Json;
using Flow.Execution.Tests.Infrastructure;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests;

/// <summary>A loop without a wait state fails with FLOW6041 instead of running until memory is gone; the trace stays bounded (issue 9, defect 10).</summary>
public class StepLimitTests
{
    private static readonly string EndlessLoop = Process($"""
            <bpmn:startEvent id="Start" />
            <bpmn:exclusiveGateway id="Merge" />
        {Service("Count")}
            <bpmn:exclusiveGateway id="Again" default="Done" />
            <bpmn:endEvent id="End" />
        {Seq("F1", "Start", "Merge")}
        {Seq("F2", "Merge", "Count")}
        {Seq("F3", "Count", "Again")}
        {Seq("Loop", "Again", "Merge", "count &gt;= 0")}
        {Seq("Done", "Again", "End")}
        """, Variable("count", "long"));

    private const string CountingHandler = """
        namespace Flows.Under.Test { public partial class TestProcess {
            private partial System.Threading.Tasks.ValueTask Count(Flow.TaskContext<Data> c, System.Threading.CancellationToken t)
            {
                c.Data.count++;
                return default;
            }
        } }
        """;

    /// <summary>
    /// Runs on its own thread (the handler never awaits, so the run is synchronous) and stops a
    /// run without a limit after 60 s: the token is checked before every task, so a regression
    /// fails the test instead of spinning on after it.
    /// </summary>
    private static async Task<IFlowInstance> RunWithTimeout(TestFlow flow)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await Task.Run(async () => await flow.Process.StartAsync(flow.NewData(), timeout.Token)).WaitAsync(TimeSpan.FromSeconds(90));
    }

    [Fact]
    public async Task An_endless_loop_fails_with_the_default_step_limit_within_seconds()
    {
        var flow = TestFlow.Build(EndlessLoop, Array.Empty<string>(), CountingHandler);

        var instance = await RunWithTimeout(flow);

        Assert.Equal(InstanceStatus.Failed, instance.Status);
        Assert.Equal("StepLimit", instance.Failure!.Kind);
        Assert.StartsWith("FLOW6041", instance.Failure.Message, StringComparison.Ordinal);
        Assert.True(instance.HasEnded);
        Assert.InRange(TestFlow.Get<long>(instance, "count"), 1, ExecutionLimits.Default.MaxStepsPerRun);
        Assert.InRange(instance.Trace.Count, 1, ExecutionLimits.Default.MaxTraceLength);
    }

    [Fact]
    public async Task The_limits_are_configurable_and_the_saved_state_stays_bounded()
    {
        var flow = TestFlow.Build(EndlessLoop, Array.Empty<string>(), CountingHandler);
        flow.Process.Limits = new ExecutionLimits { MaxStepsPerRun = 3_000, MaxTraceLength = 40 };

        var instance = await RunWithTimeout(flow);

        Assert.Equal("StepLimit", instance.Failure!.Kind);
        // Steps: Start, then Merge, Count and Again in turn; the 3,000th step is a Count, and the token stops before Again.
        Assert.Equal(1_000, TestFlow.Get<long>(instance, "count"));
        Assert.Equal("Again", instance.Failure.NodeId);
        Assert.InRange(instance.Trace.Count, 30, 40);
        Assert.Equal(new[] { "Merge", "Count" }, instance.Trace.TakeLast(2));
        var json = instance.ToJson();
        Assert.True(json.Length < 4_000, $"The saved state is {json.Length} characters.");
        using var saved = JsonDocument.Parse(json);
        Assert.Equal(0, saved.RootElement.GetProperty("Tokens").GetArrayLength());
        Assert.Equal(3_000 - instance.Trace.Count, saved.RootElement.GetProperty("TraceDropped").GetInt64());
    }
}
