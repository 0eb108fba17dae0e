using System.Reflection;
using Flow.Execution.Tests.Infrastructure;
using static Flow.Execution.Tests.Events.EventBpmn;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests.Events;

/// <summary>Error end events and FlowError from handlers, caught by boundary error events or failing the instance (issue 12).</summary>
public class ErrorEventTests
{
    private const string Errors = """
          <bpmn:error id="Err_Declined" name="Declined" errorCode="DECLINED" />
          <bpmn:error id="Err_Fraud" name="Fraud" errorCode="FRAUD" />
        """;

    // Pay may throw; DECLINED goes to Retry, anything else to the catch-all Manual.
    private static readonly string PayWithBoundaries = WithRoot(Errors, $"""
            <bpmn:startEvent id="Start" />
            <bpmn:serviceTask id="Pay" flow:handler="Pay" />
            <bpmn:boundaryEvent id="CatchAll" attachedToRef="Pay"><bpmn:errorEventDefinition /></bpmn:boundaryEvent>
            <bpmn:boundaryEvent id="OnDeclined" attachedToRef="Pay"><bpmn:errorEventDefinition errorRef="Err_Declined" /></bpmn:boundaryEvent>
        {Service("Ship")}
        {Service("Retry")}
        {Service("Manual")}
            <bpmn:endEvent id="End" />
            <bpmn:endEvent id="EndRetry" />
            <bpmn:endEvent id="EndManual" />
        {Seq("F1", "Start", "Pay")}
        {Seq("F2", "Pay", "Ship")}
        {Seq("F3", "Ship", "End")}
        {Seq("F4", "OnDeclined", "Retry")}
        {Seq("F5", "Retry", "EndRetry")}
        {Seq("F6", "CatchAll", "Manual")}
        {Seq("F7", "Manual", "EndManual")}
        """, CodeVariable);

    private static TestFlow BuildPay() => TestFlow.Build(PayWithBoundaries, new[] { "Ship", "Retry", "Manual" }, ThrowingHandler("Pay"));

