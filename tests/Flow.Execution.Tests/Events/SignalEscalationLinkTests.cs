using Flow.Execution.Tests.Infrastructure;
using static Flow.Execution.Tests.Events.EventBpmn;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests.Events;

/// <summary>Signals, escalations, links and event-based gateways on the token engine (issue 12).</summary>
public class SignalEscalationLinkTests
{
    private const string Roots = """
          <bpmn:signal id="Sig_Stop" name="stop everything" />
          <bpmn:message id="Msg_Go" name="go" />
          <bpmn:escalation id="Esc_Late" name="Late" escalationCode="LATE" />
        """;

    // One branch waits for the signal, the other throws it after a user task.
    private static readonly string SignalInOneInstance = WithRoot(Roots, $"""
            <bpmn:startEvent id="Start" />
            <bpmn:parallelGateway id="Fork" />
            <bpmn:intermediateCatchEvent id="Stopped"><bpmn:signalEventDefinition signalRef="Sig_Stop" /></bpmn:intermediateCatchEvent>
            <bpmn:userTask id="Decide" />
            <bpmn:intermediateThrowEvent id="Stop"><bpmn:signalEventDefinition signalRef="Sig_Stop" /></bpmn:intermediateThrowEvent>
        {Service("Clean")}
            <bpmn:endEvent id="End1" />
            <bpmn:endEvent id="End2" />
        {Seq("F1", "Start", "Fork")}
        {Seq("F2", "Fork", "Stopped")}
        {Seq("F3", "Fork", "Decide")}
        {Seq("F4", "Decide", "Stop")}
        {Seq("F5", "Stop", "End2")}
        {Seq("F6", "Stopped", "Clean")}
        {Seq("F7", "Clean", "End1")}
        """);

