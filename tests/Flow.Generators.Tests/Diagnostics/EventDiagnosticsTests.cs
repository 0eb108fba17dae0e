using Flow.Generators.Tests.Infrastructure;
using static Flow.Generators.Tests.Infrastructure.Fixtures;

namespace Flow.Generators.Tests.Diagnostics;

/// <summary>Build-time checks of events that throw and catch (issue 12): each id at its element or attribute.</summary>
public class EventDiagnosticsTests
{
    private const string Roots = """
          <bpmn:error id="Err_Declined" errorCode="DECLINED" />
          <bpmn:message id="Msg_Go" name="go" />
          <bpmn:signal id="Sig_Stop" name="stop" />
        """;

    private static string WithRoots(string body) =>
        Process(body).Replace("  <bpmn:process", Roots + "\n  <bpmn:process", StringComparison.Ordinal)
            .Replace("id=\"Definitions_1\"", "xmlns:flow=\"http://flow-generators.dev/schema/bpmn\" id=\"Definitions_1\"", StringComparison.Ordinal);

    /// <summary>start → user task Review → end, with a boundary event path Caught → Handled.</summary>
    private static string ReviewWith(string boundary) => WithRoots($"""
            <bpmn:startEvent id="Start" />
            <bpmn:userTask id="Review" />
            <bpmn:endEvent id="End" />
            {boundary}
            <bpmn:endEvent id="Handled" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Review" />
            <bpmn:sequenceFlow id="F2" sourceRef="Review" targetRef="End" />
            <bpmn:sequenceFlow id="F3" sourceRef="Caught" targetRef="Handled" />
        """);

    [Fact]
    [Fires("FLOW1100")]
    public Task A_boundary_event_on_a_gateway_is_reported_at_its_attachedToRef()
    {
        var text = WithRoots("""
                <bpmn:startEvent id="Start" />
                <bpmn:exclusiveGateway id="Split" />
                <bpmn:endEvent id="End" />
                <bpmn:boundaryEvent id="Caught" attachedToRef="Split"><bpmn:messageEventDefinition messageRef="Msg_Go" /></bpmn:boundaryEvent>
                <bpmn:endEvent id="Handled" />
                <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Split" />
                <bpmn:sequenceFlow id="F2" sourceRef="Split" targetRef="End" />
                <bpmn:sequenceFlow id="F3" sourceRef="Caught" targetRef="Handled" />
            """);
        return GeneratorTest.VerifyAsync(
            text,
            AtElement("FLOW2009", text, "<bpmn:exclusiveGateway id"),
            AtText("FLOW1100", text, "attachedToRef=\"Split\"").WithArguments("Caught", "Split", "an exclusive gateway has no boundary; only tasks and sub-processes do"),
            AtElement("FLOW1008", text, "<bpmn:boundaryEvent id"),
            AtElement("FLOW1008", text, "<bpmn:endEvent id=\"Handled\""));
    }

    [Fact]
    [Fires("FLOW1101")]
    public Task A_non_interrupting_error_boundary()
    {
        var text = ReviewWith("<bpmn:boundaryEvent id=\"Caught\" attachedToRef=\"Review\" cancelActivity=\"false\"><bpmn:errorEventDefinition /></bpmn:boundaryEvent>");
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1101", text, "<bpmn:boundaryEvent id"));
    }

    [Fact]
    [Fires("FLOW1102")]
    public Task An_error_end_event_with_an_unknown_errorRef()
    {
        var text = WithRoots(StraightLine.Replace(
            "<bpmn:endEvent id=\"End\" />",
            "<bpmn:endEvent id=\"End\"><bpmn:errorEventDefinition errorRef=\"Err_Nothing\" /></bpmn:endEvent>",
            StringComparison.Ordinal));
        return GeneratorTest.VerifyAsync(text, AtText("FLOW1102", text, "errorRef=\"Err_Nothing\"").WithArguments("End", "error 'Err_Nothing'"));
    }

    [Fact]
    public Task A_message_reference_to_a_signal_is_unresolved_too()
    {
        var text = ReviewWith("<bpmn:boundaryEvent id=\"Caught\" attachedToRef=\"Review\"><bpmn:messageEventDefinition messageRef=\"Sig_Stop\" /></bpmn:boundaryEvent>");
        return GeneratorTest.VerifyAsync(text, AtText("FLOW1102", text, "messageRef=\"Sig_Stop\"").WithArguments("Caught", "message 'Sig_Stop'"));
    }

    [Fact]
    [Fires("FLOW1103")]
    public Task An_error_boundary_on_a_user_task_catches_nothing()
    {
        var text = ReviewWith("<bpmn:boundaryEvent id=\"Caught\" attachedToRef=\"Review\"><bpmn:errorEventDefinition errorRef=\"Err_Declined\" /></bpmn:boundaryEvent>");
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1103", text, "<bpmn:boundaryEvent id").WithArguments("Caught", "DECLINED", "Review"));
    }

    [Fact]
    public Task An_error_boundary_on_a_sub_process_with_an_error_end_of_its_code_is_fine()
    {
        var text = WithRoots("""
                <bpmn:startEvent id="Start" />
                <bpmn:subProcess id="Sub">
                  <bpmn:startEvent id="SubStart" />
                  <bpmn:endEvent id="Fail"><bpmn:errorEventDefinition errorRef="Err_Declined" /></bpmn:endEvent>
                  <bpmn:sequenceFlow id="S1" sourceRef="SubStart" targetRef="Fail" />
                </bpmn:subProcess>
                <bpmn:boundaryEvent id="Caught" attachedToRef="Sub"><bpmn:errorEventDefinition errorRef="Err_Declined" /></bpmn:boundaryEvent>
                <bpmn:endEvent id="End" />
                <bpmn:endEvent id="Handled" />
                <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Sub" />
                <bpmn:sequenceFlow id="F2" sourceRef="Sub" targetRef="End" />
                <bpmn:sequenceFlow id="F3" sourceRef="Caught" targetRef="Handled" />
            """);
        return GeneratorTest.VerifyAsync(text);
    }

