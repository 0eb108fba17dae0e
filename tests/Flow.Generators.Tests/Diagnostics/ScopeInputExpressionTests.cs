using Flow.Generators.Tests.Infrastructure;
using static Flow.Generators.Tests.Infrastructure.Fixtures;

namespace Flow.Generators.Tests.Diagnostics;

/// <summary>
/// Timer expressions, conditional event conditions and loop expressions see the inputs of the
/// sub-processes around them (they were FLOW1247): one that names such an input compiles clean, the
/// input typed as the scope declares it (how they run: ScopeInputVisibilityTests). A looped call
/// activity's input named like its loop variables is FLOW1242.
/// </summary>
public class ScopeInputExpressionTests
{
    private const string Namespaces = "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" xmlns:flow=\"http://flow-generators.dev/schema/bpmn\"";

    /// <summary>start → Sub (inputs wait, rate, names, count, done that hide the process variables of their names; inside: start → Inner → end) → end.</summary>
    private static string InScope(string inner) => Process(
        "<bpmn:extensionElements><flow:variable name=\"wait\" type=\"string\" /><flow:variable name=\"rate\" type=\"int\" /><flow:variable name=\"names\" type=\"string[]\" />"
        + "<flow:variable name=\"count\" type=\"int\" /><flow:variable name=\"done\" type=\"bool\" /><flow:variable name=\"results\" type=\"List&lt;string&gt;\" /></bpmn:extensionElements>\n"
        + "<bpmn:startEvent id=\"Start\" />\n"
        + "<bpmn:subProcess id=\"Sub\"><bpmn:extensionElements><camunda:inputOutput>"
        + "<camunda:inputParameter name=\"wait\">PT1M</camunda:inputParameter><camunda:inputParameter name=\"rate\">${rate + 1}</camunda:inputParameter>"
        + "<camunda:inputParameter name=\"names\">${names}</camunda:inputParameter><camunda:inputParameter name=\"count\">${count}</camunda:inputParameter>"
        + "<camunda:inputParameter name=\"done\">${done}</camunda:inputParameter><camunda:inputParameter name=\"nrOfCompletedInstances\" flow:type=\"int\">${2}</camunda:inputParameter>"
        + "</camunda:inputOutput></bpmn:extensionElements>\n"
        + "<bpmn:startEvent id=\"SubStart\" />\n" + inner + "\n<bpmn:endEvent id=\"SubEnd\" />\n"
        + "<bpmn:sequenceFlow id=\"S1\" sourceRef=\"SubStart\" targetRef=\"Inner\" /><bpmn:sequenceFlow id=\"S2\" sourceRef=\"Inner\" targetRef=\"SubEnd\" />\n"
        + "</bpmn:subProcess>\n<bpmn:endEvent id=\"End\" />\n"
        + "<bpmn:sequenceFlow id=\"F1\" sourceRef=\"Start\" targetRef=\"Sub\" /><bpmn:sequenceFlow id=\"F2\" sourceRef=\"Sub\" targetRef=\"End\" />")
        .Replace("<bpmn:definitions ", "<bpmn:definitions " + Namespaces + " ", StringComparison.Ordinal);

    private static string MultiInstance(string attributes, string children = "") =>
        $"<bpmn:userTask id=\"Inner\"><bpmn:multiInstanceLoopCharacteristics {attributes}>{children}</bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>";

