using Flow.Generators.Tests.Infrastructure;
using static Flow.Generators.Tests.Infrastructure.Fixtures;

namespace Flow.Generators.Tests.Diagnostics;

/// <summary>Tasks bound by name to a handler the host registers (camunda:delegateExpression, class, expression).</summary>
public class HandlerBindingDiagnosticsTests
{
    private const string Camunda = "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\"";

    private static string WithTask(string task) =>
        Process(StraightLine.Replace("<bpmn:task id=\"Work\" name=\"Work\" />", task, StringComparison.Ordinal));

    [Fact]
    [Fires("FLOW1260")]
    public Task A_delegate_expression_that_is_not_a_name()
    {
        var text = WithTask($"<bpmn:serviceTask id=\"Work\" {Camunda} camunda:delegateExpression=\"${{stock.check()}}\" />");
        return GeneratorTest.VerifyAsync(text, AtText("FLOW1260", text, "camunda:delegateExpression=\"${stock.check()}\"").WithArguments("camunda:delegateExpression", "${stock.check()}", "Work"));
    }

    [Fact]
    public Task An_expression_that_calls_no_bean_is_refused_at_the_attribute()
    {
        var text = WithTask($"<bpmn:serviceTask id=\"Work\" {Camunda} camunda:expression=\"${{1 + 2}}\" />");
        return GeneratorTest.VerifyAsync(text, AtText("FLOW1260", text, "camunda:expression=\"${1 + 2}\"").WithArguments("camunda:expression", "${1 + 2}", "Work"));
    }

    [Theory]
    [InlineData("camunda:delegateExpression=\"${checkStock}\"")]
    [InlineData("camunda:delegateExpression=\"#{checkStock}\"")]
    [InlineData("camunda:class=\"com.shop.CheckStock\"")]
    [InlineData("camunda:expression=\"${checkStock.run(execution)}\"")]
    public Task A_readable_binding_needs_no_handler_method(string binding)
    {
        // No partial method is declared for a bound task, so nothing is missing: no diagnostic.
        var text = WithTask($"<bpmn:serviceTask id=\"Work\" {Camunda} {binding} />");
        return GeneratorTest.VerifyAsync(text);
    }
}
