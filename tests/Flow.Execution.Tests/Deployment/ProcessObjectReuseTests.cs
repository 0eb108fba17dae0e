using Flow.Deployment;
using Flow.Engine;
using Flow.Execution.Tests.Infrastructure;
using Flow.Instances;

namespace Flow.Execution.Tests.Deployment;

/// <summary>
/// The engine reuses one process object per loaded process type when the registry makes the
/// objects itself and the type declares no instance field (issue 11, the in-memory engine path);
/// otherwise every command gets a new object, as before. And the snapshot of a command that ends
/// an instance has the data as saved, though its text now comes from the store's write.
/// </summary>
public class ProcessObjectReuseTests
{
    private static string Bpmn(string key) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flow="http://flow-generators.dev/schema/bpmn" id="Defs_{key}">
          <bpmn:process id="{key}" isExecutable="true">
            <bpmn:extensionElements>
              <flow:variable name="who" type="string" />
              <flow:variable name="worked" type="string" />
              <flow:variable name="count" type="int" />
            </bpmn:extensionElements>
            <bpmn:startEvent id="Start" />
            <bpmn:userTask id="Review">
              <bpmn:extensionElements><flow:output name="who" type="string" /></bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:serviceTask id="Work" flow:handler="Work" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Review" />
            <bpmn:sequenceFlow id="F2" sourceRef="Review" targetRef="Work" />
            <bpmn:sequenceFlow id="F3" sourceRef="Work" targetRef="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    // ReuseProcess declares no instance field: it counts its constructions in a static and its
    // handler waits, so two completions overlap inside the one shared object. CountedProcess keeps
    // a count in a field, which a shared object would carry from one command to the next.
    private const string Handlers = """
        namespace Shop.Flows {
            public partial class ReuseProcess {
                public static int Made;
                public static object? Kept;
                public ReuseProcess() { System.Threading.Interlocked.Increment(ref Made); }
                private async partial System.Threading.Tasks.ValueTask Work(Flow.TaskContext<Data> c, System.Threading.CancellationToken t) {
                    var who = c.Data.who;
                    await System.Threading.Tasks.Task.Delay(100);
                    c.Data.worked = "by " + who + " after " + c.Data.who;
                    Kept = c.Data;
                }
            }
            public partial class CountedProcess {
                private int _calls;
                private partial System.Threading.Tasks.ValueTask Work(Flow.TaskContext<Data> c, System.Threading.CancellationToken t) {
                    c.Data.count = ++_calls;
                    return default;
                }
            }
        }
        """;

    private static readonly Lazy<byte[]> Assembly = new(() => FlowAssembly.Emit(
        TestDeployment.Name, new[] { ("/flows/reuse.bpmn", Bpmn("reuse")), ("/flows/counted.bpmn", Bpmn("counted")) }, Array.Empty<string>(), Handlers));

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static int Made(DeploymentRegistry registry) =>
        (int)registry.Versions.Single().ProcessType("reuse")!.GetField("Made")!.GetValue(null)!;

