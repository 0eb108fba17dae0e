using Flow.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using static Flow.Generators.Tests.Infrastructure.Fixtures;

namespace Flow.Generators.Tests.Diagnostics;

/// <summary>Diagram text that cannot safely become generated code is refused where it is written.</summary>
public class GeneratedTextDiagnosticsTests
{
    [Fact]
    [Fires("FLOW0010")]
    public Task An_id_with_a_space_is_not_an_xml_name()
    {
        var text = Process(StraightLine.Replace("<bpmn:endEvent id=\"End\" />", "<bpmn:endEvent id=\"End\" />\n    <bpmn:dataObject id=\"Order data\" />", StringComparison.Ordinal));
        return GeneratorTest.VerifyAsync(text, AtText("FLOW0010", text, "id=\"Order data\"").WithArguments("Order data"));
    }

    [Fact]
    public Task An_id_with_a_line_separator_is_reported_with_the_character_made_visible()
    {
        // The raw U+2028 in the file (XML allows it in attributes); the message shows it escaped.
        var text = Process(StraightLine.Replace("<bpmn:endEvent id=\"End\" />", "<bpmn:endEvent id=\"End\" />\n    <bpmn:dataObject id=\"Data\u2028x\" />", StringComparison.Ordinal));
        return GeneratorTest.VerifyAsync(text, AtText("FLOW0010", text, "id=\"Data\u2028x\"").WithArguments("Data\\u2028x"));
    }

    [Fact]
    [Fires("FLOW3010")]
    public Task An_unterminated_region_in_a_script_is_reported_at_the_script()
    {
        var text = Process(StraightLine.Replace(
            "<bpmn:task id=\"Work\" name=\"Work\" />",
            "<bpmn:scriptTask id=\"Work\" scriptFormat=\"csharp\"><bpmn:script>var total = 1;\n      #region never closed\n      total++;</bpmn:script></bpmn:scriptTask>",
            StringComparison.Ordinal));
        var (line, column) = Find(text, "#region");
        var test = new GeneratorTest { CompilerDiagnostics = CompilerDiagnostics.Errors };
        test.TestState.AdditionalFiles.Add((FilePath, text));
        test.TestState.ExpectedDiagnostics.Add(new DiagnosticResult("FLOW3010", Microsoft.CodeAnalysis.DiagnosticSeverity.Error)
            .WithSpan(FilePath, line, column, line, column + "#region".Length)
            .WithArguments("script", "Work", "#region"));

        // No C# error anywhere else: the script is left out of the generated class.
        return test.RunAsync();
    }

    [Fact]
    public Task An_if_directive_in_a_condition_is_reported_at_the_condition() =>
        DirectiveInConditionIsReported("true\n#if NEVER\n");

    /// <summary>
    /// <c>empty x</c> widens to a call in the translated condition; the directive's place and text
    /// come from the line it stands on, which the translation leaves as it is.
    /// </summary>
    [Fact]
    public Task A_directive_after_a_juel_empty_is_reported_at_its_own_place() =>
        DirectiveInConditionIsReported("empty x\n#if");

    /// <summary>A gateway whose flow 'Cond' has <paramref name="condition"/>, which holds '#if': FLOW3010 there.</summary>
    private static Task DirectiveInConditionIsReported(string condition)
    {
        var text = Process($"""
                <bpmn:startEvent id="Start" />
                <bpmn:exclusiveGateway id="Gate" default="Else" />
                <bpmn:endEvent id="A" />
                <bpmn:endEvent id="B" />
                <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Gate" />
                <bpmn:sequenceFlow id="Cond" sourceRef="Gate" targetRef="A"><bpmn:conditionExpression>{condition}</bpmn:conditionExpression></bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="Else" sourceRef="Gate" targetRef="B" />
            """);
        var (line, column) = Find(text, "#if");
        var test = new GeneratorTest { CompilerDiagnostics = CompilerDiagnostics.Errors };
        test.TestState.AdditionalFiles.Add((FilePath, text));
        test.TestState.ExpectedDiagnostics.Add(new DiagnosticResult("FLOW3010", Microsoft.CodeAnalysis.DiagnosticSeverity.Error)
            .WithSpan(FilePath, line, column, line, column + "#if".Length)
            .WithArguments("condition", "Cond", "#if"));
        return test.RunAsync();
    }

    [Fact]
    [Fires("FLOW1030")]
    public Task A_data_type_that_is_not_a_dotted_name()
    {
        // Once written into the generated code as it is: `namespace Shop { partial class X&#x85;... }`.
        var text = Process(StraightLine).Replace(
            "isExecutable=\"true\">",
            "isExecutable=\"true\" xmlns:flow=\"http://flow-generators.dev/schema/bpmn\" flow:dataType=\"Shop.Data { } public class Injected { } //\">",
            StringComparison.Ordinal);
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1030", text, "<bpmn:process id").WithArguments("Shop.Data { } public class Injected { } //", "order"));
    }

    [Fact]
    public void A_wait_state_output_whose_name_is_not_an_identifier_is_never_written()
    {
        var text = Process(StraightLine.Replace(
            "<bpmn:task id=\"Work\" name=\"Work\" />",
            "<bpmn:userTask id=\"Work\" name=\"Work\"><bpmn:extensionElements><flow:output xmlns:flow=\"http://flow-generators.dev/schema/bpmn\" name=\"x); } public class Injected { } //\" type=\"int\" /></bpmn:extensionElements></bpmn:userTask>",
            StringComparison.Ordinal));

        var run = GeneratedCompilation.Run((FilePath, text));

        Assert.Contains(run.GeneratorDiagnostics, d => d.Id == "FLOW3004");
        Assert.DoesNotContain("Injected", run.AssemblyTypeNames());
        Assert.Empty(run.ErrorsInGeneratedCode());
    }

    [Theory]
    [InlineData("int Injected; } public class Injected { } //")]
    [InlineData("int&#x2028;public class Injected { }")]
    [InlineData("int /* x */")]
    public void A_type_that_could_be_more_than_a_type_is_never_written(string type)
    {
        var text = Process(StraightLine.Replace(
            "<bpmn:task id=\"Work\" name=\"Work\" />",
            $"<bpmn:userTask id=\"Work\" name=\"Work\"><bpmn:extensionElements><flow:output xmlns:flow=\"http://flow-generators.dev/schema/bpmn\" name=\"amount\" type=\"{type}\" /></bpmn:extensionElements></bpmn:userTask>",
            StringComparison.Ordinal)).Replace(
            "isExecutable=\"true\">",
            $"isExecutable=\"true\" xmlns:flow=\"http://flow-generators.dev/schema/bpmn\"><bpmn:extensionElements><flow:variable name=\"total\" type=\"{type}\" /></bpmn:extensionElements>",
            StringComparison.Ordinal);

        var run = GeneratedCompilation.Run((FilePath, text));

        Assert.Equal(2, run.GeneratorDiagnostics.Count(d => d.Id == "FLOW3004"));
        Assert.DoesNotContain("Injected", run.AssemblyTypeNames());
        Assert.Empty(run.ErrorsInGeneratedCode());
    }
}
