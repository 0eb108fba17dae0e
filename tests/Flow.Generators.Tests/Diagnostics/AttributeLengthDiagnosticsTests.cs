using Flow.Compiler;
using Flow.Generators.Tests.Infrastructure;
using static Flow.Generators.Tests.Infrastructure.Fixtures;

namespace Flow.Generators.Tests.Diagnostics;

/// <summary>
/// Expressions and keys written as attributes past <see cref="CompilerLimits.MaxAttributeLength"/> are
/// refused at the attribute (FLOW0014) and the file gets no generated code. Before, only element text
/// (conditions, scripts) was limited: a 100,000-character <c>camunda:collection</c> or <c>calledElement</c>
/// went into the generated code as it was.
/// </summary>
public class AttributeLengthDiagnosticsTests
{
    private const string Camunda = "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\"";
    private const string FlowNs = "xmlns:flow=\"http://flow-generators.dev/schema/bpmn\"";

    private static string WithWork(string work) =>
        Process(StraightLine.Replace("<bpmn:task id=\"Work\" name=\"Work\" />", work, StringComparison.Ordinal))
            .Replace("<bpmn:definitions ", $"<bpmn:definitions {Camunda} {FlowNs} ", StringComparison.Ordinal);

    /// <summary>Where each long value goes: the attribute as written (LONG stands for the value) and the element the message names.</summary>
    public static TheoryData<string, string, string, string> Attributes => new()
    {
        { "<bpmn:serviceTask id=\"Work\" camunda:expression=\"LONG\" />", "camunda:expression", "'Work'", "camunda:expression" },
        { "<bpmn:serviceTask id=\"Work\" camunda:delegateExpression=\"LONG\" />", "camunda:delegateExpression", "'Work'", "camunda:delegateExpression" },
        { "<bpmn:serviceTask id=\"Work\" camunda:class=\"LONG\" />", "camunda:class", "'Work'", "camunda:class" },
        { "<bpmn:serviceTask id=\"Work\" flow:handler=\"LONG\" />", "flow:handler", "'Work'", "flow:handler" },
        { "<bpmn:callActivity id=\"Work\" calledElement=\"LONG\" />", "calledElement", "'Work'", "calledElement" },
        {
            "<bpmn:userTask id=\"Work\"><bpmn:multiInstanceLoopCharacteristics camunda:collection=\"LONG\" camunda:elementVariable=\"item\" /></bpmn:userTask>",
            "camunda:collection", "multiInstanceLoopCharacteristics in 'Work'", "camunda:collection"
        },
        {
            "<bpmn:userTask id=\"Work\"><bpmn:multiInstanceLoopCharacteristics camunda:collection=\"${items}\" camunda:elementVariable=\"LONG\" /></bpmn:userTask>",
            "camunda:elementVariable", "multiInstanceLoopCharacteristics in 'Work'", "camunda:elementVariable"
        },
        {
            "<bpmn:userTask id=\"Work\"><bpmn:standardLoopCharacteristics loopCondition=\"LONG\" /></bpmn:userTask>",
            "loopCondition", "standardLoopCharacteristics in 'Work'", "loopCondition"
        },
        {
            "<bpmn:callActivity id=\"Work\" calledElement=\"payment\"><bpmn:extensionElements><camunda:in sourceExpression=\"LONG\" target=\"amount\" /></bpmn:extensionElements></bpmn:callActivity>",
            "sourceExpression", "in in 'Work'", "sourceExpression"
        },
        { "<bpmn:receiveTask id=\"Work\" flow:correlationKey=\"LONG\" />", "flow:correlationKey", "'Work'", "flow:correlationKey" },
    };

    [Theory]
    [Fires("FLOW0014")]
    [MemberData(nameof(Attributes))]
    public void An_attribute_past_the_limit_is_refused_at_the_attribute_and_nothing_is_generated(string work, string attribute, string owner, string written)
    {
        var value = "x" + new string(' ', CompilerLimits.MaxAttributeLength);
        var text = WithWork(work.Replace("LONG", value, StringComparison.Ordinal));

        var run = GeneratedCompilation.Run((FilePath, text));

        var error = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("FLOW0014", error.Id);
        Assert.Equal($"The attribute {attribute} of {owner} has 65,537 characters; the limit is 65,536", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        var (line, column) = Find(text, written + "=\"x ");
        var span = error.Location.GetLineSpan();
        Assert.Equal(line - 1, span.StartLinePosition.Line);
        Assert.Equal(column - 1, span.StartLinePosition.Character);
        Assert.Empty(run.Generated);
    }

    [Fact]
    public void An_attribute_at_the_limit_is_not_refused()
    {
        var text = WithWork("<bpmn:serviceTask id=\"Work\" flow:handler=\"CheckStock" + new string(' ', CompilerLimits.MaxAttributeLength - 10) + "\" />");

        var run = GeneratedCompilation.Run((FilePath, text));

        Assert.Empty(run.GeneratorDiagnostics.Select(d => d.ToString()));
        Assert.NotEmpty(run.Generated);
    }

    [Fact]
    public void An_attribute_the_compiler_does_not_read_is_measured_too()
    {
        // No diagram has a value that long: the file is generated or corrupted, and the check does not
        // depend on a list of the attributes that are read (which grows with every extension supported).
        var text = WithWork("<bpmn:task id=\"Work\" custom=\"x" + new string(' ', CompilerLimits.MaxAttributeLength) + "\" />");

        var run = GeneratedCompilation.Run((FilePath, text));

        Assert.Equal("FLOW0014", Assert.Single(run.GeneratorDiagnostics).Id);
    }
}