    [Fact]
    public async Task A_process_type_without_fields_is_made_once_and_shared_by_commands_running_at_once()
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, Assembly.Value));
        var before = Made(fx.Registry);

        var ann = await fx.Engine.StartAsync("reuse");
        var bob = await fx.Engine.StartAsync("reuse");
        var done = await Task.WhenAll(
            fx.Engine.CompleteAsync(ann.Id, "Review", """{"who": "ann"}"""),
            fx.Engine.CompleteAsync(bob.Id, "Review", """{"who": "bob"}""")).WaitAsync(Timeout);

        // Four commands: at most one object made for them (none when activation already made it); each used to make its own.
        Assert.InRange(Made(fx.Registry) - before, 0, 1);
        Assert.True(Made(fx.Registry) >= 1);
        Assert.All(done, d => Assert.Equal(InstanceStatus.Completed, d.Status));
        Assert.Contains("\"worked\":\"by ann after ann\"", done[0].DataJson, StringComparison.Ordinal);
        Assert.Contains("\"worked\":\"by bob after bob\"", done[1].DataJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_process_type_with_an_instance_field_gets_a_new_object_per_command()
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, Assembly.Value));

        var first = await fx.Engine.StartAsync("counted");
        var second = await fx.Engine.StartAsync("counted");
        var one = await fx.Engine.CompleteAsync(first.Id, "Review", """{"who": "ann"}""");
        var two = await fx.Engine.CompleteAsync(second.Id, "Review", """{"who": "bob"}""");

        Assert.Contains("\"count\":1", one.DataJson, StringComparison.Ordinal);
        Assert.Contains("\"count\":1", two.DataJson, StringComparison.Ordinal);
        Assert.False(FlowEngine.HasNoInstanceFields(fx.Registry.Versions.Single().ProcessType("counted")!));
        Assert.True(FlowEngine.HasNoInstanceFields(fx.Registry.Versions.Single().ProcessType("reuse")!));
    }

    [Fact]
    public async Task A_factory_given_by_the_user_is_asked_for_every_command()
    {
        using var fx = new DeploymentFixture();
        var made = 0;
        var registry = new DeploymentRegistry(processFactory: type =>
        {
            Interlocked.Increment(ref made);
            return (IFlowProcess)Activator.CreateInstance(type)!;
        });
        var engine = new FlowEngine(registry, new InMemoryInstanceStore());
        await engine.DeployAsync(new[] { fx.Write(1, Assembly.Value) });
        var before = made;

        var started = await engine.StartAsync("reuse");
        var done = await engine.CompleteAsync(started.Id, "Review", """{"who": "ann"}""").WaitAsync(Timeout);

        Assert.Equal(InstanceStatus.Completed, done.Status);
        Assert.Equal(2, made - before);
    }

    [Fact]
    public async Task Limits_set_on_the_engine_after_a_command_reach_the_reused_process_object()
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, Assembly.Value));
        var first = await fx.Engine.StartAsync("reuse");
        var second = await fx.Engine.StartAsync("reuse");
        Assert.Equal(InstanceStatus.Completed, (await fx.Engine.CompleteAsync(first.Id, "Review", """{"who": "ann"}""").WaitAsync(Timeout)).Status);

        fx.Engine.Limits = new ExecutionLimits { MaxStepsPerRun = 1 };
        var limited = await fx.Engine.CompleteAsync(second.Id, "Review", """{"who": "bob"}""").WaitAsync(Timeout);

        Assert.Equal(InstanceStatus.Failed, limited.Status);
    }

    [Fact]
    public async Task The_snapshot_of_the_command_that_ends_an_instance_has_the_data_as_saved()
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, Assembly.Value));
        var started = await fx.Engine.StartAsync("reuse", """{"who": "nobody", "count": 7}""");

        var done = await fx.Engine.CompleteAsync(started.Id, "Review", """{"who": "ann"}""").WaitAsync(Timeout);

        Assert.Equal(InstanceStatus.Completed, done.Status);
        Assert.Equal("""{"who":"ann","worked":"by ann after ann","count":7}""", done.DataJson);
        Assert.Equal(done.DataJson, (await fx.Engine.GetAsync(started.Id))!.DataJson);
        Assert.Contains("\"Data\":" + done.DataJson, (await fx.Store.LoadAsync(started.Id))!.StateJson, StringComparison.Ordinal);

        // The start's snapshot keeps the data it was saved with, whatever the later command did.
        Assert.Equal("""{"who":"nobody","worked":null,"count":7}""", started.DataJson);

        // The ended instance's data is not copied at the save (the store writes its JSON then):
        // a handler that kept the object and changes it afterwards changes nothing stored.
        var kept = fx.Registry.Versions.Single().ProcessType("reuse")!.GetField("Kept")!.GetValue(null)!;
        kept.GetType().GetProperty("who")!.SetValue(kept, "changed later");
        Assert.Equal(done.DataJson, (await fx.Engine.GetAsync(started.Id))!.DataJson);
        Assert.DoesNotContain("changed later", (await fx.Store.LoadAsync(started.Id))!.StateJson, StringComparison.Ordinal);
    }
}
