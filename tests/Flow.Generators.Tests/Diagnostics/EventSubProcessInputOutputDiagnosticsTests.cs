using Flow.Generators.Tests.Infrastructure;
using static Flow.Generators.Tests.Infrastructure.Fixtures;

namespace Flow.Generators.Tests.Diagnostics;

/// <summary>
/// camunda:inputOutput on event sub-processes is applied (no FLOW1206, which was the warning
/// before). Their start event's trigger is evaluated in the scope around them, before their
/// inputs exist, so a start condition naming one of the event sub-process's own inputs reads the
/// process variable as Camunda does (no FLOW1247). FLOW1206 stays where parameters are still not
/// applied, with a message that says why.
/// </summary>
public class EventSubProcessInputOutputDiagnosticsTests
{
    private const string Namespaces = "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" xmlns:flow=\"http://flow-generators.dev/schema/bpmn\"";

    private static string WithEventSubProcess(string start) => Process(
        "<bpmn:extensionElements><flow:variable name=\"x\" type=\"int\" /><flow:variable name=\"limit\" type=\"int\" /></bpmn:extensionElements>\n"
        + StraightLine.Replace("<bpmn:task id=\"Work\" name=\"Work\" />", "<bpmn:userTask id=\"Work\" name=\"Work\" />", StringComparison.Ordinal)
        + "<bpmn:subProcess id=\"OnEvent\" triggeredByEvent=\"true\"><bpmn:extensionElements><camunda:inputOutput>"
        + "<camunda:inputParameter name=\"limit\">${limit * 2}</camunda:inputParameter><camunda:inputParameter name=\"y\" flow:type=\"int\">${x + limit}</camunda:inputParameter>"
        + "<camunda:outputParameter name=\"x\">${y}</camunda:outputParameter>"
        + "</camunda:inputOutput></bpmn:extensionElements>"
        + start
        + "<bpmn:scriptTask id=\"Note\" scriptFormat=\"csharp\"><bpmn:script>x = y + limit;</bpmn:script></bpmn:scriptTask><bpmn:endEvent id=\"EE\" />"
        + "<bpmn:sequenceFlow id=\"E1\" sourceRef=\"ES\" targetRef=\"Note\" /><bpmn:sequenceFlow id=\"E2\" sourceRef=\"Note\" targetRef=\"EE\" /></bpmn:subProcess>")
        .Replace("<bpmn:definitions ", "<bpmn:definitions " + Namespaces + " ", StringComparison.Ordinal);

    [Theory]
    [InlineData("<bpmn:startEvent id=\"ES\"><bpmn:errorEventDefinition /></bpmn:startEvent>")]
    [InlineData("<bpmn:startEvent id=\"ES\" isInterrupting=\"false\"><bpmn:signalEventDefinition signalRef=\"Audit\" /></bpmn:startEvent>")]
    public Task Input_output_parameters_on_an_event_sub_process_compile_clean(string start) =>
        GeneratorTest.VerifyAsync(WithEventSubProcess(start).Replace("<bpmn:process ", "<bpmn:signal id=\"Audit\" name=\"audit\" /><bpmn:process ", StringComparison.Ordinal));

    /// <summary>The start condition is evaluated before the event sub-process's inputs exist: 'limit' is the process variable there, not the input that hides it inside.</summary>
    [Fact]
    public Task A_start_condition_naming_the_event_sub_process_own_input_reads_the_process_variable_without_FLOW1247() =>
        GeneratorTest.VerifyAsync(WithEventSubProcess(
            "<bpmn:startEvent id=\"ES\" isInterrupting=\"false\"><bpmn:conditionalEventDefinition><bpmn:condition>${limit &gt; 5}</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:startEvent>"));

    [Fact]
    [Fires("FLOW1206")]
    public Task Input_output_parameters_on_an_ad_hoc_sub_process_are_a_warning_that_says_why()
    {
        var text = Process(StraightLine.Replace(
            "<bpmn:task id=\"Work\" name=\"Work\" />",
            "<bpmn:adHocSubProcess id=\"Work\" name=\"Work\"><bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name=\"x\">1</camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements><bpmn:task id=\"Inside\" /></bpmn:adHocSubProcess>",
            StringComparison.Ordinal)).Replace("<bpmn:definitions ", "<bpmn:definitions " + Namespaces + " ", StringComparison.Ordinal);
        return GeneratorTest.VerifyAsync(
            text,
            AtElement("FLOW4002", text, "<bpmn:adHocSubProcess id").WithArguments("Ad-hoc sub-process", "Work"),
            AtText("FLOW1206", text, "<camunda:inputOutput").WithArguments("Work", "", "on an ad-hoc sub-process, which Flow does not run (FLOW4002)"));
    }
}
