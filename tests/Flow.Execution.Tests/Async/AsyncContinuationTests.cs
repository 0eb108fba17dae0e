using Flow.Execution.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests.Async;

/// <summary>
/// camunda:asyncBefore/asyncAfter on the token engine: a run stops at the boundary with a
/// continuation (a job of the instance), and <see cref="FlowInstance{TData}.ContinueAsync"/> goes on from there.
/// </summary>
public class AsyncContinuationTests
{
    private const string Camunda = "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\"";
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Start → Before → Work (attributes) → After → End, all service tasks.</summary>
    private static string Line(string workAttributes) => Process($"""
            <bpmn:startEvent id="Start" />
        {Service("Before")}
            <bpmn:serviceTask id="Work" flow:handler="Work" {Camunda} {workAttributes} />
        {Service("After")}
            <bpmn:endEvent id="End" />
        {Seq("F1", "Start", "Before")}
        {Seq("F2", "Before", "Work")}
        {Seq("F3", "Work", "After")}
        {Seq("F4", "After", "End")}
        """);

    private static readonly Lazy<TestFlow> BeforeWork = new(() => TestFlow.Build(Line("camunda:asyncBefore=\"true\""), new[] { "Before", "Work", "After" }));
    private static readonly Lazy<TestFlow> AfterWork = new(() => TestFlow.Build(Line("camunda:asyncAfter=\"true\""), new[] { "Before", "Work", "After" }));
    private static readonly Lazy<TestFlow> Plain = new(() => TestFlow.Build(Line(""), new[] { "Before", "Work", "After" }));

    private static readonly Lazy<TestFlow> UserTaskAfter = new(() => TestFlow.Build(Process($"""
            <bpmn:startEvent id="Start" />
            <bpmn:userTask id="Review" {Camunda} camunda:asyncAfter="true" />
            <bpmn:boundaryEvent id="Late" attachedToRef="Review"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
        {Service("After")}
        {Service("Escalate")}
            <bpmn:endEvent id="End" />
            <bpmn:endEvent id="LateEnd" />
        {Seq("F1", "Start", "Review")}
        {Seq("F2", "Review", "After")}
        {Seq("F3", "After", "End")}
        {Seq("F4", "Late", "Escalate")}
        {Seq("F5", "Escalate", "LateEnd")}
        """), new[] { "After", "Escalate" }));

    private static readonly Lazy<TestFlow> GatewayAfter = new(() => TestFlow.Build(Process($"""
            <bpmn:startEvent id="Start" />
            <bpmn:exclusiveGateway id="Choose" default="ToNo" {Camunda} camunda:asyncAfter="true" />
        {Service("Yes")}
        {Service("No")}
            <bpmn:endEvent id="End" />
            <bpmn:endEvent id="End2" />
        {Seq("F1", "Start", "Choose")}
        {Seq("ToYes", "Choose", "Yes", "flag")}
        {Seq("ToNo", "Choose", "No")}
        {Seq("F3", "Yes", "End")}
        {Seq("F4", "No", "End2")}
        """, Variable("flag", "bool")), new[] { "Yes", "No" }));

