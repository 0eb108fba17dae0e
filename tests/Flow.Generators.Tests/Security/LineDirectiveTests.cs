using Flow.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using static Flow.Generators.Tests.Infrastructure.Fixtures;

namespace Flow.Generators.Tests.Security;

/// <summary>#line directives stay valid C# for any file name and any position in the file.</summary>
public class LineDirectiveTests
{
    private static string Handled(string handler = "Work") => Process($"""
            <bpmn:startEvent id="Start" />
            <bpmn:serviceTask id="Work" name="{handler}" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Work" />
            <bpmn:sequenceFlow id="F2" sourceRef="Work" targetRef="End" />
        """);

    [Theory]
    [InlineData("C:\\src\\new\\order.bpmn", "C:\\src\\new\\order.bpmn")]
    [InlineData("/flows/Prüfung 中/order.bpmn", "/flows/Prüfung 中/order.bpmn")]
    [InlineData("/flows/line\u2028separator/order.bpmn", "/flows/line_separator/order.bpmn")]
    [InlineData("/flows/next\u0085line/order.bpmn", "/flows/next_line/order.bpmn")]
    [InlineData("/flows/para\u2029graph/order.bpmn", "/flows/para_graph/order.bpmn")]
    [InlineData("/flows/\"quoted\"/order.bpmn", "/flows/_quoted_/order.bpmn")]
    [InlineData("/flows/tab\there/order.bpmn", "/flows/tab_here/order.bpmn")]
    [InlineData("/flows/\u202Ebidi/order.bpmn", "/flows/_bidi/order.bpmn")]
    public void A_file_path_with_any_character_keeps_the_directives_valid(string path, string mappedPath)
    {
        // #line takes the file name verbatim (no escapes): quotes and line ends cannot be written
        // in it and become '_'. No handler is implemented: CS8795 must still be at the task.
        var run = GeneratedCompilation.Run((path, Handled()));

        Assert.Empty(run.ErrorsInGeneratedCode());
        var missing = Assert.Single(run.Output.GetDiagnostics(), d => d.Id == "CS8795");
        var mapped = missing.Location.GetMappedLineSpan();
        Assert.Equal(mappedPath, mapped.Path);
        Assert.Equal(Find(Handled(), "<bpmn:serviceTask").Line - 1, mapped.StartLinePosition.Line);
    }

    [Fact]
    public void A_condition_beyond_column_65536_is_mapped_by_line_without_CS8938()
    {
        // Everything on one line: the condition starts past the last column #line can name.
        var padding = new string(' ', 70_000);
        var text = Process($"""<bpmn:startEvent id="Start" />{padding}<bpmn:exclusiveGateway id="Split" default="F3" /><bpmn:task id="A" /><bpmn:task id="B" /><bpmn:endEvent id="End" /><bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Split" /><bpmn:sequenceFlow id="F2" sourceRef="Split" targetRef="A"><bpmn:conditionExpression>undefinedVariable &gt; 1</bpmn:conditionExpression></bpmn:sequenceFlow><bpmn:sequenceFlow id="F3" sourceRef="Split" targetRef="B" /><bpmn:sequenceFlow id="F4" sourceRef="A" targetRef="End" /><bpmn:sequenceFlow id="F5" sourceRef="B" targetRef="End" />""");

        var run = GeneratedCompilation.Run((FilePath, text));

        Assert.DoesNotContain(run.Output.GetDiagnostics(), d => d.Id == "CS8938");
        Assert.Empty(run.ErrorsInGeneratedCode());
        var unknown = Assert.Single(run.Output.GetDiagnostics(), d => d.Id == "CS0103");
        Assert.Equal(FilePath, unknown.Location.GetMappedLineSpan().Path);
        Assert.Equal(Find(text, "undefinedVariable").Line - 1, unknown.Location.GetMappedLineSpan().StartLinePosition.Line);
    }
}
