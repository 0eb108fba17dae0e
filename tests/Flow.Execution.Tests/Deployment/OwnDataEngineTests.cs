using Flow.Execution.Tests.Infrastructure;

namespace Flow.Execution.Tests.Deployment;

/// <summary>
/// Through <see cref="Flow.Engine.FlowEngine"/> with the in-memory store: the start's data, read
/// from the caller's JSON, is kept without a copy when no code outside the engine had it, and is
/// copied when a handler had it, so a handler that kept the object and changes it after the
/// command never changes the stored instance (issue 11).
/// </summary>
public class OwnDataEngineTests
{
    private static string Process(string id, string name, string body) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flow="http://flow-generators.dev/schema/bpmn" id="Defs_{id}">
          <bpmn:process id="{id}" name="{name}" isExecutable="true">
            <bpmn:extensionElements>
              <flow:variable name="key" type="string" />
              <flow:variable name="marks" type="System.Collections.Generic.List&lt;string&gt;" />
              <flow:variable name="who" type="string" />
            </bpmn:extensionElements>
        {body}
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static readonly string Plain = Process("plain", "Plain", """
            <bpmn:startEvent id="Start" />
            <bpmn:userTask id="Review"><bpmn:extensionElements><flow:output name="who" type="string" /></bpmn:extensionElements></bpmn:userTask>
            <bpmn:userTask id="Final" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Review" />
            <bpmn:sequenceFlow id="F2" sourceRef="Review" targetRef="Final" />
            <bpmn:sequenceFlow id="F3" sourceRef="Final" targetRef="End" />
        """);

    private static readonly string Keeping = Process("keeping", "Keeping", """
            <bpmn:startEvent id="Start" />
            <bpmn:serviceTask id="Keep" flow:handler="Keep" />
            <bpmn:userTask id="Review"><bpmn:extensionElements><flow:output name="who" type="string" /></bpmn:extensionElements></bpmn:userTask>
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Keep" />
            <bpmn:sequenceFlow id="F2" sourceRef="Keep" targetRef="Review" />
            <bpmn:sequenceFlow id="F3" sourceRef="Review" targetRef="End" />
        """);

    // Keep hands the data object out of the run (where the test finds it) and marks it.
    private const string Handlers = """
        namespace Shop.Flows {
            public partial class KeepingProcess {
                private partial System.Threading.Tasks.ValueTask Keep(Flow.TaskContext<Data> c, System.Threading.CancellationToken t) {
                    (c.Data.marks ??= new()).Add("kept");
                    System.AppContext.SetData("flow-own-data-" + c.Data.key, c.Data);
                    return default;
                }
            }
        }
        """;

    private static readonly Lazy<byte[]> Assembly = new(() =>
        FlowAssembly.Emit(TestDeployment.Name, new[] { ("/flows/plain.bpmn", Plain), ("/flows/keeping.bpmn", Keeping) }, Array.Empty<string>(), Handlers));

    private static async Task<DeploymentFixture> DeployAsync()
    {
        var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, Assembly.Value));
        return fx;
    }

    [Fact]
    public async Task A_start_whose_data_no_code_was_given_keeps_the_data_it_read_without_a_copy()
    {
        using var fx = await DeployAsync();
        var started = await fx.Engine.StartAsync("plain", """{"marks": ["a"], "who": "x"}""");

        Assert.True((await fx.Store.LoadAsync(started.Id))!.Live!.KeepsDataOfRun);
        Assert.Equal("""{"key":null,"marks":["a"],"who":"x"}""", started.DataJson);
        var done = await fx.Engine.CompleteAsync(started.Id, "Review", """{"who": "ann"}""");
        Assert.Equal(new[] { "Final" }, done.WaitingAt);
        Assert.Equal("""{"key":null,"marks":["a"],"who":"ann"}""", done.DataJson);
        // The resumed copy was the engine's own too: the completion kept it without another copy.
        Assert.True((await fx.Store.LoadAsync(started.Id))!.Live!.KeepsDataOfRun);
        Assert.Equal("""{"key":null,"marks":["a"],"who":"x"}""", started.DataJson);
    }

    [Fact]
    public async Task A_start_with_typed_or_utf8_data_keeps_what_it_read_without_a_copy()
    {
        using var fx = await DeployAsync();
        var utf8 = await fx.Engine.StartAsync("plain", """{"who": "u"}"""u8.ToArray().AsMemory());

        Assert.True((await fx.Store.LoadAsync(utf8.Id))!.Live!.KeepsDataOfRun);
        Assert.Contains("\"who\":\"u\"", (await fx.Engine.GetAsync(utf8.Id))!.DataJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_handler_that_kept_the_data_cannot_change_the_stored_instance_after_the_command()
    {
        using var fx = await DeployAsync();
        var key = Guid.NewGuid().ToString("N");
        var started = await fx.Engine.StartAsync("keeping", $$"""{"key": "{{key}}", "marks": ["a"], "who": "x"}""");
        var kept = AppContext.GetData("flow-own-data-" + key)!;

        Assert.False((await fx.Store.LoadAsync(started.Id))!.Live!.KeepsDataOfRun);
        ((List<string>)kept.GetType().GetProperty("marks")!.GetValue(kept)!).Add("later");
        kept.GetType().GetProperty("who")!.SetValue(kept, "changed later");

        var read = (await fx.Engine.GetAsync(started.Id))!;
        Assert.Equal($$"""{"key":"{{key}}","marks":["a","kept"],"who":"x"}""", read.DataJson);
        Assert.Equal(read.DataJson, started.DataJson);
        Assert.DoesNotContain("later", (await fx.Store.LoadAsync(started.Id))!.StateJson, StringComparison.Ordinal);

        var done = await fx.Engine.CompleteAsync(started.Id, "Review");
        Assert.Equal($$"""{"key":"{{key}}","marks":["a","kept"],"who":"x"}""", done.DataJson);
    }
}
