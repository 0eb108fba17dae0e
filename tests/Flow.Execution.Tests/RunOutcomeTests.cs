using System.Reflection;
using Flow.Execution.Tests.Infrastructure;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests;

/// <summary>
/// RunAsync runs a process without wait states on the caller's data and returns how it ended as
/// a value, without an instance: the same handlers, branches and failures as StartAsync.
/// </summary>
public class RunOutcomeTests
{
    private const string ErrorDeclaration = "<bpmn:error id=\"Err_Big\" name=\"Too big\" errorCode=\"TOO_BIG\" />\n  <bpmn:process";

    private static readonly string Routing = Process($"""
            <bpmn:startEvent id="Start" />
        {Service("Receive")}
            <bpmn:exclusiveGateway id="Split" default="F4" />
        {Service("Review")}
        {Service("Approve")}
            <bpmn:exclusiveGateway id="Merge" />
        {Service("Ship")}
            <bpmn:endEvent id="End" />
        {Seq("F1", "Start", "Receive")}
        {Seq("F2", "Receive", "Split")}
        {Seq("F3", "Split", "Review", "amount > 1000")}
        {Seq("F4", "Split", "Approve")}
        {Seq("F5", "Review", "Merge")}
        {Seq("F6", "Approve", "Merge")}
        {Seq("F7", "Merge", "Ship")}
        {Seq("F8", "Ship", "End")}
        """, Variable("amount", "int"));

    private const string ShipAsksForTheId = """
        namespace Flows.Under.Test { public partial class TestProcess {
            private partial System.Threading.Tasks.ValueTask Ship(Flow.TaskContext<Data> c, System.Threading.CancellationToken t)
            {
                c.Data.log.Add(c.InstanceId.Length > 0 ? "Ship" : "no id");
                return default;
            }
        } }
        """;

    private static readonly Lazy<TestFlow> Flow = new(() => TestFlow.Build(Routing, new[] { "Receive", "Review", "Approve" }, ShipAsksForTheId));

    private static async Task<RunOutcome> RunAsync(IFlowProcess process, object data)
    {
        var run = process.GetType().GetMethod("RunAsync", BindingFlags.Public | BindingFlags.Instance)!;
        return await (ValueTask<RunOutcome>)run.Invoke(process, new[] { data, CancellationToken.None })!;
    }

    private static IReadOnlyList<string> Log(object data) => (List<string>)data.GetType().GetProperty("log")!.GetValue(data)!;

    [Theory]
    [InlineData(500, "Approve")]
    [InlineData(5000, "Review")]
    public async Task The_run_calls_the_handlers_of_the_branch_StartAsync_takes(int amount, string branch)
    {
        var data = Flow.Value.NewData(("amount", amount));
        var instance = await Flow.Value.StartAsync(("amount", amount));

        var outcome = await RunAsync(Flow.Value.Process, data);

        // Ship asks for the instance id: an instance has one, a run without an instance has none.
        Assert.Equal(new[] { "Receive", branch, "Ship" }, TestFlow.Log(instance));
        Assert.Equal(InstanceStatus.Failed, outcome.Status);
        Assert.Equal(new[] { "Receive", branch }, Log(data));
        Assert.IsType<InvalidOperationException>(outcome.Exception);
        Assert.Contains("without an instance", outcome.Exception!.Message, StringComparison.Ordinal);
        Assert.Equal(("Ship", "System.InvalidOperationException"), (outcome.Failure!.NodeId, outcome.Failure.Kind));
    }

    [Fact]
    public async Task An_error_end_fails_the_run_with_its_code()
    {
        var flow = TestFlow.Build(Process($"""
                <bpmn:startEvent id="Start" />
            {Service("Work")}
                <bpmn:endEvent id="TooBig"><bpmn:errorEventDefinition errorRef="Err_Big" /></bpmn:endEvent>
            {Seq("F1", "Start", "Work")}
            {Seq("F2", "Work", "TooBig")}
            """).Replace("<bpmn:process", ErrorDeclaration, StringComparison.Ordinal), new[] { "Work" });

        var outcome = await RunAsync(flow.Process, flow.NewData());

        Assert.Equal(InstanceStatus.Failed, outcome.Status);
        Assert.Null(outcome.Exception);
        Assert.Equal(("TooBig", FailureState.ErrorEnd, "TOO_BIG"), (outcome.Failure!.NodeId, outcome.Failure.Kind, outcome.Failure.Message));
    }

    [Fact]
    public async Task A_run_that_completes_reports_completed()
    {
        var flow = TestFlow.Build(Process($"""
                <bpmn:startEvent id="Start" />
            {Service("Work")}
                <bpmn:endEvent id="End" />
            {Seq("F1", "Start", "Work")}
            {Seq("F2", "Work", "End")}
            """), new[] { "Work" });
        var data = flow.NewData();

        var outcome = await RunAsync(flow.Process, data);

        Assert.Equal(InstanceStatus.Completed, outcome.Status);
        Assert.Null(outcome.Failure);
        Assert.Equal(new[] { "Work" }, Log(data));
    }

    [Fact]
    public async Task A_process_with_a_wait_state_is_refused()
    {
        var flow = TestFlow.Build(Process($"""
                <bpmn:startEvent id="Start" />
                <bpmn:userTask id="Wait" />
                <bpmn:endEvent id="End" />
            {Seq("F1", "Start", "Wait")}
            {Seq("F2", "Wait", "End")}
            """), Array.Empty<string>());

        var refused = await Assert.ThrowsAsync<TargetInvocationException>(() => RunAsync(flow.Process, flow.NewData()));

        Assert.IsType<InvalidOperationException>(refused.InnerException);
        Assert.Contains("StartAsync", refused.InnerException!.Message, StringComparison.Ordinal);
    }
}
