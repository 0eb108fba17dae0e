using Flow.Generators.Tests.Infrastructure;
using static Flow.Generators.Tests.Infrastructure.Fixtures;

namespace Flow.Generators.Tests.Diagnostics;

/// <summary>Camunda Modeler's job attributes are accepted and ignored, never an error (issue 13).</summary>
public class CamundaAttributeTests
{
    [Fact]
    public Task Async_before_after_exclusive_and_job_priority_compile_clean() =>
        GeneratorTest.VerifyAsync(Process(StraightLine.Replace(
            "<bpmn:task id=\"Work\" name=\"Work\" />",
            "<bpmn:userTask id=\"Work\" name=\"Work\" xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" camunda:asyncBefore=\"true\" camunda:asyncAfter=\"true\" camunda:exclusive=\"false\" camunda:jobPriority=\"10\"><bpmn:extensionElements><camunda:failedJobRetryTimeCycle>R3/PT5M</camunda:failedJobRetryTimeCycle></bpmn:extensionElements></bpmn:userTask>",
            StringComparison.Ordinal)));

    [Fact]
    public Task Input_output_parameters_on_a_sub_process_are_a_warning_at_the_input_output_element()
    {
        var text = Process(StraightLine.Replace(
            "<bpmn:task id=\"Work\" name=\"Work\" />",
            "<bpmn:subProcess id=\"Work\" name=\"Work\" xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\"><bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name=\"x\">1</camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements><bpmn:startEvent id=\"S\" /><bpmn:endEvent id=\"E\" /><bpmn:sequenceFlow id=\"I\" sourceRef=\"S\" targetRef=\"E\" /></bpmn:subProcess>",
            StringComparison.Ordinal));
        return GeneratorTest.VerifyAsync(text, AtText("FLOW1206", text, "<camunda:inputOutput").WithArguments("Work", "", "on a sub-process"));
    }
}
