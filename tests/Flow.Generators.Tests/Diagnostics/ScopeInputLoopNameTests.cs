using Flow.Generators.Tests.Infrastructure;
using static Flow.Generators.Tests.Infrastructure.Fixtures;

namespace Flow.Generators.Tests.Diagnostics;

/// <summary>
/// A sub-process input named like a loop variable: inside a looped sub-process the code declares the
/// loop's variables, so it would read the loop's value, not the inner input (FLOW1250 at the input);
/// with no loop around, the input is a plain local (ScopeInputLoopNameRunTests runs it).
/// </summary>
public class ScopeInputLoopNameTests
{
    private const string Namespaces = "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" xmlns:flow=\"http://flow-generators.dev/schema/bpmn\"";

    /// <summary>start → Outer (<paramref name="loop"/>; inside: Inner (input <paramref name="name"/>; a script reads it)) → end.</summary>
    private static string Nested(string loop, string name) => Process(
        "<bpmn:extensionElements><flow:variable name=\"names\" type=\"string[]\" /><flow:variable name=\"log\" type=\"System.Collections.Generic.List&lt;string&gt;\" /></bpmn:extensionElements>\n"
        + "<bpmn:startEvent id=\"Start\" />\n"
        + "<bpmn:subProcess id=\"Outer\">" + loop + "\n"
        + "<bpmn:startEvent id=\"OuterStart\" />\n"
        + "<bpmn:subProcess id=\"Inner\"><bpmn:extensionElements><camunda:inputOutput>"
        + $"<camunda:inputParameter name=\"{name}\" flow:type=\"string\">x</camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements>\n"
        + "<bpmn:startEvent id=\"InnerStart\" />\n"
        + $"<bpmn:scriptTask id=\"Note\" scriptFormat=\"csharp\"><bpmn:script>log.Add(\"\" + {name});</bpmn:script></bpmn:scriptTask>\n"
        + "<bpmn:endEvent id=\"InnerEnd\" />\n"
        + "<bpmn:sequenceFlow id=\"I1\" sourceRef=\"InnerStart\" targetRef=\"Note\" /><bpmn:sequenceFlow id=\"I2\" sourceRef=\"Note\" targetRef=\"InnerEnd\" />\n"
        + "</bpmn:subProcess>\n<bpmn:endEvent id=\"OuterEnd\" />\n"
        + "<bpmn:sequenceFlow id=\"O1\" sourceRef=\"OuterStart\" targetRef=\"Inner\" /><bpmn:sequenceFlow id=\"O2\" sourceRef=\"Inner\" targetRef=\"OuterEnd\" />\n"
        + "</bpmn:subProcess>\n<bpmn:endEvent id=\"End\" />\n"
        + "<bpmn:sequenceFlow id=\"F1\" sourceRef=\"Start\" targetRef=\"Outer\" /><bpmn:sequenceFlow id=\"F2\" sourceRef=\"Outer\" targetRef=\"End\" />")
        .Replace("<bpmn:definitions ", "<bpmn:definitions " + Namespaces + " ", StringComparison.Ordinal);

    private const string MultiInstance = "<bpmn:multiInstanceLoopCharacteristics camunda:collection=\"${names}\" camunda:elementVariable=\"item\" />";

    [Theory]
    [Fires("FLOW1250")]
    [InlineData("loopCounter")]
    [InlineData("nrOfCompletedInstances")]
    [InlineData("item")]
    public Task An_inner_scope_input_named_like_the_loop_variables_around_it_is_an_error_at_the_input(string name)
    {
        var text = Nested(MultiInstance, name);
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1250", text, "<camunda:inputParameter name").WithArguments(name, "Inner", "Outer"));
    }

    /// <summary>With no loop around, the input is a plain local: no diagnostic (what the code inside reads: ScopeInputLoopNameRunTests).</summary>
    [Fact]
    public Task Without_a_loop_around_an_input_named_loopCounter_compiles_clean() =>
        GeneratorTest.VerifyAsync(Nested("", "loopCounter"));
}
