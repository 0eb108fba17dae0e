using Flow.Execution.Tests.Infrastructure;

namespace Flow.Execution.Tests.Deployment;

/// <summary>
/// The engine's JSON (start data, saved state, completion outputs, snapshots) is generated per
/// data type, so it leaves nothing of a flow in System.Text.Json's shared caches: a version
/// unloads without the runtime reaching into System.Text.Json's internals.
/// </summary>
public class JsonUnloadTests
{
    private const string Bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flow="http://flow-generators.dev/schema/bpmn" id="Defs">
          <bpmn:process id="order" name="Order" isExecutable="true">
            <bpmn:extensionElements>
              <flow:variable name="marks" type="System.Collections.Generic.List&lt;string&gt;" />
              <flow:variable name="amount" type="int" />
              <flow:variable name="note" type="string?" />
            </bpmn:extensionElements>
            <bpmn:startEvent id="Start" />
            <bpmn:serviceTask id="Mark" flow:handler="Mark" />
            <bpmn:userTask id="Review">
              <bpmn:extensionElements><flow:output name="amount" type="int" /><flow:output name="note" type="string?" /></bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Mark" />
            <bpmn:sequenceFlow id="F2" sourceRef="Mark" targetRef="Review" />
            <bpmn:sequenceFlow id="F3" sourceRef="Review" targetRef="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    /// <summary>Handlers that use no JSON themselves (what they serialise is theirs to answer for).</summary>
    private static string Handlers(string marker) => $$"""
        namespace {{TestDeployment.Name}} {
            public partial class OrderProcess {
                private partial System.Threading.Tasks.ValueTask Mark(Flow.TaskContext<Data> c, System.Threading.CancellationToken t) {
                    (c.Data.marks ??= new()).Add("{{marker}}");
                    return default;
                }
            }
        }
        """;

    private static byte[] Compile(string marker) =>
        FlowAssembly.Emit(TestDeployment.Name, new[] { ("/flows/order.bpmn", Bpmn) }, Array.Empty<string>(), Handlers(marker));

    /// <summary>The message only: an exception's stack trace holds the flow's code alive.</summary>
    private static async Task<string> RefusalAsync(DeploymentFixture fx, string id) =>
        (await Assert.ThrowsAsync<FlowInstanceException>(() => fx.Engine.CompleteAsync(id, "Review", """{"amount": "many"}"""))).Message;

    [Fact]
    public async Task A_version_run_through_the_engine_unloads_without_clearing_System_Text_Json_caches()
    {
        using var fx = new DeploymentFixture();
        var v1 = (await fx.DeployAsync(fx.Write(1, Compile("A"))))[0];
        v1.ClearsJsonCaches = false;
        var old = await fx.Engine.StartAsync("order", """{"amount": 5, "note": null}""");
        Assert.Equal(old.DataJson, (await fx.Engine.GetAsync(old.Id))!.DataJson);

        await fx.DeployAsync(fx.Write(2, Compile("B")));
        var refused = await RefusalAsync(fx, old.Id);
        var finished = await fx.Engine.CompleteAsync(old.Id, "Review", """{"amount": 9, "note": "ok"}""");

        Assert.Contains("System.Int32", refused, StringComparison.Ordinal);
        Assert.Equal("""{"marks":["A"],"amount":9,"note":"ok"}""", finished.DataJson);
        Assert.True(v1.IsUnloaded);
        Assert.True(Unloading.AllCollected(new[] { v1.Assembly }), "version 1 was not collected without clearing System.Text.Json's caches");
    }
}
