using Flow.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static Flow.Generators.Tests.Infrastructure.Fixtures;

namespace Flow.Generators.Tests.Diagnostics;

/// <summary>
/// Valid BPMN that other engines run and that we used to refuse: flows without id, implicit
/// start and end (warnings, configurable like any Roslyn diagnostic), scripts we cannot compile
/// named for what they are.
/// </summary>
public class ValidBpmnDiagnosticsTests
{
    private const string Camunda = "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\"";

    [Fact]
    public Task A_sequence_flow_without_id_is_accepted()
    {
        var text = Process(StraightLine.Replace("<bpmn:sequenceFlow id=\"F2\" ", "<bpmn:sequenceFlow ", StringComparison.Ordinal));
        return GeneratorTest.VerifyAsync(text);
    }

    [Fact]
    public Task A_diagnostic_about_a_flow_without_id_points_at_its_element_and_names_its_generated_id()
    {
        var text = Process(StraightLine.Replace(
            "<bpmn:sequenceFlow id=\"F1\" sourceRef=\"Start\" targetRef=\"Work\" />",
            "<bpmn:sequenceFlow sourceRef=\"Start\" targetRef=\"Work\"><bpmn:conditionExpression>true</bpmn:conditionExpression></bpmn:sequenceFlow>",
            StringComparison.Ordinal));
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW2011", text, "<bpmn:sequenceFlow sourceRef=\"Start\"").WithArguments("Flow_Start_Work", "Start"));
    }

    [Fact]
    public Task Generated_flow_ids_never_take_an_id_the_file_uses()
    {
        // Two id-less flows between the same nodes (FLOW1018 names both), beside a node whose id is the first choice.
        var text = Process(StraightLine + """

                <bpmn:sequenceFlow sourceRef="Work" targetRef="End" />
                <bpmn:dataObject id="Flow_Work_End" />
            """).Replace("<bpmn:sequenceFlow id=\"F2\" ", "<bpmn:sequenceFlow ", StringComparison.Ordinal);
        var (line, column) = Find(text, "<bpmn:sequenceFlow sourceRef=\"Work\" targetRef=\"End\" />\n    <bpmn:dataObject");
        return GeneratorTest.VerifyAsync(
            text,
            AtElement("FLOW2005", text, "<bpmn:task id=\"Work\""),
            AtElement("FLOW2006", text, "<bpmn:endEvent id=\"End\""),
            new DiagnosticResult("FLOW1018", DiagnosticSeverity.Warning)
                .WithSpan(FilePath, line, column, line, column + "<bpmn:sequenceFlow".Length)
                .WithArguments("Flow_Work_End_3", "Flow_Work_End_2"));
    }

    [Fact]
    [Fires("FLOW1050")]
    public Task A_node_without_incoming_flow_in_a_process_without_start_event_is_an_implicit_start()
    {
        var text = Process("""
                <bpmn:task id="Work" />
                <bpmn:endEvent id="End" />
                <bpmn:sequenceFlow id="F2" sourceRef="Work" targetRef="End" />
            """);
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1050", text, "<bpmn:task id=\"Work\"").WithArguments("Task", "Work", "order"));
    }

    [Fact]
    public Task A_lone_task_in_a_process_without_events_starts_and_ends_with_warnings_only()
    {
        var text = Process("""    <bpmn:task id="Alone" />""");
        return GeneratorTest.VerifyAsync(
            text,
            AtElement("FLOW1003", text, "<bpmn:process id"),
            AtElement("FLOW1050", text, "<bpmn:task id=\"Alone\""),
            AtElement("FLOW1007", text, "<bpmn:task id=\"Alone\""));
    }

    [Fact]
    public Task A_sub_process_without_start_event_starts_its_first_node()
    {
        var text = Process("""
                <bpmn:startEvent id="Start" />
                <bpmn:subProcess id="Sub">
                  <bpmn:task id="Inner" />
                  <bpmn:endEvent id="InnerEnd" />
                  <bpmn:sequenceFlow id="S1" sourceRef="Inner" targetRef="InnerEnd" />
                </bpmn:subProcess>
                <bpmn:endEvent id="End" />
                <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Sub" />
                <bpmn:sequenceFlow id="F2" sourceRef="Sub" targetRef="End" />
            """);
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1050", text, "<bpmn:task id=\"Inner\"").WithArguments("Task", "Inner", "Sub"));
    }

    [Fact]
    [Fires("FLOW4010")]
    public Task A_script_in_an_external_resource_is_named_as_such()
    {
        var text = Process(StraightLine.Replace(
            "<bpmn:task id=\"Work\" name=\"Work\" />",
            $"""<bpmn:scriptTask id="Work" {Camunda} scriptFormat="groovy" camunda:resource="deployment://scripts/work.groovy" />""",
            StringComparison.Ordinal));
        return GeneratorTest.VerifyAsync(
            text,
            AtText("FLOW4010", text, "camunda:resource=\"deployment://scripts/work.groovy\"").WithArguments("Work", "groovy", "deployment://scripts/work.groovy"));
    }

    [Fact]
    public Task A_script_in_another_language_without_inline_text_is_an_unsupported_language_not_a_missing_script()
    {
        var text = Process(StraightLine.Replace("<bpmn:task id=\"Work\" name=\"Work\" />", """<bpmn:scriptTask id="Work" scriptFormat="javascript" />""", StringComparison.Ordinal));
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW4006", text, "<bpmn:scriptTask id").WithArguments("Work", "javascript"));
    }
}
