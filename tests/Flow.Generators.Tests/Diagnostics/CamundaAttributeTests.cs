using Flow.Generators.Tests.Infrastructure;
using static Flow.Generators.Tests.Infrastructure.Fixtures;

namespace Flow.Generators.Tests.Diagnostics;

/// <summary>
/// Camunda Modeler's job attributes (issue 13): asyncBefore/asyncAfter make job boundaries; a
/// readable retry cycle and priority compile clean, an unreadable one is refused at its text, an
/// expression is a warning (not evaluated).
/// </summary>
public class CamundaAttributeTests
{
    [Fact]
    public Task Async_before_after_exclusive_and_job_priority_compile_clean() =>
        GeneratorTest.VerifyAsync(Process(StraightLine.Replace(
            "<bpmn:task id=\"Work\" name=\"Work\" />",
            "<bpmn:userTask id=\"Work\" name=\"Work\" xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" camunda:asyncBefore=\"true\" camunda:asyncAfter=\"true\" camunda:exclusive=\"false\" camunda:jobPriority=\"10\"><bpmn:extensionElements><camunda:failedJobRetryTimeCycle>R3/PT5M</camunda:failedJobRetryTimeCycle></bpmn:extensionElements></bpmn:userTask>",
            StringComparison.Ordinal)));

    [Fact]
    public Task Input_output_parameters_on_a_multi_instance_sub_process_compile_clean() =>
        GeneratorTest.VerifyAsync(Process(StraightLine.Replace(
            "<bpmn:task id=\"Work\" name=\"Work\" />",
            "<bpmn:subProcess id=\"Work\" name=\"Work\" xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\"><bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name=\"x\">${loopCounter}</camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements><bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>2</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics><bpmn:startEvent id=\"S\" /><bpmn:endEvent id=\"E\" /><bpmn:sequenceFlow id=\"I\" sourceRef=\"S\" targetRef=\"E\" /></bpmn:subProcess>",
            StringComparison.Ordinal)));

    private const string CamundaNs = "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\"";

    private static string WithWork(string attributes, string retryCycle) => Process(StraightLine.Replace(
        "<bpmn:task id=\"Work\" name=\"Work\" />",
        $"<bpmn:userTask id=\"Work\" name=\"Work\" {CamundaNs} camunda:asyncBefore=\"true\" {attributes}><bpmn:extensionElements><camunda:failedJobRetryTimeCycle>{retryCycle}</camunda:failedJobRetryTimeCycle></bpmn:extensionElements></bpmn:userTask>",
        StringComparison.Ordinal));

    [Theory]
    [InlineData("PT10S,PT1M")]
    [InlineData("R1/PT0S")]
    [InlineData("R1000/P1DT2H")]
    public Task A_readable_retry_cycle_compiles_clean(string cycle) => GeneratorTest.VerifyAsync(WithWork("", cycle));

    [Theory]
    [InlineData("R/PT10S", "'' is not a number of attempts from 1 to 1000 (R/… without a count would retry forever)")]
    [InlineData("R0/PT10S", "'0' is not a number of attempts from 1 to 1000 (R/… without a count would retry forever)")]
    [InlineData("R5/P1M", "'P1M' counts years or months, which have no fixed length; write days")]
    [InlineData("R5-PT10S", "a repetition is R<attempts>/<duration>")]
    [Fires("FLOW1270")]
    public Task An_unreadable_retry_cycle_is_refused_at_its_element(string cycle, string why)
    {
        var text = WithWork("", cycle);
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1270", text, "<camunda:failedJobRetryTimeCycle").WithArguments(cycle, "Work", why));
    }

    [Fact]
    [Fires("FLOW1271")]
    public Task A_retry_cycle_or_priority_given_as_an_expression_is_a_warning()
    {
        var text = WithWork("camunda:jobPriority=\"${priority}\"", "${retries}");
        return GeneratorTest.VerifyAsync(text,
            AtText("FLOW1271", text, "camunda:jobPriority=\"${priority}\"").WithArguments("jobPriority", "${priority}", "Work", "priority 0 applies"),
            AtElement("FLOW1271", text, "<camunda:failedJobRetryTimeCycle").WithArguments("failedJobRetryTimeCycle", "${retries}", "Work", "the default of 3 attempts applies"));
    }

    [Fact]
    [Fires("FLOW1272")]
    public Task A_priority_that_is_not_a_whole_number_is_refused_at_the_attribute()
    {
        var text = WithWork("camunda:jobPriority=\"high\"", "R3/PT5M");
        return GeneratorTest.VerifyAsync(text, AtText("FLOW1272", text, "camunda:jobPriority=\"high\"").WithArguments("high", "Work"));
    }
}
