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

    [Fact]
    public Task A_flow_type_with_a_line_end_and_code_is_an_error_at_the_parameter()
    {
        var text = Script("<camunda:inputParameter name=\"x\" flow:type=\"string&#10;#line hidden&#10;__x = Pwn(); static string Pwn() =&gt; &quot;&quot;;&#10;#line default&#10;string\">a</camunda:inputParameter>");
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1240", text, "<camunda:inputParameter name").WithArguments("x", "Work", "its flow:type is not a C# type name"));
    }
}
