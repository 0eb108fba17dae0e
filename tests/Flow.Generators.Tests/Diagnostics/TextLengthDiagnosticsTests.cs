using Flow.Compiler;
using Flow.Generators.Tests.Infrastructure;
using static Flow.Generators.Tests.Infrastructure.Fixtures;

namespace Flow.Generators.Tests.Diagnostics;

/// <summary>
/// Ids, names and conditions or scripts past <see cref="CompilerLimits"/> are refused at the attribute
/// or element, with their length and the limit, and the file gets no generated code (before, ids of
/// 200,000 characters were multiplied into megabytes of generated code: a 4.6 MB file built in 74 s).
/// </summary>
public class TextLengthDiagnosticsTests
{
    private static string WithTask(string id, string name = "Work") =>
        Process(StraightLine.Replace("<bpmn:task id=\"Work\" name=\"Work\" />", $"<bpmn:task id=\"{id}\" name=\"{name}\" />", StringComparison.Ordinal)
            .Replace("targetRef=\"Work\"", $"targetRef=\"{id}\"", StringComparison.Ordinal)
            .Replace("sourceRef=\"Work\"", $"sourceRef=\"{id}\"", StringComparison.Ordinal));

    private static string ScriptOf(string script) =>
        Process(StraightLine.Replace("<bpmn:task id=\"Work\" name=\"Work\" />", $"<bpmn:scriptTask id=\"Work\" scriptFormat=\"csharp\"><bpmn:script>{script}</bpmn:script></bpmn:scriptTask>", StringComparison.Ordinal));

    [Fact]
    [Fires("FLOW0011")]
    public void An_id_past_the_limit_is_refused_at_the_id_and_nothing_is_generated()
    {
        var id = "Task_" + new string('x', CompilerLimits.MaxIdLength + 1 - 5);
        var text = WithTask(id);

        var run = GeneratedCompilation.Run((FilePath, text));

        var error = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("FLOW0011", error.Id);
        Assert.Equal($"The id of this task has 513 characters; the limit is 512 (it begins 'Task_{new string('x', 35)}…')", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        var (line, column) = Find(text, $"id=\"{id}\"");
        Assert.Equal(line - 1, error.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Equal(column - 1, error.Location.GetLineSpan().StartLinePosition.Character);
        Assert.Empty(run.Generated);
    }

    [Fact]
    public Task An_id_at_the_limit_compiles() =>
        GeneratorTest.VerifyAsync(WithTask("Task_" + new string('x', CompilerLimits.MaxIdLength - 5)));

    [Fact]
    [Fires("FLOW0012")]
    public Task A_name_past_the_limit_is_refused_at_the_name()
    {
        var name = new string('n', CompilerLimits.MaxNameLength + 1);
        var text = WithTask("Work", name);
        return GeneratorTest.VerifyAsync(text, AtText("FLOW0012", text, $"name=\"{name}\"").WithArguments("task", "Work", "4,097", "4,096"));
    }

    [Fact]
    public Task A_name_at_the_limit_compiles() =>
        GeneratorTest.VerifyAsync(WithTask("Work", new string('n', CompilerLimits.MaxNameLength)));

    [Fact]
    [Fires("FLOW0013")]
    public void A_script_past_the_limit_is_refused_at_the_script_and_nothing_is_generated()
    {
        var script = "int a = 0;" + new string(' ', CompilerLimits.MaxExpressionLength + 1 - 10);
        var text = ScriptOf(script);

        var run = GeneratedCompilation.Run((FilePath, text));

        var error = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("FLOW0013", error.Id);
        Assert.Equal("The script of 'Work' has 65,537 characters; the limit is 65,536", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        var (line, column) = Find(text, "<bpmn:script>");
        Assert.Equal(line - 1, error.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Equal(column - 1, error.Location.GetLineSpan().StartLinePosition.Character);
        Assert.Empty(run.Generated);
    }

    [Fact]
    public Task A_condition_past_the_limit_is_refused_at_the_condition()
    {
        var condition = "true" + new string(' ', CompilerLimits.MaxExpressionLength);
        var text = Process("""
                <bpmn:startEvent id="Start" />
                <bpmn:exclusiveGateway id="Split" default="F3" />
                <bpmn:endEvent id="A" />
                <bpmn:endEvent id="B" />
                <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Split" />
                <bpmn:sequenceFlow id="F2" sourceRef="Split" targetRef="A"><bpmn:conditionExpression>CONDITION</bpmn:conditionExpression></bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="F3" sourceRef="Split" targetRef="B" />
            """.Replace("CONDITION", condition, StringComparison.Ordinal));
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW0013", text, "<bpmn:conditionExpression").WithArguments("condition of sequence flow 'F2'", "65,540", "65,536"));
    }

    [Fact]
    public Task A_script_at_the_limit_compiles() =>
        GeneratorTest.VerifyAsync(ScriptOf("int a = 0;" + new string(' ', CompilerLimits.MaxExpressionLength - 10)));
}
