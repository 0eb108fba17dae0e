using Flow.Generators.Tests.Infrastructure;
using static Flow.Generators.Tests.Infrastructure.Fixtures;

namespace Flow.Generators.Tests.Diagnostics;

/// <summary>FLOW1106: a non-interrupting event sub-process whose body throws its own trigger before anything waits (issue 12).</summary>
public class SelfTriggeringEventDiagnosticsTests
{
    private const string Roots = """
          <bpmn:message id="Msg_Go" name="go" />
          <bpmn:signal id="Sig_Stop" name="stop" />
          <bpmn:signal id="Sig_Other" name="other" />
          <bpmn:escalation id="Esc_Late" escalationCode="LATE" />
        """;

    private static string WithRoots(string body) =>
        Process(body).Replace("  <bpmn:process", Roots + "\n  <bpmn:process", StringComparison.Ordinal);

    /// <summary>The straight-line process plus event sub-process OnEvent: start OnStart with <paramref name="trigger"/>, then <paramref name="body"/> (flows from OnStart to node B1, …).</summary>
    private static string EventSubProcess(string trigger, string body, string interrupting = "false") => WithRoots(StraightLine + $"""

                <bpmn:subProcess id="OnEvent" triggeredByEvent="true">
                  <bpmn:startEvent id="OnStart" isInterrupting="{interrupting}">{trigger}</bpmn:startEvent>
                  {body}
                </bpmn:subProcess>
            """);

    private const string Signal = "<bpmn:signalEventDefinition signalRef=\"Sig_Stop\" />";

    [Fact]
    [Fires("FLOW1106")]
    public Task A_signal_started_event_sub_process_that_throws_its_signal_again_is_reported_at_its_start_event()
    {
        var text = EventSubProcess(Signal, """
                  <bpmn:serviceTask id="Log" />
                  <bpmn:endEvent id="Again"><bpmn:signalEventDefinition signalRef="Sig_Stop" /></bpmn:endEvent>
                  <bpmn:sequenceFlow id="S1" sourceRef="OnStart" targetRef="Log" />
                  <bpmn:sequenceFlow id="S2" sourceRef="Log" targetRef="Again" />
            """);
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1106", text, "<bpmn:startEvent id=\"OnStart\"").WithArguments("OnEvent", "signal", "stop", "Again"));
    }

    [Fact]
    public Task A_message_started_event_sub_process_that_sends_its_message_by_a_throw_event_is_reported()
    {
        var text = EventSubProcess("<bpmn:messageEventDefinition messageRef=\"Msg_Go\" />", """
                  <bpmn:intermediateThrowEvent id="Send"><bpmn:messageEventDefinition messageRef="Msg_Go" /></bpmn:intermediateThrowEvent>
                  <bpmn:endEvent id="Done" />
                  <bpmn:sequenceFlow id="S1" sourceRef="OnStart" targetRef="Send" />
                  <bpmn:sequenceFlow id="S2" sourceRef="Send" targetRef="Done" />
            """);
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1106", text, "<bpmn:startEvent id=\"OnStart\"").WithArguments("OnEvent", "message", "go", "Send"));
    }

    [Fact]
    public Task An_escalation_thrown_inside_an_embedded_sub_process_of_the_body_is_reported()
    {
        var text = EventSubProcess("<bpmn:escalationEventDefinition escalationRef=\"Esc_Late\" />", """
                  <bpmn:subProcess id="Inner">
                    <bpmn:startEvent id="InnerStart" />
                    <bpmn:intermediateThrowEvent id="Raise"><bpmn:escalationEventDefinition escalationRef="Esc_Late" /></bpmn:intermediateThrowEvent>
                    <bpmn:endEvent id="InnerEnd" />
                    <bpmn:sequenceFlow id="I1" sourceRef="InnerStart" targetRef="Raise" />
                    <bpmn:sequenceFlow id="I2" sourceRef="Raise" targetRef="InnerEnd" />
                  </bpmn:subProcess>
                  <bpmn:endEvent id="Done" />
                  <bpmn:sequenceFlow id="S1" sourceRef="OnStart" targetRef="Inner" />
                  <bpmn:sequenceFlow id="S2" sourceRef="Inner" targetRef="Done" />
            """);
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1106", text, "<bpmn:startEvent id=\"OnStart\"").WithArguments("OnEvent", "escalation", "LATE", "Raise"));
    }

    [Fact]
    public Task A_wait_before_the_throw_is_fine()
    {
        var text = EventSubProcess(Signal, """
                  <bpmn:userTask id="Confirm" />
                  <bpmn:endEvent id="Again"><bpmn:signalEventDefinition signalRef="Sig_Stop" /></bpmn:endEvent>
                  <bpmn:sequenceFlow id="S1" sourceRef="OnStart" targetRef="Confirm" />
                  <bpmn:sequenceFlow id="S2" sourceRef="Confirm" targetRef="Again" />
            """);
        return GeneratorTest.VerifyAsync(text);
    }

    [Fact]
    public Task An_interrupting_start_or_another_signal_is_fine()
    {
        const string body = """
                  <bpmn:endEvent id="Again"><bpmn:signalEventDefinition signalRef="Sig_Stop" /></bpmn:endEvent>
                  <bpmn:sequenceFlow id="S1" sourceRef="OnStart" targetRef="Again" />
            """;
        return Task.WhenAll(
            GeneratorTest.VerifyAsync(EventSubProcess(Signal, body, interrupting: "true")),
            GeneratorTest.VerifyAsync(EventSubProcess("<bpmn:signalEventDefinition signalRef=\"Sig_Other\" />", body)));
    }

    [Fact]
    public Task An_unbounded_timer_cycle_with_a_body_that_never_waits_is_fine()
    {
        var text = EventSubProcess("<bpmn:timerEventDefinition><bpmn:timeCycle>R/PT1M</bpmn:timeCycle></bpmn:timerEventDefinition>", """
                  <bpmn:serviceTask id="Log" />
                  <bpmn:endEvent id="Done" />
                  <bpmn:sequenceFlow id="S1" sourceRef="OnStart" targetRef="Log" />
                  <bpmn:sequenceFlow id="S2" sourceRef="Log" targetRef="Done" />
            """);
        return GeneratorTest.VerifyAsync(text);
    }
}
