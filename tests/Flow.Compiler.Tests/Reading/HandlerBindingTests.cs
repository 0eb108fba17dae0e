using Flow.Compiler.Model;
using Flow.Compiler.Reading;

namespace Flow.Compiler.Tests.Reading;

/// <summary>Camunda's bindings (and flow:handler in content) read as the name of a handler the host registers.</summary>
public class HandlerBindingTests
{
    private static string Diagram(string taskAttributes) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:flow="http://flow-generators.dev/schema/bpmn" id="D">
          <bpmn:process id="order" isExecutable="true">
            <bpmn:startEvent id="Start" />
            <bpmn:serviceTask id="Check" name="Check stock" {taskAttributes} />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Check" />
            <bpmn:sequenceFlow id="F2" sourceRef="Check" targetRef="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Theory]
    [InlineData("camunda:delegateExpression", "${checkStock}", "checkStock")]
    [InlineData("camunda:delegateExpression", "#{ checkStock }", "checkStock")]
    [InlineData("camunda:class", "com.shop.CheckStock", "checkStock")]
    [InlineData("camunda:class", "com.shop.Outer$CheckStock", "checkStock")]
    [InlineData("camunda:class", "com.shop.URLCheck", "URLCheck")]
    [InlineData("camunda:class", "CheckStock", "checkStock")]
    [InlineData("camunda:expression", "${checkStock.run(execution)}", "checkStock")]
    [InlineData("flow:handler", "checkStock", "checkStock")]
    public void A_binding_names_its_handler(string attribute, string text, string expected) =>
        Assert.Equal(expected, HandlerBindings.NameOf(new HandlerBindingText(attribute, text, default)));

    [Theory]
    [InlineData("camunda:delegateExpression", "checkStock")]
    [InlineData("camunda:delegateExpression", "${stock.check()}")]
    [InlineData("camunda:delegateExpression", "${}")]
    [InlineData("camunda:expression", "${checkStock}")]
    [InlineData("camunda:expression", "${1 + 2}")]
    [InlineData("camunda:class", "com.shop.")]
    [InlineData("flow:handler", "check stock")]
    public void A_binding_that_names_no_handler_is_null(string attribute, string text) =>
        Assert.Null(HandlerBindings.NameOf(new HandlerBindingText(attribute, text, default)));

    [Fact]
    public void The_reader_keeps_the_attribute_and_its_position()
    {
        var document = BpmnReader.Read(Diagram("camunda:delegateExpression=\"${checkStock}\"")).Document!;
        var binding = document.Processes[0].Nodes.Single(n => n.Id == "Check").HandlerBinding!;
        Assert.Equal("camunda:delegateExpression", binding.Attribute);
        Assert.Equal("${checkStock}", binding.Text);
        Assert.Equal(5, binding.Span.StartLine);
    }

    [Fact]
    public void A_bound_task_calls_the_named_handler_and_declares_no_method()
    {
        var source = Compile(Diagram("camunda:class=\"com.shop.CheckStock\""), byName: false);
        Assert.Contains("binding: \"checkStock\"", source, StringComparison.Ordinal);
        Assert.Contains("InvokeBoundHandlerAsync(1, ", source, StringComparison.Ordinal);
        Assert.Contains("_ => InvokeBoundHandlerOrNoneAsync(nodeIndex, ", source, StringComparison.Ordinal);
        Assert.DoesNotContain("private partial global::System.Threading.Tasks.ValueTask", source, StringComparison.Ordinal);
    }

    [Fact]
    public void In_a_build_flow_handler_names_the_partial_method_and_wins_over_a_camunda_binding()
    {
        var source = Compile(Diagram("flow:handler=\"ReserveStock\" camunda:delegateExpression=\"${checkStock}\""), byName: false);
        Assert.Contains("private partial global::System.Threading.Tasks.ValueTask ReserveStock(", source, StringComparison.Ordinal);
        Assert.DoesNotContain("InvokeBoundHandlerAsync", source, StringComparison.Ordinal);
    }

    [Fact]
    public void Compiled_with_bindings_by_name_flow_handler_is_a_handler_name()
    {
        var source = Compile(Diagram("flow:handler=\"checkStock\""), byName: true);
        Assert.Contains("binding: \"checkStock\"", source, StringComparison.Ordinal);
        Assert.DoesNotContain("private partial global::System.Threading.Tasks.ValueTask", source, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_binding_changes_the_definition_hash()
    {
        var a = Compile(Diagram("camunda:delegateExpression=\"${checkStock}\""), byName: false);
        var b = Compile(Diagram("camunda:delegateExpression=\"${checkStock2}\""), byName: false);
        Assert.NotEqual(Hash(a), Hash(b));

        static string Hash(string source) =>
            source.Split('\n').Single(l => l.Contains("public const string DefinitionHash", StringComparison.Ordinal));
    }

    private static string Compile(string text, bool byName)
    {
        var result = FlowCompiler.Compile(new FlowFile("/order.bpmn", text, "Shop") { BindHandlersByName = byName });
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == Flow.Compiler.Diagnostics.FlowSeverity.Error);
        return Assert.Single(result.Sources).Text;
    }
}
