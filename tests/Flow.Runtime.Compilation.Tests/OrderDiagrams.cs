namespace Flow.Runtime.Compilation.Tests;

/// <summary>An order-like process as a business analyst edits it: variables, a bound service task, a rule as a condition, a script, a user task.</summary>
internal static class OrderDiagrams
{
    /// <summary>
    /// start → checkStock (bound by name) → split on <paramref name="rule"/> → auto-approve script
    /// or review (user task) → end. <paramref name="handler"/> names the stock handler.
    /// </summary>
    public static string Order(string rule = "amount &lt;= 1000", string handler = "checkStock", string script = "approved = true;", string key = "order") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flow="http://flow-generators.dev/schema/bpmn" id="Defs">
          <bpmn:process id="{key}" name="Order" isExecutable="true">
            <bpmn:extensionElements>
              <flow:variable name="sku" type="string" />
              <flow:variable name="amount" type="decimal" />
              <flow:variable name="inStock" type="bool" />
              <flow:variable name="approved" type="bool" />
            </bpmn:extensionElements>
            <bpmn:startEvent id="Start" />
            <bpmn:serviceTask id="Task_CheckStock" name="Check stock" flow:handler="{handler}" />
            <bpmn:exclusiveGateway id="Gateway_Amount" default="Flow_Review" />
            <bpmn:scriptTask id="Task_AutoApprove" scriptFormat="csharp">
              <bpmn:script>{script}</bpmn:script>
            </bpmn:scriptTask>
            <bpmn:userTask id="Task_Review" />
            <bpmn:exclusiveGateway id="Gateway_Join" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Task_CheckStock" />
            <bpmn:sequenceFlow id="F2" sourceRef="Task_CheckStock" targetRef="Gateway_Amount" />
            <bpmn:sequenceFlow id="Flow_Auto" sourceRef="Gateway_Amount" targetRef="Task_AutoApprove">
              <bpmn:conditionExpression>{rule}</bpmn:conditionExpression>
            </bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="Flow_Review" sourceRef="Gateway_Amount" targetRef="Task_Review" />
            <bpmn:sequenceFlow id="F5" sourceRef="Task_AutoApprove" targetRef="Gateway_Join" />
            <bpmn:sequenceFlow id="F6" sourceRef="Task_Review" targetRef="Gateway_Join" />
            <bpmn:sequenceFlow id="F7" sourceRef="Gateway_Join" targetRef="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    /// <summary>1-based line and column of the only occurrence of <paramref name="needle"/>.</summary>
    public static (int Line, int Column) Find(string text, string needle)
    {
        var index = text.IndexOf(needle, StringComparison.Ordinal);
        Assert.True(index >= 0 && text.IndexOf(needle, index + 1, StringComparison.Ordinal) < 0, $"'{needle}' must occur once");
        var lineStart = text.LastIndexOf('\n', Math.Max(index - 1, 0)) + 1;
        return (1 + text.AsSpan(0, index).Count('\n'), index - lineStart + 1);
    }
}
