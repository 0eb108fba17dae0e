using Flow.Generators.Tests.Infrastructure;
using static Flow.Generators.Tests.Infrastructure.Fixtures;

namespace Flow.Generators.Tests.Diagnostics;

public class UnsupportedDiagnosticsTests
{
    [Fact]
    [Fires("FLOW4001")]
    public Task A_conditional_start_event_is_named_as_unsupported()
    {
        var text = Process(StraightLine.Replace(
            "<bpmn:startEvent id=\"Start\" />",
            "<bpmn:startEvent id=\"Start\"><bpmn:conditionalEventDefinition id=\"When\" /></bpmn:startEvent>",
            StringComparison.Ordinal));
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW4001", text, "<bpmn:startEvent id").WithArguments("Conditional start event", "Start"));
    }

    private static string WithTimerBoundaryOn(string activity) => Process(StraightLine.Replace(
        "<bpmn:task id=\"Work\" name=\"Work\" />",
        activity + """

                <bpmn:boundaryEvent id="Late" attachedToRef="Work"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
                <bpmn:endEvent id="LateEnd" />
                <bpmn:sequenceFlow id="F3" sourceRef="Late" targetRef="LateEnd" />
            """,
        StringComparison.Ordinal));

    [Fact]
    public Task A_timer_boundary_event_on_a_user_task_is_supported() =>
        GeneratorTest.VerifyAsync(WithTimerBoundaryOn("<bpmn:userTask id=\"Work\" />"));

    [Theory]
    [InlineData("<bpmn:task id=\"Work\" name=\"Work\" />")]
    [InlineData("<bpmn:serviceTask id=\"Work\" name=\"Work\" />")]
    [InlineData("<bpmn:scriptTask id=\"Work\" scriptFormat=\"csharp\"><bpmn:script>System.GC.KeepAlive(null);</bpmn:script></bpmn:scriptTask>")]
    public Task An_interrupting_timer_boundary_event_on_a_task_that_runs_code_is_a_timeout(string task) =>
        GeneratorTest.VerifyAsync(WithTimerBoundaryOn(task));

    [Fact]
    [Fires("FLOW1160")]
    public Task A_non_interrupting_timer_boundary_event_on_a_task_that_runs_code_never_fires()
    {
        var text = WithTimerBoundaryOn("<bpmn:serviceTask id=\"Work\" name=\"Work\" />").Replace("<bpmn:boundaryEvent id=\"Late\" attachedToRef=\"Work\">", "<bpmn:boundaryEvent id=\"Late\" attachedToRef=\"Work\" cancelActivity=\"false\">", StringComparison.Ordinal);
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1160", text, "<bpmn:boundaryEvent id").WithArguments("Late", "Work"));
    }

    [Fact]
    public Task Terminate_and_error_end_events_are_supported()
    {
        var text = Process(StraightLine.Replace(
            "<bpmn:endEvent id=\"End\" />",
            "<bpmn:endEvent id=\"End\"><bpmn:terminateEventDefinition id=\"Stop\" /></bpmn:endEvent>",
            StringComparison.Ordinal));
        return GeneratorTest.VerifyAsync(text);
    }

    [Fact]
    [Fires("FLOW4002")]
    public Task An_ad_hoc_sub_process_is_named_as_unsupported()
    {
        var text = Process(StraightLine.Replace("<bpmn:task id=\"Work\" name=\"Work\" />", "<bpmn:adHocSubProcess id=\"Work\" name=\"Work\"><bpmn:task id=\"Inside\" /></bpmn:adHocSubProcess>", StringComparison.Ordinal));
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW4002", text, "<bpmn:adHocSubProcess id").WithArguments("Ad-hoc sub-process", "Work"));
    }

    [Fact]
    [Fires("FLOW4003")]
    public Task A_multi_instance_ad_hoc_sub_process_is_reported_at_its_loop_characteristics()
    {
        // Loops run on tasks, sub-processes and call activities; an ad-hoc sub-process (itself FLOW4002) cannot loop either.
        var text = Process(StraightLine.Replace(
            "<bpmn:task id=\"Work\" name=\"Work\" />",
            "<bpmn:adHocSubProcess id=\"Work\" name=\"Work\">\n      <bpmn:multiInstanceLoopCharacteristics isSequential=\"true\" />\n    </bpmn:adHocSubProcess>",
            StringComparison.Ordinal));
        return GeneratorTest.VerifyAsync(
            text,
            AtElement("FLOW4002", text, "<bpmn:adHocSubProcess id").WithArguments("Ad-hoc sub-process", "Work"),
            AtElement("FLOW4003", text, "<bpmn:multiInstanceLoopCharacteristics isSequential").WithArguments("sequential multi-instance", "Work"));
    }
}
