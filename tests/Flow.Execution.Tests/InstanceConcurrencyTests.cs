using System.Collections.Concurrent;
using Flow.Execution.Tests.Infrastructure;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests;

/// <summary>
/// A straight-line instance makes its state and id lazily; other threads reading them, during
/// the run (through a handler's context) or after it, must never see two of either or lose the
/// run's outcome.
/// </summary>
public class InstanceConcurrencyTests
{
    private static readonly string OneTask = Process($"""
            <bpmn:startEvent id="Start" />
            <bpmn:serviceTask id="Work" flow:handler="Work" />
            <bpmn:endEvent id="End" />
        {Seq("F1", "Start", "Work")}
        {Seq("F2", "Work", "End")}
        """);

    [Fact]
    public async Task Threads_reading_a_finished_instance_at_once_all_get_the_same_state_and_id()
    {
        var flow = TestFlow.Build(OneTask, new[] { "Work" });
        EngineSwitch.ForceTokenEngine = false;
        var differing = 0;
        for (var i = 0; i < 2_000; i++)
        {
            var instance = await flow.StartAsync();
            var state = instance.GetType().GetProperty("State")!;
            using var start = new Barrier(2);
            (object? State, string Id) Read()
            {
                start.SignalAndWait();
                return (state.GetValue(instance), instance.Id);
            }

            var reads = await Task.WhenAll(Task.Run(Read), Task.Run(Read));
            differing += ReferenceEquals(reads[0].State, reads[1].State) && reads[0].Id == reads[1].Id ? 0 : 1;
        }

        Assert.Equal(0, differing);
    }

    [Fact]
    public async Task A_handler_handing_its_context_to_another_thread_loses_nothing()
    {
        const string handOff = """
            namespace Flows.Under.Test { public partial class TestProcess {
                public static readonly System.Collections.Concurrent.ConcurrentQueue<System.Threading.Tasks.Task<string>> Reads = new();
                private partial System.Threading.Tasks.ValueTask Work(Flow.TaskContext<Data> c, System.Threading.CancellationToken t)
                {
                    var context = c;
                    using var started = new System.Threading.ManualResetEventSlim();
                    Reads.Enqueue(System.Threading.Tasks.Task.Run(() => { started.Set(); return context.InstanceId; }));
                    started.Wait();
                    return default;
                }
            } }
            """;
        var flow = TestFlow.Build(OneTask, Array.Empty<string>(), handOff);
        var reads = (ConcurrentQueue<Task<string>>)flow.Process.GetType().GetField("Reads")!.GetValue(null)!;
        EngineSwitch.ForceTokenEngine = false;
        var lost = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var instance = await flow.StartAsync();
            Assert.True(reads.TryDequeue(out var read));
            var idSeenByHandler = await read;

            var intact = instance.Status == InstanceStatus.Completed
                && instance.Trace.SequenceEqual(new[] { "Start", "Work", "End" })
                && instance.Id == idSeenByHandler;
            lost += intact ? 0 : 1;
        }

        Assert.Equal(0, lost);
    }
}
