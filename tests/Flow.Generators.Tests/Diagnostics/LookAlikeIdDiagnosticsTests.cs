using Flow.Generators.Tests.Infrastructure;
using static Flow.Generators.Tests.Infrastructure.Fixtures;

namespace Flow.Generators.Tests.Diagnostics;

/// <summary>Ids that look the same but are different strings: FLOW1317 at the later element, naming both.</summary>
public class LookAlikeIdDiagnosticsTests
{
    /// <summary>start → Task → <paramref name="secondId"/> → end.</summary>
    private static string TwoTasks(string secondId) => Process($"""
            <bpmn:startEvent id="Start" />
            <bpmn:task id="Task" />
            <bpmn:task id="{secondId}" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Task" />
            <bpmn:sequenceFlow id="F2" sourceRef="Task" targetRef="{secondId}" />
            <bpmn:sequenceFlow id="F3" sourceRef="{secondId}" targetRef="End" />
        """);

    [Fact]
    [Fires("FLOW1317")]
    public Task A_task_id_with_a_cyrillic_a_is_reported_at_the_later_task()
    {
        var text = TwoTasks("T\u0430sk");
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1317", text, "<bpmn:task id=\"T\u0430sk\"").WithArguments("T\u0430sk", "Task", "T\\u0430sk", "Task"));
    }

    [Fact]
    public Task A_greek_capital_omicron_in_a_flow_id_is_reported_at_that_flow()
    {
        var text = Process(StraightLine.Replace("<bpmn:sequenceFlow id=\"F2\"", "<bpmn:sequenceFlow id=\"F\u039F\"", StringComparison.Ordinal)
            .Replace("<bpmn:sequenceFlow id=\"F1\"", "<bpmn:sequenceFlow id=\"FO\"", StringComparison.Ordinal));
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1317", text, "<bpmn:sequenceFlow id=\"F\u039F\"").WithArguments("F\u039F", "FO", "F\\u039F", "FO"));
    }

    [Fact]
    public Task A_fullwidth_id_is_the_same_after_nfkc()
    {
        var text = TwoTasks("\uFF34ask");
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1317", text, "<bpmn:task id=\"\uFF34ask\"").WithArguments("\uFF34ask", "Task", "\\uFF34ask", "Task"));
    }

    [Theory]
    [InlineData("task")]     // case is visible
    [InlineData("Task_1")]   // a different id, not a look-alike
    [InlineData("T\u0430sk2")]   // a Cyrillic letter, but the skeleton Tasks2 is no other id
    public Task Ids_that_look_different_are_not_reported(string secondId) =>
        GeneratorTest.VerifyAsync(TwoTasks(secondId));

    /// <summary>Two processes of one file, start → <paramref name="taskId"/> → end each; the second process's ids end in 2.</summary>
    private static string TwoProcesses(string firstTaskId, string secondTaskId, string secondProcessId = "shipping", string extraRoot = "") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Definitions_1" targetNamespace="http://example.com/bpmn">
          {extraRoot}
          <bpmn:process id="order" isExecutable="true">
            <bpmn:startEvent id="Start" />
            <bpmn:task id="{firstTaskId}" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="{firstTaskId}" />
            <bpmn:sequenceFlow id="F2" sourceRef="{firstTaskId}" targetRef="End" />
          </bpmn:process>
          <bpmn:process id="{secondProcessId}" isExecutable="true">
            <bpmn:startEvent id="Start2" />
            <bpmn:task id="{secondTaskId}" />
            <bpmn:endEvent id="End2" />
            <bpmn:sequenceFlow id="F21" sourceRef="Start2" targetRef="{secondTaskId}" />
            <bpmn:sequenceFlow id="F22" sourceRef="{secondTaskId}" targetRef="End2" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    /// <summary>A file's ids are one space (xsd:ID): a look-alike in another process of the file is reported too.</summary>
    [Fact]
    public Task A_look_alike_in_another_process_of_the_file_is_reported_at_the_later_one()
    {
        var text = TwoProcesses("Task", "T\u0430sk");
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1317", text, "<bpmn:task id=\"T\u0430sk\"").WithArguments("T\u0430sk", "Task", "T\\u0430sk", "Task"));
    }

    /// <summary>A process id is the key a calledElement names: look-alike keys in one file are reported at the later process.</summary>
    [Fact]
    public Task A_process_id_that_looks_like_another_process_id_is_reported()
    {
        var text = TwoProcesses("Task", "Pack", secondProcessId: "\u043Erder");
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1317", text, "<bpmn:process id=\"\u043Erder\"").WithArguments("\u043Erder", "order", "\\u043Erder", "order"));
    }

    /// <summary>Messages, signals and errors share the file's ids with the processes' elements.</summary>
    [Fact]
    public Task A_root_element_that_looks_like_a_task_id_is_reported()
    {
        var text = TwoProcesses("Task", "Pack", extraRoot: "<bpmn:message id=\"P\u0430ck\" name=\"Pack\" />");
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1317", text, "<bpmn:task id=\"Pack\"").WithArguments("Pack", "P\u0430ck", "Pack", "P\\u0430ck"));
    }

    /// <summary>A look-alike pair inside the second process is reported once, by the process's own check.</summary>
    [Fact]
    public Task A_look_alike_within_one_process_is_not_reported_twice()
    {
        var text = TwoProcesses("Other", "Task").Replace("<bpmn:endEvent id=\"End2\" />", "<bpmn:endEvent id=\"End2\" />\n    <bpmn:task id=\"T\u0430sk\" />", StringComparison.Ordinal);
        return GeneratorTest.VerifyAsync(
            text,
            AtElement("FLOW1317", text, "<bpmn:task id=\"T\u0430sk\"").WithArguments("T\u0430sk", "Task", "T\\u0430sk", "Task"),
            AtElement("FLOW1009", text, "<bpmn:task id=\"T\u0430sk\"").WithArguments("Task", "T\u0430sk"));
    }
}
