using Flow.Generators.Tests.Infrastructure;
using static Flow.Generators.Tests.Infrastructure.Fixtures;

namespace Flow.Generators.Tests.Diagnostics;

/// <summary>Conditional and default flows out of activities compile (issue 13; they were FLOW4005).</summary>
public class ActivityFlowDiagnosticsTests
{
    private const string Body = """
            <bpmn:startEvent id="Start" />
            <bpmn:userTask id="Work" name="Work" default="Other" />
            <bpmn:endEvent id="End" />
            <bpmn:endEvent id="OtherEnd" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Work" />
            <bpmn:sequenceFlow id="F2" sourceRef="Work" targetRef="End"><bpmn:conditionExpression>${true}</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="Other" sourceRef="Work" targetRef="OtherEnd" />
        """;

    [Fact]
    public Task A_conditional_flow_and_a_default_flow_out_of_a_task_compile_clean() =>
        GeneratorTest.VerifyAsync(Process(Body));

    [Fact]
    public Task A_condition_on_an_activity_s_default_flow_is_a_warning()
    {
        var text = Process(Body.Replace(
            "<bpmn:sequenceFlow id=\"Other\" sourceRef=\"Work\" targetRef=\"OtherEnd\" />",
            "<bpmn:sequenceFlow id=\"Other\" sourceRef=\"Work\" targetRef=\"OtherEnd\"><bpmn:conditionExpression>${false}</bpmn:conditionExpression></bpmn:sequenceFlow>",
            StringComparison.Ordinal));
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW2010", text, "<bpmn:sequenceFlow id=\"Other\"").WithArguments("Other", "Work"));
    }
}
