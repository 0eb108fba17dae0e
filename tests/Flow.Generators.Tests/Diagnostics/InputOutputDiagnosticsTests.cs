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
    public Task A_script_as_a_parameter_value_is_not_applied_a_warning_at_the_script()
    {
        var text = WithParameters("<camunda:inputParameter name=\"x\"><camunda:script scriptFormat=\"groovy\">1</camunda:script></camunda:inputParameter>");
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1206", text, "<camunda:script scriptFormat")
            .WithArguments("Work", "('x')", "a camunda:script in 'groovy' as the value of input parameter 'x' (the parameter is left out)"));
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
