using Flow.Generators.Tests.Infrastructure;
using static Flow.Generators.Tests.Infrastructure.Fixtures;

namespace Flow.Generators.Tests.Diagnostics;

public class ExpressionDiagnosticsTests
{
    private const string FlowNs = "xmlns:flow=\"http://flow-generators.dev/schema/bpmn\"";

    private static string WithCondition(string conditionElement) => Process($"""
            <bpmn:startEvent id="Start" />
            <bpmn:exclusiveGateway id="Gate" default="Else" />
            <bpmn:endEvent id="A" />
            <bpmn:endEvent id="B" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Gate" />
            <bpmn:sequenceFlow id="Cond" sourceRef="Gate" targetRef="A">{conditionElement}</bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="Else" sourceRef="Gate" targetRef="B" />
        """);

    private static string WithVariables(string variables) => Process(StraightLine).Replace(
        "isExecutable=\"true\">",
        $"isExecutable=\"true\" {FlowNs}>\n    <bpmn:extensionElements>\n{variables}\n    </bpmn:extensionElements>",
        StringComparison.Ordinal);

    private static string WithScript(string script) => Process(StraightLine.Replace(
        "<bpmn:task id=\"Work\" name=\"Work\" />",
        script,
        StringComparison.Ordinal));

    [Fact]
    [Fires("FLOW3002")]
    public Task An_xpath_condition_is_not_supported()
    {
        var text = WithCondition("""<bpmn:conditionExpression language="http://www.w3.org/1999/XPath">count(items) &gt; 1</bpmn:conditionExpression>""");
        return GeneratorTest.VerifyAsync(text, AtText("FLOW3002", text, "count(items) &gt; 1"));
    }

    [Fact]
    [Fires("FLOW3003")]
    public Task A_feel_condition_is_not_supported()
    {
        var text = WithCondition("""<bpmn:conditionExpression>= not(approved)</bpmn:conditionExpression>""");
        return GeneratorTest.VerifyAsync(text, AtText("FLOW3003", text, "= not(approved)"));
    }

    [Fact]
    [Fires("FLOW3004")]
    public Task A_variable_without_type()
    {
        var text = WithVariables("""      <flow:variable name="amount" />""");
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW3004", text, "<flow:variable name"));
    }

    [Fact]
    public Task A_variable_whose_name_is_not_an_identifier()
    {
        var text = WithVariables("""      <flow:variable name="order amount" type="decimal" />""");
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW3004", text, "<flow:variable name"));
    }

    [Fact]
    [Fires("FLOW3005")]
    public Task A_variable_declared_twice()
    {
        var text = WithVariables("""
                  <flow:variable name="amount" type="decimal" />
                  <flow:variable name="amount" type="int" />
            """);
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW3005", text, "<flow:variable name=\"amount\" type=\"int\""));
    }

    [Fact]
    public Task A_typed_property_is_a_variable_too()
    {
        var text = WithVariables("""      <flow:variable name="amount" type="decimal" />""")
            .Replace("<bpmn:startEvent", "<bpmn:property id=\"P1\" name=\"amount\" itemSubjectRef=\"Item_Int\" />\n    <bpmn:startEvent", StringComparison.Ordinal)
            .Replace("<bpmn:process", "<bpmn:itemDefinition id=\"Item_Int\" structureRef=\"xsd:int\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" />\n  <bpmn:process", StringComparison.Ordinal);
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW3005", text, "<bpmn:property id"));
    }

    [Fact]
    [Fires("FLOW3006")]
    public Task Variables_next_to_a_bound_data_type_are_ignored()
    {
        var text = WithVariables("""      <flow:variable name="amount" type="decimal" />""")
            .Replace("isExecutable=\"true\"", "isExecutable=\"true\" flow:dataType=\"Shop.OrderData\"", StringComparison.Ordinal);
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW3006", text, "<flow:variable name"));
    }

    [Fact]
    [Fires("FLOW3007")]
    public Task A_script_task_without_script()
    {
        var text = WithScript("""<bpmn:scriptTask id="Work" scriptFormat="csharp" />""");
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW3007", text, "<bpmn:scriptTask id"));
    }

    [Fact]
    [Fires("FLOW4006")]
    public Task A_groovy_script_is_not_supported()
    {
        var text = WithScript("""<bpmn:scriptTask id="Work" scriptFormat="groovy"><bpmn:script>x = 1</bpmn:script></bpmn:scriptTask>""");
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW4006", text, "<bpmn:scriptTask id").WithArguments("Work", "groovy"));
    }
}