    [Fact]
    [Fires("FLOW1104")]
    public Task A_message_catch_without_messageRef()
    {
        var text = ReviewWith("<bpmn:boundaryEvent id=\"Caught\" attachedToRef=\"Review\"><bpmn:messageEventDefinition id=\"NoRef\" /></bpmn:boundaryEvent>");
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1104", text, "<bpmn:messageEventDefinition id").WithArguments("Message boundary event", "Caught", "messageRef", "Caught"));
    }

    [Fact]
    [Fires("FLOW1105")]
    public Task A_signal_boundary_on_a_service_task_can_never_catch()
    {
        var text = WithRoots("""
                <bpmn:startEvent id="Start" />
                <bpmn:serviceTask id="Pay" />
                <bpmn:endEvent id="End" />
                <bpmn:boundaryEvent id="Caught" attachedToRef="Pay"><bpmn:signalEventDefinition signalRef="Sig_Stop" /></bpmn:boundaryEvent>
                <bpmn:endEvent id="Handled" />
                <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Pay" />
                <bpmn:sequenceFlow id="F2" sourceRef="Pay" targetRef="End" />
                <bpmn:sequenceFlow id="F3" sourceRef="Caught" targetRef="Handled" />
            """);
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1105", text, "<bpmn:boundaryEvent id").WithArguments("Caught", "signal", "Pay"));
    }

    [Fact]
    [Fires("FLOW3100")]
    public Task A_correlation_key_on_a_user_task_is_ignored()
    {
        var text = WithRoots(StraightLine.Replace("<bpmn:task id=\"Work\" name=\"Work\" />", "<bpmn:userTask id=\"Work\" flow:correlationKey=\"orderId\" />", StringComparison.Ordinal));
        return GeneratorTest.VerifyAsync(text, AtText("FLOW3100", text, "orderId").WithArguments("Work"));
    }

    [Fact]
    public Task Message_signal_escalation_link_and_event_based_gateway_elements_are_supported()
    {
        var text = WithRoots("""
                <bpmn:startEvent id="Start" />
                <bpmn:eventBasedGateway id="Which" />
                <bpmn:intermediateCatchEvent id="Go" flow:correlationKey="1"><bpmn:messageEventDefinition messageRef="Msg_Go" /></bpmn:intermediateCatchEvent>
                <bpmn:intermediateCatchEvent id="Stop"><bpmn:signalEventDefinition signalRef="Sig_Stop" /></bpmn:intermediateCatchEvent>
                <bpmn:intermediateThrowEvent id="Jump"><bpmn:linkEventDefinition name="L" /></bpmn:intermediateThrowEvent>
                <bpmn:intermediateCatchEvent id="Land"><bpmn:linkEventDefinition name="L" /></bpmn:intermediateCatchEvent>
                <bpmn:endEvent id="End"><bpmn:signalEventDefinition signalRef="Sig_Stop" /></bpmn:endEvent>
                <bpmn:endEvent id="End2" />
                <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Which" />
                <bpmn:sequenceFlow id="F2" sourceRef="Which" targetRef="Go" />
                <bpmn:sequenceFlow id="F3" sourceRef="Which" targetRef="Stop" />
                <bpmn:sequenceFlow id="F4" sourceRef="Go" targetRef="Jump" />
                <bpmn:sequenceFlow id="F5" sourceRef="Land" targetRef="End" />
                <bpmn:sequenceFlow id="F6" sourceRef="Stop" targetRef="End2" />
            """);
        return GeneratorTest.VerifyAsync(text);
    }

    [Fact]
    public Task Event_sub_processes_started_by_a_message_an_error_or_a_timer_are_supported()
    {
        var text = WithRoots(StraightLine + """

                <bpmn:subProcess id="OnGo" triggeredByEvent="true">
                  <bpmn:startEvent id="GoStart" isInterrupting="false"><bpmn:messageEventDefinition messageRef="Msg_Go" /></bpmn:startEvent>
                  <bpmn:endEvent id="GoEnd" />
                  <bpmn:sequenceFlow id="G1" sourceRef="GoStart" targetRef="GoEnd" />
                </bpmn:subProcess>
                <bpmn:subProcess id="OnError" triggeredByEvent="true">
                  <bpmn:startEvent id="ErrorStart"><bpmn:errorEventDefinition errorRef="Err_Declined" /></bpmn:startEvent>
                  <bpmn:endEvent id="ErrorEnd" />
                  <bpmn:sequenceFlow id="E1" sourceRef="ErrorStart" targetRef="ErrorEnd" />
                </bpmn:subProcess>
                <bpmn:subProcess id="OnTime" triggeredByEvent="true">
                  <bpmn:startEvent id="TimeStart"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1M</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:startEvent>
                  <bpmn:endEvent id="TimeEnd" />
                  <bpmn:sequenceFlow id="T1" sourceRef="TimeStart" targetRef="TimeEnd" />
                </bpmn:subProcess>
            """);
        return GeneratorTest.VerifyAsync(text);
    }
}
