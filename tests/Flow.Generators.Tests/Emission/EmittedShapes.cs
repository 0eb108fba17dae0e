using Flow.Generators.Tests.Infrastructure;

namespace Flow.Generators.Tests.Emission;

/// <summary>
/// One diagram per shape of generated code, each with the handler code it needs to compile:
/// the straight-line method, the token engine with wait states, a sub-process inline in the
/// straight-line method, and an inclusive fork and join.
/// </summary>
internal static class EmittedShapes
{
    public sealed record Shape(string Snapshot, string Diagram, string Handlers);

    public static readonly Shape StraightLine = new(
        "StraightLine.g.cs.txt",
        Fixtures.Process(Fixtures.StraightLine),
        Handlers("Work"));

    public static readonly Shape WaitStates = new(
        "WaitStates.g.cs.txt",
        Document("""
                <bpmn:extensionElements>
                  <flow:variable name="sku" type="string" />
                  <flow:variable name="inStock" type="bool" />
                  <flow:variable name="approved" type="bool" />
                </bpmn:extensionElements>
                <bpmn:startEvent id="Start" name="Order received" />
                <bpmn:serviceTask id="Task_CheckStock" name="Check stock" />
                <bpmn:exclusiveGateway id="Gateway_InStock" name="In stock?" default="Flow_OutOfStock" />
                <bpmn:userTask id="Task_Review" name="Review">
                  <bpmn:extensionElements>
                    <flow:output name="approved" type="bool" />
                  </bpmn:extensionElements>
                </bpmn:userTask>
                <bpmn:scriptTask id="Task_Log" name="Log" scriptFormat="csharp">
                  <bpmn:script>sku = sku.Trim();</bpmn:script>
                </bpmn:scriptTask>
                <bpmn:endEvent id="End_Done" name="Done" />
                <bpmn:endEvent id="End_OutOfStock" name="Out of stock" />
                <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Task_CheckStock" />
                <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_CheckStock" targetRef="Gateway_InStock" />
                <bpmn:sequenceFlow id="Flow_InStock" name="yes" sourceRef="Gateway_InStock" targetRef="Task_Review">
                  <bpmn:conditionExpression>${inStock}</bpmn:conditionExpression>
                </bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="Flow_OutOfStock" name="no" sourceRef="Gateway_InStock" targetRef="End_OutOfStock" />
                <bpmn:sequenceFlow id="Flow_3" sourceRef="Task_Review" targetRef="Task_Log" />
                <bpmn:sequenceFlow id="Flow_4" sourceRef="Task_Log" targetRef="End_Done" />
            """),
        Handlers("CheckStock"));

    public static readonly Shape SubProcess = new(
        "SubProcess.g.cs.txt",
        Document("""
                <bpmn:startEvent id="Start" />
                <bpmn:subProcess id="Sub_Pack" name="Pack">
                  <bpmn:startEvent id="Pack_Start" />
                  <bpmn:serviceTask id="Task_Wrap" name="Wrap" />
                  <bpmn:endEvent id="Pack_End" />
                  <bpmn:sequenceFlow id="Flow_P1" sourceRef="Pack_Start" targetRef="Task_Wrap" />
                  <bpmn:sequenceFlow id="Flow_P2" sourceRef="Task_Wrap" targetRef="Pack_End" />
                </bpmn:subProcess>
                <bpmn:serviceTask id="Task_Ship" name="Ship" />
                <bpmn:endEvent id="End" />
                <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Sub_Pack" />
                <bpmn:sequenceFlow id="Flow_2" sourceRef="Sub_Pack" targetRef="Task_Ship" />
                <bpmn:sequenceFlow id="Flow_3" sourceRef="Task_Ship" targetRef="End" />
            """),
        Handlers("Wrap", "Ship"));

    public static readonly Shape InclusiveJoin = new(
        "InclusiveJoin.g.cs.txt",
        Document("""
                <bpmn:extensionElements>
                  <flow:variable name="gift" type="bool" />
                  <flow:variable name="value" type="int" />
                </bpmn:extensionElements>
                <bpmn:startEvent id="Start" />
                <bpmn:inclusiveGateway id="Gateway_Extras" name="Extras" default="Flow_None" />
                <bpmn:serviceTask id="Task_Wrap" name="Wrap" />
                <bpmn:serviceTask id="Task_Insure" name="Insure" />
                <bpmn:serviceTask id="Task_Plain" name="Plain" />
                <bpmn:inclusiveGateway id="Gateway_Together" />
                <bpmn:serviceTask id="Task_Ship" name="Ship" />
                <bpmn:endEvent id="End" />
                <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Gateway_Extras" />
                <bpmn:sequenceFlow id="Flow_Gift" sourceRef="Gateway_Extras" targetRef="Task_Wrap">
                  <bpmn:conditionExpression>${gift}</bpmn:conditionExpression>
                </bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="Flow_Valuable" sourceRef="Gateway_Extras" targetRef="Task_Insure">
                  <bpmn:conditionExpression>${value &gt; 100}</bpmn:conditionExpression>
                </bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="Flow_None" sourceRef="Gateway_Extras" targetRef="Task_Plain" />
                <bpmn:sequenceFlow id="Flow_W" sourceRef="Task_Wrap" targetRef="Gateway_Together" />
                <bpmn:sequenceFlow id="Flow_I" sourceRef="Task_Insure" targetRef="Gateway_Together" />
                <bpmn:sequenceFlow id="Flow_P" sourceRef="Task_Plain" targetRef="Gateway_Together" />
                <bpmn:sequenceFlow id="Flow_2" sourceRef="Gateway_Together" targetRef="Task_Ship" />
                <bpmn:sequenceFlow id="Flow_3" sourceRef="Task_Ship" targetRef="End" />
            """),
        Handlers("Wrap", "Insure", "Plain", "Ship"));

    private static readonly Shape[] Shapes = { StraightLine, WaitStates, SubProcess, InclusiveJoin };

    /// <summary>The snapshot names, as test data (a string per case, so each is its own test).</summary>
    public static TheoryData<string> Names => new(Shapes.Select(s => s.Snapshot));

    public static Shape Named(string snapshot) => Shapes.Single(s => s.Snapshot == snapshot);

    public static string Document(string body) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flow="http://flow-generators.dev/schema/bpmn" id="Definitions_1" targetNamespace="http://example.com/bpmn">
          <bpmn:process id="order" name="Order" isExecutable="true">
        {body}
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static string Handlers(params string[] methods) =>
        "namespace TestProject { public partial class OrderProcess { "
        + string.Concat(methods.Select(m => $"private partial System.Threading.Tasks.ValueTask {m}(Flow.TaskContext<Data> context, System.Threading.CancellationToken cancellationToken) => default; "))
        + "} }";
}
