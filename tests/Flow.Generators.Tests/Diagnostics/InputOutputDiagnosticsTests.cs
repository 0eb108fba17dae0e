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

    private static string Io(string parameters) => $"<bpmn:extensionElements><camunda:inputOutput>{parameters}</camunda:inputOutput></bpmn:extensionElements>";

    private static string WithBody(string body, string variables) => Process(
        "<bpmn:extensionElements>" + variables + "</bpmn:extensionElements>\n" + body).Replace("<bpmn:definitions ", "<bpmn:definitions " + Namespaces + " ", StringComparison.Ordinal);

    /// <summary>A sub-process's inputs are typed locals of its scope: a condition, a script and a task's input inside it use them; an output writes a variable.</summary>
    [Fact]
    public Task A_sub_process_whose_inputs_are_used_inside_compiles_clean() =>
        GeneratorTest.VerifyAsync(WithBody(
            "<bpmn:startEvent id=\"Start\" />"
            + "<bpmn:subProcess id=\"Sub\">" + Io("<camunda:inputParameter name=\"rate\">${3}</camunda:inputParameter><camunda:inputParameter name=\"amount\">${amount + 1}</camunda:inputParameter><camunda:outputParameter name=\"total\">${rate + amount}</camunda:outputParameter>")
            + "<bpmn:startEvent id=\"S\" /><bpmn:scriptTask id=\"Note\" scriptFormat=\"csharp\"><bpmn:script>total = rate;</bpmn:script></bpmn:scriptTask>"
            + "<bpmn:userTask id=\"Wait\">" + Io("<camunda:inputParameter name=\"twice\">${rate}</camunda:inputParameter><camunda:outputParameter name=\"total\">${twice * amount}</camunda:outputParameter>") + "</bpmn:userTask>"
            + "<bpmn:endEvent id=\"E\" /><bpmn:sequenceFlow id=\"I1\" sourceRef=\"S\" targetRef=\"Note\" /><bpmn:sequenceFlow id=\"I2\" sourceRef=\"Note\" targetRef=\"Wait\"><bpmn:conditionExpression>${rate &gt; 2}</bpmn:conditionExpression></bpmn:sequenceFlow><bpmn:sequenceFlow id=\"I3\" sourceRef=\"Wait\" targetRef=\"E\" />"
            + "</bpmn:subProcess><bpmn:endEvent id=\"End\" />"
            + "<bpmn:sequenceFlow id=\"F1\" sourceRef=\"Start\" targetRef=\"Sub\" /><bpmn:sequenceFlow id=\"F2\" sourceRef=\"Sub\" targetRef=\"End\" />",
            "<flow:variable name=\"amount\" type=\"int\" /><flow:variable name=\"total\" type=\"int\" />"));

    /// <summary>A call activity's in mapping may name one of its inputs as its source (no FLOW1204: the local is no process variable).</summary>
    [Fact]
    public Task A_call_activity_whose_in_mapping_reads_an_input_compiles_clean() =>
        GeneratorTest.VerifyAsync(WithBody(
            "<bpmn:startEvent id=\"Start\" />"
            + "<bpmn:callActivity id=\"Call\" calledElement=\"other\"><bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name=\"local\" flow:type=\"int\">${amount * 2}</camunda:inputParameter><camunda:outputParameter name=\"amount\">${local}</camunda:outputParameter></camunda:inputOutput>"
            + "<camunda:in source=\"local\" target=\"x\" /><camunda:in sourceExpression=\"${local + 1}\" target=\"y\" /></bpmn:extensionElements></bpmn:callActivity>"
            + "<bpmn:endEvent id=\"End\" /><bpmn:sequenceFlow id=\"F1\" sourceRef=\"Start\" targetRef=\"Call\" /><bpmn:sequenceFlow id=\"F2\" sourceRef=\"Call\" targetRef=\"End\" />",
            "<flow:variable name=\"amount\" type=\"int\" />").Replace(
            "</bpmn:definitions>",
            "<bpmn:process id=\"other\" isExecutable=\"true\"><bpmn:extensionElements><flow:variable name=\"x\" type=\"int\" /><flow:variable name=\"y\" type=\"int\" /></bpmn:extensionElements><bpmn:startEvent id=\"OS\" /><bpmn:endEvent id=\"OE\" /><bpmn:sequenceFlow id=\"O1\" sourceRef=\"OS\" targetRef=\"OE\" /></bpmn:process></bpmn:definitions>",
            StringComparison.Ordinal));

    [Fact]
    public Task A_call_activity_whose_in_mapping_reads_an_input_given_by_a_csharp_script_compiles_clean() =>
        GeneratorTest.VerifyAsync(WithBody(
            "<bpmn:startEvent id=\"Start\" />"
            + "<bpmn:callActivity id=\"Call\" calledElement=\"other\"><bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name=\"local\" flow:type=\"int\"><camunda:script scriptFormat=\"csharp\">amount * 2</camunda:script></camunda:inputParameter></camunda:inputOutput>"
            + "<camunda:in source=\"local\" target=\"x\" /></bpmn:extensionElements></bpmn:callActivity>"
            + "<bpmn:endEvent id=\"End\" /><bpmn:sequenceFlow id=\"F1\" sourceRef=\"Start\" targetRef=\"Call\" /><bpmn:sequenceFlow id=\"F2\" sourceRef=\"Call\" targetRef=\"End\" />",
            "<flow:variable name=\"amount\" type=\"int\" />").Replace(
            "</bpmn:definitions>",
            "<bpmn:process id=\"other\" isExecutable=\"true\"><bpmn:extensionElements><flow:variable name=\"x\" type=\"int\" /></bpmn:extensionElements><bpmn:startEvent id=\"OS\" /><bpmn:endEvent id=\"OE\" /><bpmn:sequenceFlow id=\"O1\" sourceRef=\"OS\" targetRef=\"OE\" /></bpmn:process></bpmn:definitions>",
            StringComparison.Ordinal));

    [Theory]
    [Fires("FLOW1246")]
    [InlineData("startEvent", "Start", "start event")]
    [InlineData("parallelGateway", "Gate", "gateway")]
    public Task Input_output_parameters_where_Camunda_allows_none_are_a_warning_at_the_input_output_element(string element, string id, string kind)
    {
        var io = Io("<camunda:inputParameter name=\"x\">1</camunda:inputParameter>");
        var text = WithBody(
            (element == "startEvent" ? $"<bpmn:startEvent id=\"Start\">{io}</bpmn:startEvent>" : "<bpmn:startEvent id=\"Start\" />")
            + (element == "startEvent" ? "<bpmn:parallelGateway id=\"Gate\" />" : $"<bpmn:{element} id=\"Gate\">{io}</bpmn:{element}>")
            + "<bpmn:endEvent id=\"End\" /><bpmn:endEvent id=\"End2\" /><bpmn:sequenceFlow id=\"F1\" sourceRef=\"Start\" targetRef=\"Gate\" /><bpmn:sequenceFlow id=\"F2\" sourceRef=\"Gate\" targetRef=\"End\" /><bpmn:sequenceFlow id=\"F3\" sourceRef=\"Gate\" targetRef=\"End2\" />",
            "");
        return GeneratorTest.VerifyAsync(text, AtText("FLOW1246", text, "<camunda:inputOutput").WithArguments(id, kind));
    }

    [Fact]
    [Fires("FLOW1246")]
    public Task Input_output_parameters_on_a_boundary_event_are_a_warning_at_the_input_output_element()
    {
        var text = WithBody(
            StraightLine.Replace("<bpmn:task id=\"Work\" name=\"Work\" />", "<bpmn:userTask id=\"Work\" name=\"Work\" />", StringComparison.Ordinal)
            + "<bpmn:boundaryEvent id=\"Late\" attachedToRef=\"Work\">" + Io("<camunda:outputParameter name=\"x\">1</camunda:outputParameter>") + "<bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent><bpmn:endEvent id=\"LateEnd\" /><bpmn:sequenceFlow id=\"F9\" sourceRef=\"Late\" targetRef=\"LateEnd\" />",
            "");
        return GeneratorTest.VerifyAsync(text, AtText("FLOW1246", text, "<camunda:inputOutput").WithArguments("Late", "boundary event"));
    }
}