    [Fact]
    public async Task AsyncBefore_stops_the_run_before_the_node_and_the_continuation_runs_it()
    {
        var flow = BeforeWork.Value;
        flow.Process.Clock = new FakeTimeProvider(T0);
        var instance = await flow.StartAsync();

        Assert.Equal(InstanceStatus.Waiting, instance.Status);
        Assert.Equal(new[] { "Before" }, TestFlow.Log(instance));
        Assert.Empty(instance.WaitingAt);   // nothing for a host to complete: the job runs it
        var continuable = (IContinuable)instance;
        var job = Assert.Single(continuable.Continuations);
        Assert.Equal(("Work", false, T0), (job.NodeId, job.After, job.DueAt));
        Assert.StartsWith(instance.Id + "/async/Work/", job.JobId, StringComparison.Ordinal);

        Assert.True(await continuable.ContinueAsync(job.JobId));

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "Before", "Work", "After" }, TestFlow.Log(instance));
        Assert.Empty(continuable.Continuations);
        Assert.False(await continuable.ContinueAsync(job.JobId));   // ran already: nothing changes
    }

    [Fact]
    public async Task AsyncAfter_runs_the_node_and_the_continuation_takes_its_outgoing_flow()
    {
        var instance = await AfterWork.Value.StartAsync();

        Assert.Equal(InstanceStatus.Waiting, instance.Status);
        Assert.Equal(new[] { "Before", "Work" }, TestFlow.Log(instance));
        var job = Assert.Single(((IContinuable)instance).Continuations);
        Assert.Equal(("Work", true), (job.NodeId, job.After));
        Assert.Equal(new[] { "F3" }, job.Flows);

        Assert.True(await ((IContinuable)instance).ContinueAsync(job.JobId));

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "Before", "Work", "After" }, TestFlow.Log(instance));
        Assert.Equal(1, instance.Trace.Count(n => n == "Work"));
    }

    [Fact]
    public async Task A_straight_line_process_with_a_boundary_runs_on_the_token_engine_and_stops_there()
    {
        // Without the boundary the process has a straight-line method: RunAsync runs it without an instance.
        var plain = await RunWithoutInstance(Plain.Value);
        Assert.Equal(InstanceStatus.Completed, plain.Status);

        // With it, the straight-line method would run through the boundary: there is none, and StartAsync stops at it.
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => RunWithoutInstance(BeforeWork.Value));
        Assert.Contains("wait states", error.Message, StringComparison.Ordinal);
        var instance = await BeforeWork.Value.StartAsync();
        Assert.Equal(InstanceStatus.Waiting, instance.Status);
        Assert.Equal(new[] { "Before" }, TestFlow.Log(instance));
    }

    private static async Task<RunOutcome> RunWithoutInstance(TestFlow flow)
    {
        var run = flow.Process.GetType().GetMethod("RunAsync", new[] { flow.Process.DataType, typeof(CancellationToken) })!;
        try
        {
            return await (ValueTask<RunOutcome>)run.Invoke(flow.Process, new[] { flow.NewData(), CancellationToken.None })!;
        }
        catch (System.Reflection.TargetInvocationException e)
        {
            throw e.InnerException!;
        }
    }

    [Fact]
    public async Task A_user_task_with_asyncAfter_completes_ends_its_boundary_timer_and_waits_for_the_job()
    {
        var flow = UserTaskAfter.Value;
        flow.Process.Clock = new FakeTimeProvider(T0);
        var instance = await flow.StartAsync();
        Assert.Single(instance.Timers);

        await instance.CompleteAsync("Review");

        Assert.Equal(InstanceStatus.Waiting, instance.Status);
        Assert.Empty(instance.Timers);   // the task completed: its boundary timer went with it
        Assert.Empty(instance.WaitingAt);
        var job = Assert.Single(((IContinuable)instance).Continuations);
        Assert.True(await ((IContinuable)instance).ContinueAsync(job.JobId));
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "After" }, TestFlow.Log(instance));
    }

    [Fact]
    public async Task AsyncAfter_on_a_gateway_keeps_the_flow_it_chose_through_a_JSON_round_trip()
    {
        var flow = GatewayAfter.Value;
        var instance = await TestFlow.StartAsync(flow.Process, ("flag", true));
        var job = Assert.Single(((IContinuable)instance).Continuations);
        Assert.Equal(new[] { "ToYes" }, job.Flows);

        // Saved and resumed elsewhere with the data changed: the token takes the flow chosen when the gateway ran.
        var json = instance.ToJson().Replace("\"flag\":true", "\"flag\":false", StringComparison.Ordinal);
        var resumed = flow.NewProcess().ResumeFromJson(json);
        var back = Assert.Single(((IContinuable)resumed).Continuations);
        Assert.Equal((job.JobId, job.NodeId, job.TokenId, true, job.DueAt), (back.JobId, back.NodeId, back.TokenId, back.After, back.DueAt));
        Assert.Contains("\"Wait\":\"Async\"", json, StringComparison.Ordinal);
        Assert.Equal(json, resumed.ToJson());

        Assert.True(await ((IContinuable)resumed).ContinueAsync(back.JobId));
        Assert.Equal(InstanceStatus.Completed, resumed.Status);
        Assert.Equal(new[] { "Yes" }, TestFlow.Log(resumed));
    }

    [Fact]
    public async Task A_failing_continuation_fails_the_instance_before_the_node_and_a_retry_waits_at_the_boundary_again()
    {
        var flow = TestFlow.Build(Line("camunda:asyncBefore=\"true\""), new[] { "Before", "After" },
            "namespace Flows.Under.Test { public partial class TestProcess { private partial System.Threading.Tasks.ValueTask Work(Flow.TaskContext<Data> c, System.Threading.CancellationToken t) { if (c.Data.log.Count < 3) { c.Data.log.Add(\"fail\"); throw new System.InvalidOperationException(\"down\"); } c.Data.log.Add(\"Work\"); return default; } } }");
        var instance = await flow.StartAsync();
        var continuable = (IContinuable)instance;
        var first = Assert.Single(continuable.Continuations).JobId;

        Assert.True(await continuable.ContinueAsync(first));

        Assert.Equal(InstanceStatus.Failed, instance.Status);
        Assert.Equal(("Work", "down"), (instance.Failure!.NodeId, instance.Failure.Message));
        Assert.Empty(continuable.Continuations);

        await instance.RetryAsync();

        Assert.Equal(InstanceStatus.Waiting, instance.Status);
        var second = Assert.Single(continuable.Continuations).JobId;
        Assert.NotEqual(first, second);   // a new job: the failed one is never saved again
        Assert.True(await continuable.ContinueAsync(second));
        Assert.Equal(InstanceStatus.Failed, instance.Status);   // log has 2 entries before this attempt: fails again
        await instance.RetryAsync();
        Assert.True(await continuable.ContinueAsync(Assert.Single(continuable.Continuations).JobId));
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "Before", "fail", "fail", "Work", "After" }, TestFlow.Log(instance));
    }

    private static readonly Lazy<TestFlow> EventsAndScopes = new(() => TestFlow.Build(Process($"""
            <bpmn:startEvent id="Start" {Camunda} camunda:asyncBefore="true" />
            <bpmn:subProcess id="Sub" {Camunda} camunda:asyncAfter="true">
              <bpmn:startEvent id="SubStart" />
              <bpmn:serviceTask id="Inner" flow:handler="Inner" />
              <bpmn:endEvent id="SubEnd" />
              <bpmn:sequenceFlow id="S1" sourceRef="SubStart" targetRef="Inner" />
              <bpmn:sequenceFlow id="S2" sourceRef="Inner" targetRef="SubEnd" />
            </bpmn:subProcess>
        {Service("After")}
            <bpmn:endEvent id="End" {Camunda} camunda:asyncBefore="true" />
        {Seq("F1", "Start", "Sub")}
        {Seq("F2", "Sub", "After")}
        {Seq("F3", "After", "End")}
        """), new[] { "Inner", "After" }));

    [Fact]
    public async Task Boundaries_on_a_start_event_a_sub_process_and_an_end_event_each_stop_the_run_once()
    {
        var instance = await EventsAndScopes.Value.StartAsync();
        var continuable = (IContinuable)instance;
        var stops = new List<(string Node, bool After)>();
        while (instance.Status == InstanceStatus.Waiting)
        {
            var job = Assert.Single(continuable.Continuations);
            stops.Add((job.NodeId, job.After));
            Assert.True(await continuable.ContinueAsync(job.JobId));
        }

        Assert.Equal(new[] { ("Start", false), ("Sub", true), ("End", false) }, stops);
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "Inner", "After" }, TestFlow.Log(instance));
        Assert.Equal(new[] { "Start", "Sub", "SubStart", "Inner", "SubEnd", "After", "End" }, instance.Trace);
    }
}
