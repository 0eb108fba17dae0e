using Flow.Deployment;
using Flow.Engine;
using Flow.Execution.Tests.Infrastructure;
using Flow.Instances;
using Flow.Jobs;

namespace Flow.Runtime.Sqlite.Tests;

/// <summary>A signal thrown while the job runner runs an async continuation reaches an instance waiting for it in the SQLite store.</summary>
public class JobSignalStoreTests
{
    /// <summary>order: Start → Later (asyncBefore) → End (throws signal stop). refund: started by a message, waits for stop.</summary>
    private const string Bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flow="http://flow-generators.dev/schema/bpmn" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs">
          <bpmn:message id="Msg_Refund" name="refund requested" />
          <bpmn:signal id="Sig_Stop" name="stop" />
          <bpmn:process id="order" name="Order" isExecutable="true">
            <bpmn:extensionElements><flow:variable name="amount" type="int" /></bpmn:extensionElements>
            <bpmn:startEvent id="Start" />
            <bpmn:scriptTask id="Later" scriptFormat="csharp" camunda:asyncBefore="true"><bpmn:script>amount++;</bpmn:script></bpmn:scriptTask>
            <bpmn:endEvent id="End"><bpmn:signalEventDefinition signalRef="Sig_Stop" /></bpmn:endEvent>
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Later" />
            <bpmn:sequenceFlow id="F2" sourceRef="Later" targetRef="End" />
          </bpmn:process>
          <bpmn:process id="refund" name="Refund" isExecutable="true">
            <bpmn:startEvent id="OnRefund"><bpmn:messageEventDefinition messageRef="Msg_Refund" /></bpmn:startEvent>
            <bpmn:intermediateCatchEvent id="Stopped"><bpmn:signalEventDefinition signalRef="Sig_Stop" /></bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="Done" />
            <bpmn:sequenceFlow id="R1" sourceRef="OnRefund" targetRef="Stopped" />
            <bpmn:sequenceFlow id="R2" sourceRef="Stopped" targetRef="Done" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_signal_thrown_in_an_async_continuation_reaches_an_instance_waiting_in_the_store()
    {
        using var db = new TempDatabase();
        var folder = TestDeployment.Write(db.Folder, 1, FlowAssembly.Emit(TestDeployment.Name, new[] { ("/flows/order.bpmn", Bpmn) }, Array.Empty<string>()));
        var store = db.Open();
        var engine = new FlowEngine(new DeploymentRegistry(), store);
        await engine.DeployAsync(new[] { folder }).WaitAsync(Timeout);
        var runner = new JobRunner(store, engine.JobHandlers, TimeProvider.System, new JobRunnerOptions { Owner = "node-1" });
        var refund = Assert.Single(await engine.CorrelateAsync("refund requested", null).WaitAsync(Timeout));
        var order = await engine.StartAsync("order").WaitAsync(Timeout);
        Assert.Equal(InstanceStatus.Waiting, order.Status);

        Assert.Equal(1, await runner.RunDueAsync().WaitAsync(Timeout));

        Assert.Equal(InstanceStatus.Completed, (await engine.GetAsync(order.Id).WaitAsync(Timeout))!.Status);
        Assert.Equal(InstanceStatus.Completed, (await engine.GetAsync(refund.Id).WaitAsync(Timeout))!.Status);
    }
}