    [Theory]
    [InlineData("<bpmn:intermediateCatchEvent id=\"Inner\"><bpmn:timerEventDefinition><bpmn:timeDuration>${wait}</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>")]
    [InlineData("<bpmn:intermediateCatchEvent id=\"Inner\"><bpmn:conditionalEventDefinition><bpmn:condition>${rate &gt; 2}</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:intermediateCatchEvent>")]
    [InlineData("<bpmn:userTask id=\"Inner\"><bpmn:multiInstanceLoopCharacteristics camunda:collection=\"${names.Reverse()}\" /></bpmn:userTask>")]
    [InlineData("<bpmn:userTask id=\"Inner\"><bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>${count * 2}</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>")]
    [InlineData("<bpmn:userTask id=\"Inner\"><bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>3</bpmn:loopCardinality><bpmn:completionCondition>${done || false}</bpmn:completionCondition></bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>")]
    [InlineData("<bpmn:userTask id=\"Inner\"><bpmn:standardLoopCharacteristics loopMaximum=\"3\"><bpmn:loopCondition>${rate &lt; 9}</bpmn:loopCondition></bpmn:standardLoopCharacteristics></bpmn:userTask>")]
    [InlineData("<bpmn:userTask id=\"Inner\"><bpmn:multiInstanceLoopCharacteristics flow:outputCollection=\"results\" flow:outputElement=\"${wait + loopCounter}\"><bpmn:loopCardinality>2</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>")]
    public Task An_expression_inside_a_scope_that_names_its_input_compiles_clean(string inner) =>
        GeneratorTest.VerifyAsync(InScope(inner));

    /// <summary>Strings, member names and the multi-instance's own loop variables are no use of the scope's inputs.</summary>
    [Fact]
    public Task Strings_members_and_the_loops_own_variables_are_not_the_scopes_inputs() =>
        GeneratorTest.VerifyAsync(InScope(MultiInstance(
            "",
            "<bpmn:loopCardinality>${\"rate\".Length + @\"wait\".Length + names0.Length}</bpmn:loopCardinality><bpmn:completionCondition>${nrOfCompletedInstances &gt;= 1}</bpmn:completionCondition>"))
            .Replace("<flow:variable name=\"done\" type=\"bool\" />", "<flow:variable name=\"done\" type=\"bool\" /><flow:variable name=\"names0\" type=\"string\" />", StringComparison.Ordinal));
    /// <summary>A looped call activity's inputs are locals beside its loop variables: one named like them is refused at the parameter (before, a C# error in generated code).</summary>
    [Theory]
    [InlineData("loopCounter")]
    [InlineData("item")]
    public Task A_looped_call_activitys_input_named_like_its_loop_variables_is_an_error_at_the_parameter(string name)
    {
        var text = Process(
            "<bpmn:extensionElements><flow:variable name=\"names\" type=\"string[]\" /></bpmn:extensionElements>\n"
            + "<bpmn:startEvent id=\"Start\" />\n"
            + "<bpmn:callActivity id=\"Call\" calledElement=\"other\"><bpmn:extensionElements><camunda:inputOutput>"
            + $"<camunda:inputParameter name=\"{name}\" flow:type=\"string\">a</camunda:inputParameter></camunda:inputOutput>"
            + "<camunda:in source=\"item\" target=\"x\" /></bpmn:extensionElements>"
            + "<bpmn:multiInstanceLoopCharacteristics camunda:collection=\"names\" camunda:elementVariable=\"item\" /></bpmn:callActivity>\n"
            + "<bpmn:endEvent id=\"End\" />\n"
            + "<bpmn:sequenceFlow id=\"F1\" sourceRef=\"Start\" targetRef=\"Call\" /><bpmn:sequenceFlow id=\"F2\" sourceRef=\"Call\" targetRef=\"End\" />")
            .Replace("<bpmn:definitions ", "<bpmn:definitions " + Namespaces + " ", StringComparison.Ordinal)
            .Replace("</bpmn:definitions>", "<bpmn:process id=\"other\" isExecutable=\"true\"><bpmn:extensionElements><flow:variable name=\"x\" type=\"string\" /></bpmn:extensionElements><bpmn:startEvent id=\"OS\" /><bpmn:endEvent id=\"OE\" /><bpmn:sequenceFlow id=\"O1\" sourceRef=\"OS\" targetRef=\"OE\" /></bpmn:process></bpmn:definitions>", StringComparison.Ordinal);
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1242", text, "<camunda:inputParameter name").WithArguments("input", name, "Call", "is a variable of the activity's loop"));
    }
}
