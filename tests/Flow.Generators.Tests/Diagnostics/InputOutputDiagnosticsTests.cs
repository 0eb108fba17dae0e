using Flow.Generators.Tests.Infrastructure;
using static Flow.Generators.Tests.Infrastructure.Fixtures;

namespace Flow.Generators.Tests.Diagnostics;

/// <summary>camunda:inputOutput: what is applied compiles; what cannot be typed, built or applied is reported at its parameter.</summary>
public class InputOutputDiagnosticsTests
{
    private const string Namespaces = "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" xmlns:flow=\"http://flow-generators.dev/schema/bpmn\"";

    private static string WithParameters(string parameters, string task = "userTask", string variables = "") => Process(
        (variables.Length > 0 ? "<bpmn:extensionElements>" + variables + "</bpmn:extensionElements>\n" : "")
        + StraightLine.Replace(
            "<bpmn:task id=\"Work\" name=\"Work\" />",
            $"<bpmn:{task} id=\"Work\" name=\"Work\" {Namespaces}><bpmn:extensionElements><camunda:inputOutput>{parameters}</camunda:inputOutput></bpmn:extensionElements></bpmn:{task}>",
            StringComparison.Ordinal)).Replace("<bpmn:definitions ", "<bpmn:definitions " + Namespaces + " ", StringComparison.Ordinal);

    [Fact]
    public Task Typed_inputs_and_outputs_to_declared_variables_compile_clean() =>
        GeneratorTest.VerifyAsync(WithParameters(
            "<camunda:inputParameter name=\"x\">1</camunda:inputParameter><camunda:inputParameter name=\"n\">${42}</camunda:inputParameter>"
            + "<camunda:inputParameter name=\"items\"><camunda:list><camunda:value>a</camunda:value><camunda:value>${x}</camunda:value></camunda:list></camunda:inputParameter>"
            + "<camunda:outputParameter name=\"total\">${n + amount}</camunda:outputParameter>",
            variables: "<flow:variable name=\"amount\" type=\"int\" /><flow:variable name=\"total\" type=\"int\" />"));