    [Fact]
    public async Task A_FlowError_from_a_handler_is_caught_by_the_boundary_with_its_code()
    {
        var flow = BuildPay();

        var instance = await flow.StartAsync(("code", "DECLINED"));

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "Pay", "Retry" }, TestFlow.Log(instance));
        Assert.Equal(new[] { "Start", "OnDeclined", "Retry", "EndRetry" }, instance.Trace);
    }

    [Fact]
    public async Task A_code_without_its_own_boundary_goes_to_the_catch_all_and_no_error_takes_the_normal_path()
    {
        var flow = BuildPay();

        var fraud = await flow.StartAsync(("code", "FRAUD"));
        var fine = await flow.StartAsync();

        Assert.Equal(new[] { "Start", "CatchAll", "Manual", "EndManual" }, fraud.Trace);
        Assert.Equal(InstanceStatus.Completed, fraud.Status);
        Assert.Equal(new[] { "Start", "Pay", "Ship", "End" }, fine.Trace);
    }

    // An error end event inside a sub-process; a parallel branch of the sub-process waits at a user task.
    private static readonly string SubProcessWithErrorEnd = WithRoot(Errors, $"""
            <bpmn:startEvent id="Start" />
            <bpmn:subProcess id="Sub">
              <bpmn:startEvent id="SubStart" />
              <bpmn:parallelGateway id="Fork" />
              <bpmn:userTask id="Approve" />
              <bpmn:userTask id="Check" />
              <bpmn:endEvent id="Declined"><bpmn:errorEventDefinition errorRef="Err_Declined" /></bpmn:endEvent>
              <bpmn:endEvent id="SubEnd" />
              <bpmn:sequenceFlow id="S1" sourceRef="SubStart" targetRef="Fork" />
              <bpmn:sequenceFlow id="S2" sourceRef="Fork" targetRef="Approve" />
              <bpmn:sequenceFlow id="S3" sourceRef="Fork" targetRef="Check" />
              <bpmn:sequenceFlow id="S4" sourceRef="Check" targetRef="Declined" />
              <bpmn:sequenceFlow id="S5" sourceRef="Approve" targetRef="SubEnd" />
            </bpmn:subProcess>
            <bpmn:boundaryEvent id="OnDeclined" attachedToRef="Sub"><bpmn:errorEventDefinition errorRef="Err_Declined" /></bpmn:boundaryEvent>
        {Service("Refund")}
            <bpmn:endEvent id="End" />
            <bpmn:endEvent id="EndRefund" />
        {Seq("F1", "Start", "Sub")}
        {Seq("F2", "Sub", "End")}
        {Seq("F3", "OnDeclined", "Refund")}
        {Seq("F4", "Refund", "EndRefund")}
        """);

    [Fact]
    public async Task An_error_end_in_a_sub_process_is_caught_on_the_sub_process_and_cancels_its_whole_scope_after_a_json_round_trip()
    {
        var flow = TestFlow.Build(SubProcessWithErrorEnd, new[] { "Refund" });
        var started = await flow.StartAsync();
        Assert.Equal(new[] { "Approve", "Check" }, started.WaitingAt);

        var instance = RoundTrip(flow, started);
        await instance.CompleteAsync("Check");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Empty(instance.WaitingAt);
        Assert.Equal(new[] { "Refund" }, TestFlow.Log(instance));
        Assert.Equal(new[] { "Start", "Sub", "SubStart", "Fork", "Approve", "Check", "Declined", "OnDeclined", "Refund", "EndRefund" }, instance.Trace);
        var refused = await Assert.ThrowsAsync<FlowInstanceException>(() => instance.CompleteAsync("Approve").AsTask());
        Assert.Equal("FLOW6042", refused.Id);
    }

    [Fact]
    public async Task An_error_thrown_in_an_inner_sub_process_is_caught_by_the_outer_one_when_the_inner_has_no_boundary()
    {
        var text = WithRoot(Errors, $"""
                <bpmn:startEvent id="Start" />
                <bpmn:subProcess id="Outer">
                  <bpmn:startEvent id="OuterStart" />
                  <bpmn:subProcess id="Inner">
                    <bpmn:startEvent id="InnerStart" />
                    <bpmn:serviceTask id="Pay" flow:handler="Pay" />
                    <bpmn:endEvent id="InnerEnd" />
                    <bpmn:sequenceFlow id="I1" sourceRef="InnerStart" targetRef="Pay" />
                    <bpmn:sequenceFlow id="I2" sourceRef="Pay" targetRef="InnerEnd" />
                  </bpmn:subProcess>
                  <bpmn:endEvent id="OuterEnd" />
                  <bpmn:sequenceFlow id="O1" sourceRef="OuterStart" targetRef="Inner" />
                  <bpmn:sequenceFlow id="O2" sourceRef="Inner" targetRef="OuterEnd" />
                </bpmn:subProcess>
                <bpmn:boundaryEvent id="OnFraud" attachedToRef="Outer"><bpmn:errorEventDefinition errorRef="Err_Fraud" /></bpmn:boundaryEvent>
                <bpmn:endEvent id="End" />
                <bpmn:endEvent id="Stopped" />
            {Seq("F1", "Start", "Outer")}
            {Seq("F2", "Outer", "End")}
            {Seq("F3", "OnFraud", "Stopped")}
            """, CodeVariable);
        var flow = TestFlow.Build(text, Array.Empty<string>(), ThrowingHandler("Pay"));

        var instance = await flow.StartAsync(("code", "FRAUD"));

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "Start", "Outer", "OuterStart", "Inner", "InnerStart", "OnFraud", "Stopped" }, instance.Trace);
        Assert.Contains("\"Scopes\":[]", instance.ToJson(), StringComparison.Ordinal);
    }

    // No boundary event at all: the process runs as a straight line too.
    private static readonly string Uncaught = WithRoot(Errors, $"""
            <bpmn:startEvent id="Start" />
            <bpmn:serviceTask id="Pay" flow:handler="Pay" />
        {Service("Ship")}
            <bpmn:endEvent id="End" />
        {Seq("F1", "Start", "Pay")}
        {Seq("F2", "Pay", "Ship")}
        {Seq("F3", "Ship", "End")}
        """, CodeVariable);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_uncaught_FlowError_fails_the_instance_for_good_on_both_engines(bool tokenEngine)
    {
        var flow = TestFlow.Build(Uncaught, new[] { "Ship" }, ThrowingHandler("Pay"));
        var straight = flow.Process.GetType().GetProperty("HasStraightPath", BindingFlags.NonPublic | BindingFlags.Instance)!;
        Assert.True((bool)straight.GetValue(flow.Process)!);
        EngineSwitch.ForceTokenEngine = tokenEngine;

        var instance = await flow.StartAsync(("code", "DECLINED"));

        Assert.Equal(InstanceStatus.Failed, instance.Status);
        Assert.Equal("Pay", instance.Failure!.NodeId);
        Assert.Equal("BpmnError", instance.Failure.Kind);
        Assert.Equal("DECLINED", instance.Failure.Message);
        Assert.IsType<FlowError>(instance.Exception);
        Assert.Equal(new[] { "Start" }, instance.Trace);
        Assert.True(instance.HasEnded);
        await Assert.ThrowsAsync<InvalidOperationException>(() => instance.RetryAsync().AsTask());
        await AbnormalEndTests.AssertEndedForGood(flow, instance.ToJson(), "Ship", "DECLINED");
    }
}