    [Fact]
    public async Task A_signal_thrown_in_an_instance_reaches_its_own_catch_and_is_reported_for_broadcast()
    {
        var flow = TestFlow.Build(SignalInOneInstance, new[] { "Clean" });
        var instance = RoundTrip(flow, await flow.StartAsync());
        Assert.Equal(new[] { "Stopped", "Decide" }, instance.WaitingAt);

        await instance.CompleteAsync("Decide");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "Clean" }, TestFlow.Log(instance));
        Assert.Equal(new[] { "stop everything" }, instance.ThrownSignals);
    }

    [Fact]
    public async Task A_signal_from_outside_reaches_the_waiting_catch_after_a_json_round_trip()
    {
        var flow = TestFlow.Build(SignalInOneInstance, new[] { "Clean" });
        var instance = RoundTrip(flow, await flow.StartAsync());

        Assert.Equal(0, await instance.SignalAsync("another signal"));
        Assert.Equal(1, await instance.SignalAsync("stop everything"));

        Assert.Equal(new[] { "Decide" }, instance.WaitingAt);
        Assert.Equal(new[] { "Clean" }, TestFlow.Log(instance));
    }

    // An event-based gateway: the message "go" or the signal, whichever comes first.
    private static readonly string Race = WithRoot(Roots, $"""
            <bpmn:startEvent id="Start" />
            <bpmn:eventBasedGateway id="Which" />
            <bpmn:intermediateCatchEvent id="Go"><bpmn:messageEventDefinition messageRef="Msg_Go" /></bpmn:intermediateCatchEvent>
            <bpmn:intermediateCatchEvent id="Halt"><bpmn:signalEventDefinition signalRef="Sig_Stop" /></bpmn:intermediateCatchEvent>
        {Service("Run")}
        {Service("Abort")}
            <bpmn:endEvent id="End1" />
            <bpmn:endEvent id="End2" />
        {Seq("F1", "Start", "Which")}
        {Seq("F2", "Which", "Go")}
        {Seq("F3", "Which", "Halt")}
        {Seq("F4", "Go", "Run")}
        {Seq("F5", "Run", "End1")}
        {Seq("F6", "Halt", "Abort")}
        {Seq("F7", "Abort", "End2")}
        """);

    [Fact]
    public async Task The_first_event_after_an_event_based_gateway_wins_and_the_others_are_cancelled()
    {
        var flow = TestFlow.Build(Race, new[] { "Run", "Abort" });
        var started = await flow.StartAsync();
        Assert.Equal(new[] { "Which" }, started.WaitingAt);
        Assert.Equal(2, started.Subscriptions.Count);

        var instance = RoundTrip(flow, started);
        await instance.CorrelateWithJsonAsync("go", null, null);

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "Start", "Which", "Go", "Run", "End1" }, instance.Trace);
        Assert.Empty(instance.Subscriptions);
        Assert.Equal(0, await instance.SignalAsync("stop everything"));
    }

    [Fact]
    public async Task A_signal_wins_the_race_too()
    {
        var flow = TestFlow.Build(Race, new[] { "Run", "Abort" });
        var instance = await flow.StartAsync();

        Assert.Equal(1, await instance.SignalAsync("stop everything"));

        Assert.Equal(new[] { "Abort" }, TestFlow.Log(instance));
        Assert.Equal("FLOW6180", (await Assert.ThrowsAsync<FlowInstanceException>(() => instance.CorrelateWithJsonAsync("go", null, null).AsTask())).Id);
    }

    // An escalation thrown inside a sub-process: a non-interrupting boundary reports it, the sub-process goes on.
    private static string Escalating(bool interrupting) => WithRoot(Roots, $"""
            <bpmn:startEvent id="Start" />
            <bpmn:subProcess id="Sub">
              <bpmn:startEvent id="SubStart" />
              <bpmn:intermediateThrowEvent id="TooLate"><bpmn:escalationEventDefinition escalationRef="Esc_Late" /></bpmn:intermediateThrowEvent>
              <bpmn:serviceTask id="Finish" flow:handler="Finish" />
              <bpmn:endEvent id="SubEnd" />
              <bpmn:sequenceFlow id="S1" sourceRef="SubStart" targetRef="TooLate" />
              <bpmn:sequenceFlow id="S2" sourceRef="TooLate" targetRef="Finish" />
              <bpmn:sequenceFlow id="S3" sourceRef="Finish" targetRef="SubEnd" />
            </bpmn:subProcess>
            <bpmn:boundaryEvent id="OnLate" attachedToRef="Sub" cancelActivity="{(interrupting ? "true" : "false")}"><bpmn:escalationEventDefinition escalationRef="Esc_Late" /></bpmn:boundaryEvent>
        {Service("Report")}
            <bpmn:endEvent id="End" />
            <bpmn:endEvent id="Reported" />
        {Seq("F1", "Start", "Sub")}
        {Seq("F2", "Sub", "End")}
        {Seq("F3", "OnLate", "Report")}
        {Seq("F4", "Report", "Reported")}
        """);

    [Theory]
    [InlineData(false, new[] { "Report", "Finish" })]
    [InlineData(true, new[] { "Report" })]
    public async Task An_escalation_is_caught_on_the_sub_process_interrupting_it_or_not(bool interrupting, string[] log)
    {
        var flow = TestFlow.Build(Escalating(interrupting), new[] { "Finish", "Report" });

        var instance = await flow.StartAsync();

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(log, TestFlow.Log(instance));
        Assert.Equal(!interrupting, instance.Trace.Contains("End"));
    }

    [Fact]
    public async Task An_uncaught_escalation_lets_the_process_go_on()
    {
        var text = WithRoot(Roots, $"""
                <bpmn:startEvent id="Start" />
                <bpmn:intermediateThrowEvent id="TooLate"><bpmn:escalationEventDefinition escalationRef="Esc_Late" /></bpmn:intermediateThrowEvent>
                <bpmn:endEvent id="End"><bpmn:escalationEventDefinition escalationRef="Esc_Late" /></bpmn:endEvent>
            {Seq("F1", "Start", "TooLate")}
            {Seq("F2", "TooLate", "End")}
            """);
        var flow = TestFlow.Build(text, Array.Empty<string>());

        var instance = await flow.StartAsync();

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "Start", "TooLate", "End" }, instance.Trace);
    }

    [Fact]
    public async Task A_link_throw_jumps_to_its_catch_in_the_same_scope()
    {
        var text = Process($"""
                <bpmn:startEvent id="Start" />
            {Service("Before")}
                <bpmn:intermediateThrowEvent id="GoTo"><bpmn:linkEventDefinition name="Page2" /></bpmn:intermediateThrowEvent>
                <bpmn:intermediateCatchEvent id="Landing"><bpmn:linkEventDefinition name="Page2" /></bpmn:intermediateCatchEvent>
            {Service("After")}
                <bpmn:endEvent id="End" />
            {Seq("F1", "Start", "Before")}
            {Seq("F2", "Before", "GoTo")}
            {Seq("F3", "Landing", "After")}
            {Seq("F4", "After", "End")}
            """);
        var flow = TestFlow.Build(text, new[] { "Before", "After" });

        var instance = await flow.StartAsync();

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "Start", "Before", "GoTo", "Landing", "After", "End" }, instance.Trace);
    }

    [Fact]
    public async Task A_signal_boundary_on_a_sub_process_cancels_it_and_a_signal_end_event_throws()
    {
        var text = WithRoot(Roots, $"""
                <bpmn:startEvent id="Start" />
                <bpmn:subProcess id="Sub">
                  <bpmn:startEvent id="SubStart" />
                  <bpmn:userTask id="Work" />
                  <bpmn:endEvent id="SubEnd" />
                  <bpmn:sequenceFlow id="S1" sourceRef="SubStart" targetRef="Work" />
                  <bpmn:sequenceFlow id="S2" sourceRef="Work" targetRef="SubEnd" />
                </bpmn:subProcess>
                <bpmn:boundaryEvent id="OnStop" attachedToRef="Sub"><bpmn:signalEventDefinition signalRef="Sig_Stop" /></bpmn:boundaryEvent>
                <bpmn:endEvent id="End" />
                <bpmn:endEvent id="StopAll"><bpmn:signalEventDefinition signalRef="Sig_Stop" /></bpmn:endEvent>
            {Seq("F1", "Start", "Sub")}
            {Seq("F2", "Sub", "End")}
            {Seq("F3", "OnStop", "StopAll")}
            """);
        var flow = TestFlow.Build(text, Array.Empty<string>());
        var instance = RoundTrip(flow, await flow.StartAsync());
        Assert.Equal(new[] { "Work" }, instance.WaitingAt);

        Assert.Equal(1, await instance.SignalAsync("stop everything"));

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(new[] { "Start", "Sub", "SubStart", "Work", "OnStop", "StopAll" }, instance.Trace);
        Assert.Equal(new[] { "stop everything" }, instance.ThrownSignals);
    }
}