    [Fact]
    [Fires("FLOW1206")]
    public Task An_unknown_element_as_a_parameter_value_is_not_applied_a_warning_at_the_element()
    {
        var text = WithParameters("<camunda:inputParameter name=\"x\"><camunda:formula>1</camunda:formula></camunda:inputParameter>");
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1206", text, "<camunda:formula")
            .WithArguments("Work", "('x')", "an element 'formula' as the value of input parameter 'x' (the parameter is left out)"));
    }

    [Fact]
    public Task CSharp_script_values_compile_clean() =>
        GeneratorTest.VerifyAsync(WithParameters(
            "<camunda:inputParameter name=\"n\"><camunda:script scriptFormat=\"csharp\">42</camunda:script></camunda:inputParameter>"
            + "<camunda:inputParameter name=\"twice\" flow:type=\"int\"><camunda:script scriptFormat=\"C#\">var t = n * 2;\nreturn t;</camunda:script></camunda:inputParameter>"
            + "<camunda:outputParameter name=\"total\"><camunda:script scriptFormat=\"text/x-csharp\">twice + amount;</camunda:script></camunda:outputParameter>",
            variables: "<flow:variable name=\"amount\" type=\"int\" /><flow:variable name=\"total\" type=\"int\" />"));

    [Theory]
    [InlineData("groovy", "in 'groovy'")]
    [InlineData("javascript", "in 'javascript'")]
    [InlineData("", "without a scriptFormat")]
    [Fires("FLOW1273")]
    public Task A_script_value_in_another_language_is_an_error_at_the_script_that_names_it(string format, string language)
    {
        var attribute = format.Length > 0 ? " scriptFormat=\"" + format + "\"" : "";
        var text = WithParameters("<camunda:outputParameter name=\"total\"><camunda:script" + attribute + ">amount * 2</camunda:script></camunda:outputParameter>",
            variables: "<flow:variable name=\"amount\" type=\"int\" /><flow:variable name=\"total\" type=\"int\" />");
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1273", text, "<camunda:script" + (format.Length > 0 ? " scriptFormat" : "")).WithArguments("output", "total", "Work", language));
    }

    [Fact]
    [Fires("FLOW1274")]
    public Task A_csharp_script_value_from_a_resource_is_an_error_at_the_script()
    {
        var text = WithParameters("<camunda:inputParameter name=\"x\" flow:type=\"int\"><camunda:script scriptFormat=\"csharp\" resource=\"deployment://x.cs\" /></camunda:inputParameter>");
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1274", text, "<camunda:script scriptFormat").WithArguments("input", "x", "Work", "deployment://x.cs"));
    }

    [Theory]
    [InlineData("var t = 1; t++;", "has statements but no return")]
    [InlineData("  ", "is empty")]
    [Fires("FLOW1275")]
    public Task A_csharp_script_value_without_a_value_is_an_error_at_the_script(string script, string why)
    {
        var text = WithParameters("<camunda:inputParameter name=\"x\" flow:type=\"int\"><camunda:script scriptFormat=\"cs\">" + script + "</camunda:script></camunda:inputParameter>");
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1275", text, "<camunda:script scriptFormat").WithArguments("input", "x", "Work", why));
    }

    [Theory]
    [InlineData("amount * \"x\"", "CS0019")]
    [InlineData("var y = amount;\n  return y * \"x\";", "CS0019")]
    public void A_csharp_error_in_a_script_value_is_reported_at_its_place_in_the_diagram(string script, string id)
    {
        var text = WithParameters("<camunda:outputParameter name=\"total\"><camunda:script scriptFormat=\"csharp\">" + script + "</camunda:script></camunda:outputParameter>",
            variables: "<flow:variable name=\"amount\" type=\"int\" /><flow:variable name=\"total\" type=\"int\" />");

        var run = GeneratedCompilation.Run((FilePath, text));

        Assert.Empty(run.ErrorsInGeneratedCode());
        var error = Assert.Single(run.Output.GetDiagnostics(), d => d.Id == id);
        var span = error.Location.GetMappedLineSpan();
        var (line, column) = Find(text, script.Contains('\n') ? "y * " : "amount * ");
        Assert.Equal((FilePath, line - 1, column - 1), (span.Path, span.StartLinePosition.Line, span.StartLinePosition.Character));
    }

    [Fact]
    [Fires("FLOW1240")]
    public Task An_input_whose_type_cannot_be_told_is_an_error_at_the_parameter()
    {
        var text = WithParameters("<camunda:inputParameter name=\"x\">${System.DateTime.Now}</camunda:inputParameter>");
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1240", text, "<camunda:inputParameter name")
            .WithArguments("x", "Work", "its expression is not a literal or a declared variable"));
    }

    [Fact]
    [Fires("FLOW1241")]
    public Task An_output_to_an_undeclared_variable_is_an_error_at_the_parameter()
    {
        var text = WithParameters("<camunda:outputParameter name=\"missing\">${1}</camunda:outputParameter>");
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1241", text, "<camunda:outputParameter name").WithArguments("missing", "Work"));
    }

    [Fact]
    [Fires("FLOW1242")]
    public Task An_input_declared_twice_is_an_error_at_the_second()
    {
        var text = WithParameters("<camunda:inputParameter name=\"x\">a</camunda:inputParameter><camunda:inputParameter name=\"x\" >b</camunda:inputParameter>");
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1242", text, "<camunda:inputParameter name=\"x\" >").WithArguments("input", "x", "Work", "is declared twice"));
    }

    [Fact]
    [Fires("FLOW1243")]
    public Task Text_with_an_expression_inside_is_an_error_at_the_value()
    {
        var text = WithParameters("<camunda:inputParameter name=\"x\">Dear ${name}</camunda:inputParameter>");
        return GeneratorTest.VerifyAsync(text, AtText("FLOW1243", text, "Dear ${name}").WithArguments("x", "Work"));
    }

    [Fact]
    [Fires("FLOW1244")]
    public Task A_list_for_a_type_that_is_no_list_is_an_error_at_the_parameter()
    {
        var text = WithParameters("<camunda:inputParameter name=\"x\" flow:type=\"int\"><camunda:list><camunda:value>a</camunda:value></camunda:list></camunda:inputParameter>");
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1244", text, "<camunda:inputParameter name").WithArguments("input", "x", "Work", "int"));
    }

    [Fact]
    [Fires("FLOW1245")]
    public Task Tasks_sharing_a_handler_with_different_inputs_are_an_error_at_the_second()
    {
        var text = Process("""
                <bpmn:startEvent id="Start" />
                <bpmn:serviceTask id="A" flow:handler="Same"><bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name="x">a</camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements></bpmn:serviceTask>
                <bpmn:serviceTask id="B" flow:handler="Same"><bpmn:extensionElements><camunda:inputOutput ><camunda:inputParameter name="y">b</camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements></bpmn:serviceTask>
                <bpmn:endEvent id="End" />
                <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="A" />
                <bpmn:sequenceFlow id="F2" sourceRef="A" targetRef="B" />
                <bpmn:sequenceFlow id="F3" sourceRef="B" targetRef="End" />
            """).Replace("<bpmn:definitions ", "<bpmn:definitions " + Namespaces + " ", StringComparison.Ordinal);
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1245", text, "<camunda:inputOutput >").WithArguments("B", "Same", "A"));
    }
}
