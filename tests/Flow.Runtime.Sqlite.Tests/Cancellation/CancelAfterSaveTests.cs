using Flow.Deployment;
using Flow.Engine;
using Flow.Execution.Tests.Infrastructure;
using Flow.Instances;

namespace Flow.Runtime.Sqlite.Tests.Cancellation;

/// <summary>
/// The caller's token is not observed once a command's instance is saved (redteam5): a caller
/// cancelled at that moment gets the result, not "cancelled" for an instance that was in fact
/// stored (it would retry and make a second one), and the work that belongs to the saved state
/// (the called instance it waits for) is saved too. The store cancels the token the moment the
/// caller's save committed, on a real SQLite file.
/// </summary>
public sealed class CancelAfterSaveTests
{
    private const string Head = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flow="http://flow-generators.dev/schema/bpmn" id="Defs">
        """;

    private static readonly string Child = Head + """
          <bpmn:process id="child" isExecutable="true">
            <bpmn:startEvent id="S" />
            <bpmn:userTask id="Work" />
            <bpmn:endEvent id="E" />
            <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="Work" />
            <bpmn:sequenceFlow id="F2" sourceRef="Work" targetRef="E" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    // Calls the child at once (start), after a user task (complete) or after a message (correlate).
    private static string Caller(string id, string before) => Head + $$"""
          <bpmn:message id="Msg_Go" name="go" />
          <bpmn:process id="{{id}}" isExecutable="true">
            <bpmn:extensionElements><flow:variable name="orderId" type="string" /></bpmn:extensionElements>
            <bpmn:startEvent id="S" />
            {{before}}
            <bpmn:callActivity id="Call" calledElement="child" />
            <bpmn:endEvent id="E" />
            <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="Before" />
            <bpmn:sequenceFlow id="F2" sourceRef="Before" targetRef="Call" />
            <bpmn:sequenceFlow id="F3" sourceRef="Call" targetRef="E" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static readonly Lazy<byte[]> Assembly = new(() => FlowAssembly.Emit(TestDeployment.Name, new[]
    {
        ("/flows/child.bpmn", Child),
        ("/flows/direct.bpmn", Caller("direct", "<bpmn:intermediateThrowEvent id=\"Before\" />")),
        ("/flows/task.bpmn", Caller("task", "<bpmn:userTask id=\"Before\" />")),
        ("/flows/message.bpmn", Caller("message", "<bpmn:intermediateCatchEvent id=\"Before\" flow:correlationKey=\"orderId\"><bpmn:messageEventDefinition messageRef=\"Msg_Go\" /></bpmn:intermediateCatchEvent>")),
    }, Array.Empty<string>()));

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_start_cancelled_once_its_instance_is_saved_returns_it_and_saves_the_instance_it_called()
    {
        using var db = new TempDatabase();
        var (engine, store) = await EngineAsync(db);
        using var cts = new CancellationTokenSource();
        store.CancelAfterSaveOf(_ => true, cts);

        var started = await engine.StartAsync("direct", cancellationToken: cts.Token).WaitAsync(Timeout);

        Assert.True(cts.IsCancellationRequested);
        await AssertCalledChildStoredAsync(engine, db, started.Id);
    }

    [Fact]
    public async Task A_completion_cancelled_once_it_is_saved_returns_it_and_saves_the_instance_it_called()
    {
        using var db = new TempDatabase();
        var (engine, store) = await EngineAsync(db);
        var started = await engine.StartAsync("task").WaitAsync(Timeout);
        using var cts = new CancellationTokenSource();
        store.CancelAfterSaveOf(i => i.Id == started.Id, cts);

        var completed = await engine.CompleteAsync(started.Id, "Before", cancellationToken: cts.Token).WaitAsync(Timeout);

        Assert.True(cts.IsCancellationRequested);
        Assert.Equal(new[] { "Call" }, completed.WaitingAt);
        await AssertCalledChildStoredAsync(engine, db, started.Id);
    }

    [Fact]
    public async Task A_message_cancelled_once_it_is_saved_returns_the_instance_and_saves_the_instance_it_called()
    {
        using var db = new TempDatabase();
        var (engine, store) = await EngineAsync(db);
        var started = await engine.StartAsync("message", """{"orderId": "A-1"}""").WaitAsync(Timeout);
        using var cts = new CancellationTokenSource();
        store.CancelAfterSaveOf(i => i.Id == started.Id, cts);

        var delivered = await engine.CorrelateAsync("go", "A-1", cancellationToken: cts.Token).WaitAsync(Timeout);

        Assert.True(cts.IsCancellationRequested);
        Assert.Equal(started.Id, Assert.Single(delivered).Id);
        await AssertCalledChildStoredAsync(engine, db, started.Id);
    }

    [Fact]
    public async Task A_command_cancelled_before_its_save_stores_nothing()
    {
        using var db = new TempDatabase();
        var (engine, _) = await EngineAsync(db);
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => engine.StartAsync("direct", cancellationToken: cts.Token).WaitAsync(Timeout));

        Assert.Empty(await db.Open().QueryAsync(new InstanceQuery()));
    }

    private static async Task<(FlowEngine Engine, CancellingStore Store)> EngineAsync(TempDatabase db)
    {
        var store = new CancellingStore(db.Open());
        var engine = new FlowEngine(new DeploymentRegistry(), store);
        TestDeployment.Write(db.Folder, 1, Assembly.Value, folderName: "calls-v1");
        await engine.DeployAsync(new[] { Path.Combine(db.Folder, "calls-v1") });
        return (engine, store);
    }

    /// <summary>The caller waits at the call and the child it called is in the file (read through a fresh store), waiting at its task.</summary>
    private static async Task AssertCalledChildStoredAsync(FlowEngine engine, TempDatabase db, string callerId)
    {
        var caller = await engine.GetAsync(callerId);
        Assert.Equal(new[] { "Call" }, caller!.WaitingAt);
        var all = await db.Open().QueryAsync(new InstanceQuery());
        var child = Assert.Single(all, i => i.ProcessKey == "child");
        Assert.Equal(InstanceStatus.Waiting, child.Status);
        Assert.Equal(2, all.Count);
    }

    /// <summary>A store that cancels a token right after a matching save committed (the moment between "stored" and "acknowledged").</summary>
    private sealed class CancellingStore(IInstanceStore inner) : IInstanceStore
    {
        private Func<StoredInstance, bool>? _match;
        private CancellationTokenSource? _cts;

        public void CancelAfterSaveOf(Func<StoredInstance, bool> match, CancellationTokenSource cts) => (_match, _cts) = (match, cts);

        public async ValueTask<bool> TrySaveAsync(StoredInstance instance, long expectedRevision, CancellationToken cancellationToken = default)
        {
            var saved = await inner.TrySaveAsync(instance, expectedRevision, cancellationToken).ConfigureAwait(false);
            if (saved && _match is { } match && match(instance))
            {
                _match = null;
                _cts!.Cancel();
            }

            return saved;
        }

        public ValueTask<StoredInstance?> LoadAsync(string instanceId, CancellationToken cancellationToken = default) => inner.LoadAsync(instanceId, cancellationToken);

        public ValueTask<IReadOnlyList<StoredInstance>> QueryAsync(InstanceQuery query, CancellationToken cancellationToken = default) => inner.QueryAsync(query, cancellationToken);

        public ValueTask<bool> DeleteAsync(string instanceId, CancellationToken cancellationToken = default) => inner.DeleteAsync(instanceId, cancellationToken);
    }
}
