using Flow.Execution.Tests.Infrastructure;
using static Flow.Execution.Tests.Events.EventBpmn;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests.Events;

/// <summary>Event sub-processes started by a message, signal, error or escalation, interrupting their scope or not (issue 12).</summary>
public class EventSubProcessTests
{
    private const string Roots = """
          <bpmn:message id="Msg_Cancel" name="cancel" />
          <bpmn:signal id="Sig_Audit" name="audit" />
          <bpmn:error id="Err_Declined" errorCode="DECLINED" />
          <bpmn:escalation id="Esc_Late" escalationCode="LATE" />
        """;

    // The main flow waits at Review; "cancel" interrupts it, "audit" runs beside it.
    private static readonly string Main = WithRoot(Roots, $"""
            <bpmn:startEvent id="Start" />
            <bpmn:userTask id="Review" />
        {Service("Ship")}
            <bpmn:endEvent id="End" />
        {Seq("F1", "Start", "Review")}
        {Seq("F2", "Review", "Ship")}
        {Seq("F3", "Ship", "End")}
            <bpmn:subProcess id="OnCancel" triggeredByEvent="true">
              <bpmn:startEvent id="CancelStart"><bpmn:messageEventDefinition messageRef="Msg_Cancel" /></bpmn:startEvent>
              <bpmn:serviceTask id="Undo" flow:handler="Undo" />
              <bpmn:endEvent id="CancelEnd" />
              <bpmn:sequenceFlow id="C1" sourceRef="CancelStart" targetRef="Undo" />
              <bpmn:sequenceFlow id="C2" sourceRef="Undo" targetRef="CancelEnd" />
            </bpmn:subProcess>
            <bpmn:subProcess id="OnAudit" triggeredByEvent="true">
              <bpmn:startEvent id="AuditStart" isInterrupting="false"><bpmn:signalEventDefinition signalRef="Sig_Audit" /></bpmn:startEvent>
              <bpmn:serviceTask id="Audit" flow:handler="Audit" />
              <bpmn:endEvent id="AuditEnd" />
              <bpmn:sequenceFlow id="A1" sourceRef="AuditStart" targetRef="Audit" />
              <bpmn:sequenceFlow id="A2" sourceRef="Audit" targetRef="AuditEnd" />
            </bpmn:subProcess>
        """);

    private static TestFlow BuildMain() => TestFlow.Build(Main, new[] { "Ship", "Undo", "Audit" });

    [Fact]
    public async Task An_interrupting_message_event_sub_process_ends_the_process_flow_after_a_json_round_trip()
    {
        var flow = BuildMain();
        var instance = RoundTrip(flow, await flow.StartAsync());
        Assert.Equal(2, instance.Subscriptions.Count);

        await instance.CorrelateWithJsonAsync("cancel", null, null);

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "Undo" }, TestFlow.Log(instance));
        Assert.Equal(new[] { "Start", "Review", "OnCancel", "CancelStart", "Undo", "CancelEnd" }, instance.Trace);
        Assert.Empty(instance.Subscriptions);
    }

    [Fact]
    public async Task A_non_interrupting_signal_event_sub_process_runs_beside_the_waiting_flow()
    {
        var flow = BuildMain();
        var instance = RoundTrip(flow, await flow.StartAsync());

        Assert.Equal(1, await instance.SignalAsync("audit"));
        Assert.Equal(1, await instance.SignalAsync("audit"));

        Assert.Equal(InstanceStatus.Waiting, instance.Status);
        Assert.Equal(new[] { "Review" }, instance.WaitingAt);
        Assert.Equal(new[] { "Audit", "Audit" }, TestFlow.Log(instance));
        await instance.CompleteAsync("Review");
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Empty(instance.Subscriptions);
    }

    [Fact]
    public async Task An_error_event_sub_process_inside_a_sub_process_catches_a_handlers_FlowError_and_the_process_goes_on()
    {
        var text = WithRoot(Roots, $"""
                <bpmn:startEvent id="Start" />
                <bpmn:subProcess id="Sub">
                  <bpmn:startEvent id="SubStart" />
                  <bpmn:serviceTask id="Pay" flow:handler="Pay" />
                  <bpmn:endEvent id="SubEnd" />
                  <bpmn:sequenceFlow id="S1" sourceRef="SubStart" targetRef="Pay" />
                  <bpmn:sequenceFlow id="S2" sourceRef="Pay" targetRef="SubEnd" />
                  <bpmn:subProcess id="OnDeclined" triggeredByEvent="true">
                    <bpmn:startEvent id="DeclinedStart"><bpmn:errorEventDefinition errorRef="Err_Declined" /></bpmn:startEvent>
                    <bpmn:serviceTask id="Apologise" flow:handler="Apologise" />
                    <bpmn:endEvent id="DeclinedEnd" />
                    <bpmn:sequenceFlow id="D1" sourceRef="DeclinedStart" targetRef="Apologise" />
                    <bpmn:sequenceFlow id="D2" sourceRef="Apologise" targetRef="DeclinedEnd" />
                  </bpmn:subProcess>
                </bpmn:subProcess>
            {Service("After")}
                <bpmn:endEvent id="End" />
            {Seq("F1", "Start", "Sub")}
            {Seq("F2", "Sub", "After")}
            {Seq("F3", "After", "End")}
            """, CodeVariable);
        var flow = TestFlow.Build(text, new[] { "Apologise", "After" }, ThrowingHandler("Pay"));

        var instance = await flow.StartAsync(("code", "DECLINED"));

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "Pay", "Apologise", "After" }, TestFlow.Log(instance));
        Assert.Equal(new[] { "Start", "Sub", "SubStart", "OnDeclined", "DeclinedStart", "Apologise", "DeclinedEnd", "After", "End" }, instance.Trace);
    }

    [Fact]
    public async Task A_non_interrupting_escalation_event_sub_process_lets_the_thrower_go_on()
    {
        var text = WithRoot(Roots, $"""
                <bpmn:startEvent id="Start" />
                <bpmn:intermediateThrowEvent id="TooLate"><bpmn:escalationEventDefinition escalationRef="Esc_Late" /></bpmn:intermediateThrowEvent>
            {Service("Finish")}
                <bpmn:endEvent id="End" />
            {Seq("F1", "Start", "TooLate")}
            {Seq("F2", "TooLate", "Finish")}
            {Seq("F3", "Finish", "End")}
                <bpmn:subProcess id="OnLate" triggeredByEvent="true">
                  <bpmn:startEvent id="LateStart" isInterrupting="false"><bpmn:escalationEventDefinition escalationRef="Esc_Late" /></bpmn:startEvent>
                  <bpmn:serviceTask id="Report" flow:handler="Report" />
                  <bpmn:endEvent id="LateEnd" />
                  <bpmn:sequenceFlow id="L1" sourceRef="LateStart" targetRef="Report" />
                  <bpmn:sequenceFlow id="L2" sourceRef="Report" targetRef="LateEnd" />
                </bpmn:subProcess>
            """);
        var flow = TestFlow.Build(text, new[] { "Finish", "Report" });

        var instance = await flow.StartAsync();

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "Report", "Finish" }, TestFlow.Log(instance));
    }
}
