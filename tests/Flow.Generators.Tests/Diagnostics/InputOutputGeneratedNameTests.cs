using Flow.Generators.Tests.Infrastructure;
using static Flow.Generators.Tests.Infrastructure.Fixtures;

namespace Flow.Generators.Tests.Diagnostics;

/// <summary>
/// An input parameter's name and flow:type are written into generated code: a name the generated
/// methods declare themselves, or a type that is not a type's text, is refused at the parameter
/// (before, the C# errors were reported in generated code at no line of the diagram, and a type
/// with a line end could carry a #line directive and code of its own).
/// </summary>
public class InputOutputGeneratedNameTests
{
    private const string Namespaces = "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" xmlns:flow=\"http://flow-generators.dev/schema/bpmn\"";

    private static string Script(string parameters, string loop = "") => Process(
        "<bpmn:extensionElements><flow:variable name=\"note\" type=\"string\" " + Namespaces + " /></bpmn:extensionElements>\n"
        + StraightLine.Replace(
            "<bpmn:task id=\"Work\" name=\"Work\" />",
            $"<bpmn:scriptTask id=\"Work\" name=\"Work\" scriptFormat=\"csharp\" {Namespaces}>{loop}<bpmn:extensionElements><camunda:inputOutput>{parameters}</camunda:inputOutput></bpmn:extensionElements><bpmn:script>note = \"\";</bpmn:script></bpmn:scriptTask>",
            StringComparison.Ordinal)).Replace("<bpmn:definitions ", "<bpmn:definitions " + Namespaces + " ", StringComparison.Ordinal);

    [Theory]
    [InlineData("__inputs", "", "starts with '__', which the generated code keeps for its own names")]
    [InlineData("__loop", "", "starts with '__', which the generated code keeps for its own names")]
    [InlineData("context", "", "is the name of the script's context")]
    [InlineData("loopCounter", "<bpmn:multiInstanceLoopCharacteristics isSequential=\"true\"><bpmn:loopCardinality>2</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>", "is a variable of the activity's loop")]
    public Task An_input_named_as_a_local_of_the_generated_code_is_an_error_at_the_parameter(string name, string loop, string reason)
    {
        var text = Script($"<camunda:inputParameter name=\"{name}\">a</camunda:inputParameter>", loop);
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1242", text, "<camunda:inputParameter name").WithArguments("input", name, "Work", reason));
    }

    [Fact]
    public Task An_input_named_context_on_a_service_task_still_compiles() =>
        GeneratorTest.VerifyAsync(Process(
            "<bpmn:extensionElements><flow:variable name=\"note\" type=\"string\" " + Namespaces + " /></bpmn:extensionElements>\n"
            + StraightLine.Replace(
                "<bpmn:task id=\"Work\" name=\"Work\" />",
                $"<bpmn:userTask id=\"Work\" name=\"Work\" {Namespaces}><bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name=\"context\">a</camunda:inputParameter><camunda:outputParameter name=\"note\">${{context}}</camunda:outputParameter></camunda:inputOutput></bpmn:extensionElements></bpmn:userTask>",
                StringComparison.Ordinal)).Replace("<bpmn:definitions ", "<bpmn:definitions " + Namespaces + " ", StringComparison.Ordinal));

    [Fact]
    public Task A_flow_type_with_a_line_end_and_code_is_an_error_at_the_parameter()
    {
        var text = Script("<camunda:inputParameter name=\"x\" flow:type=\"string&#10;#line hidden&#10;__x = Pwn(); static string Pwn() =&gt; &quot;&quot;;&#10;#line default&#10;string\">a</camunda:inputParameter>");
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1240", text, "<camunda:inputParameter name").WithArguments("x", "Work", "its flow:type is not a C# type name"));
    }

    /// <summary>An input becomes a property of the generated class WorkInputs: a method every class has would be hidden (CS0108).</summary>
    [Theory]
    [InlineData("ToString")]
    [InlineData("Equals")]
    [InlineData("GetHashCode")]
    [InlineData("GetType")]
    [InlineData("MemberwiseClone")]
    [InlineData("ReferenceEquals")]
    public Task An_input_named_like_a_method_of_object_is_an_error_at_the_parameter(string name)
    {
        var text = Script($"<camunda:inputParameter name=\"{name}\">a</camunda:inputParameter>");
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1242", text, "<camunda:inputParameter name").WithArguments(
            "input", name, "Work", $"is the name of the method object.{name}() every class has, which the input's property in the generated inputs class would hide (C# warning CS0108)"));
    }

    /// <summary>
    /// FLOW1242 leaves the process without a class (as FLOW1010 does): the name was a C# error or warning
    /// in generated code besides it (CS0108, syntax errors for "a b", CS0136 for a script's "context").
    /// </summary>
    [Theory]
    [InlineData("ToString")]
    [InlineData("a b")]
    [InlineData("context")]
    public void An_invalid_input_name_is_the_only_diagnostic_no_csharp_one_follows(string name)
    {
        var run = GeneratedCompilation.Run((FilePath, Script($"<camunda:inputParameter name=\"{name}\">a</camunda:inputParameter>")));

        Assert.Equal("FLOW1242", Assert.Single(run.GeneratorDiagnostics).Id);
        Assert.Empty(run.Output.GetDiagnostics().Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning));
        Assert.Empty(run.Generated);
    }

    /// <summary>An input named like its inputs class (CS0542 before): the class takes the next name, WorkInputs_2.</summary>
    [Fact]
    public void An_input_named_like_its_inputs_class_moves_the_class_to_the_next_name()
    {
        var run = GeneratedCompilation.Run((FilePath, Script("<camunda:inputParameter name=\"WorkInputs\">a</camunda:inputParameter>")));

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.Output.GetDiagnostics().Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning));
        Assert.Contains("WorkInputs_2", run.GeneratedTypeNames());
    }
}
