using Flow.Execution.Tests.Deployment;
using Flow.Execution.Tests.Infrastructure;
using Flow.Engine;
using Flow.Instances;

namespace Flow.Execution.Tests.Calls;

/// <summary>Multi-instance call activities on the engine: a called instance per element, with its element passed in, outputs gathered typed, the rest aborted when the completion condition holds.</summary>
public class MultiInstanceCallTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private const string Head = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flow="http://flow-generators.dev/schema/bpmn"
                          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs">
        """;

    /// <summary>The called process: takes an item and its index, waits at a user task for a result.</summary>
    private static string Worker() => Head + """
          <bpmn:process id="worker" isExecutable="true">
            <bpmn:extensionElements>
              <flow:variable name="item" type="string" />
              <flow:variable name="index" type="int" />
              <flow:variable name="result" type="string" />
            </bpmn:extensionElements>
            <bpmn:startEvent id="S" />
            <bpmn:userTask id="Work"><bpmn:extensionElements><flow:output name="result" type="string" /></bpmn:extensionElements></bpmn:userTask>
            <bpmn:endEvent id="E" />
            <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="Work" />
            <bpmn:sequenceFlow id="F2" sourceRef="Work" targetRef="E" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static string Caller(bool sequential, string completion = "") => Head + $$"""
          <bpmn:process id="caller" isExecutable="true">
            <bpmn:extensionElements>
              <flow:variable name="items" type="string[]" />
              <flow:variable name="result" type="string" />
              <flow:variable name="results" type="System.Collections.Generic.List&lt;string&gt;" />
            </bpmn:extensionElements>
            <bpmn:startEvent id="S" />
            <bpmn:callActivity id="Each" calledElement="worker">
              <bpmn:extensionElements>
                <camunda:in source="element" target="item" />
                <camunda:in sourceExpression="${loopCounter * 10}" target="index" />
                <camunda:out source="result" target="result" />
              </bpmn:extensionElements>
              <bpmn:multiInstanceLoopCharacteristics isSequential="{{(sequential ? "true" : "false")}}" camunda:collection="items" camunda:elementVariable="element"
                  flow:outputCollection="results" flow:outputElement="${element + &quot;=&quot; + result}">{{completion}}</bpmn:multiInstanceLoopCharacteristics>
            </bpmn:callActivity>
            <bpmn:endEvent id="E" />
            <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="Each" />
            <bpmn:sequenceFlow id="F2" sourceRef="Each" targetRef="E" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static byte[] Compile(string caller) =>
        FlowAssembly.Emit(TestDeployment.Name, new[] { ("/flows/caller.bpmn", caller), ("/flows/worker.bpmn", Worker()) }, Array.Empty<string>());

    private static async Task<List<InstanceSnapshot>> Workers(DeploymentFixture fx)
    {
        var workers = new List<InstanceSnapshot>();
        foreach (var stored in await fx.Engine.QueryAsync(new InstanceQuery(ProcessKey: "worker")))
        {
            workers.Add((await fx.Engine.GetAsync(stored.Id))!);
        }

        return workers;
    }

    private static async Task<InstanceSnapshot> WorkerFor(DeploymentFixture fx, string item) =>
        (await Workers(fx)).Single(w => w.DataJson.Contains("\"item\":\"" + item + "\"", StringComparison.Ordinal));

    [Fact]
    public async Task A_sequential_multi_instance_call_starts_one_called_instance_per_element_in_turn_and_gathers_their_results()
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, Compile(Caller(sequential: true))));

        var caller = await fx.Engine.StartAsync("caller", """{"items": ["a", "b"]}""").WaitAsync(Timeout);

        Assert.Equal(InstanceStatus.Waiting, caller.Status);
        var first = Assert.Single(await Workers(fx));
        Assert.Contains("\"item\":\"a\"", first.DataJson, StringComparison.Ordinal);
        Assert.Contains("\"index\":0", first.DataJson, StringComparison.Ordinal);
        Assert.Contains("\"LoopCounter\":0", Assert.Single(await fx.Engine.QueryAsync(new InstanceQuery(ProcessKey: "caller"))).StateJson, StringComparison.Ordinal);

        await fx.Engine.CompleteAsync(first.Id, "Work", """{"result": "A"}""").WaitAsync(Timeout);

        var second = await WorkerFor(fx, "b");
        Assert.Contains("\"index\":10", second.DataJson, StringComparison.Ordinal);
        Assert.Equal(InstanceStatus.Waiting, (await fx.Engine.GetAsync(caller.Id))!.Status);
        await fx.Engine.CompleteAsync(second.Id, "Work", """{"result": "B"}""").WaitAsync(Timeout);

        var done = (await fx.Engine.GetAsync(caller.Id))!;
        Assert.Equal(InstanceStatus.Completed, done.Status);
        Assert.Contains("\"results\":[\"a=A\",\"b=B\"]", done.DataJson, StringComparison.Ordinal);
        Assert.Equal(new[] { "S", "Each", "Each", "E" }, done.Trace);
    }

    [Fact]
    public async Task A_completion_condition_aborts_the_called_instances_still_running()
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, Compile(Caller(sequential: false, "<bpmn:completionCondition>${result == \"enough\"}</bpmn:completionCondition>"))));

        var caller = await fx.Engine.StartAsync("caller", """{"items": ["a", "b", "c"]}""").WaitAsync(Timeout);
        Assert.Equal(3, (await Workers(fx)).Count);

        await fx.Engine.CompleteAsync((await WorkerFor(fx, "b")).Id, "Work", """{"result": "enough"}""").WaitAsync(Timeout);

        var done = (await fx.Engine.GetAsync(caller.Id))!;
        Assert.Equal(InstanceStatus.Completed, done.Status);
        Assert.Contains("\"results\":[null,\"b=enough\"]", done.DataJson, StringComparison.Ordinal);
        Assert.Equal(InstanceStatus.Aborted, (await WorkerFor(fx, "a")).Status);
        Assert.Equal(InstanceStatus.Aborted, (await WorkerFor(fx, "c")).Status);
        Assert.Equal(InstanceStatus.Completed, (await WorkerFor(fx, "b")).Status);
    }
}
