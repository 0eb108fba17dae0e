using Flow.Deployment;
using Flow.Engine;
using Flow.Execution.Tests.Infrastructure;
using Flow.Instances;

namespace Flow.Execution.Tests.Deployment;

/// <summary>
/// Conditional start events of the process (issue 12), started as Camunda 7's
/// evaluateStartConditions does: FlowEngine.EvaluateStartConditionsAsync(data, key?) starts an
/// instance at each conditional start event of the latest versions whose condition holds.
/// </summary>
public class EngineConditionalStartTests
{
    private const string Bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flow="http://flow-generators.dev/schema/bpmn" id="Defs">
          <bpmn:process id="order" name="Order" isExecutable="true">
            <bpmn:extensionElements>
              <flow:variable name="marks" type="System.Collections.Generic.List&lt;string&gt;" />
              <flow:variable name="amount" type="int" />
            </bpmn:extensionElements>
            <bpmn:startEvent id="Start" />
            <bpmn:serviceTask id="Mark" flow:handler="Mark" />
            <bpmn:userTask id="Review" />
            <bpmn:endEvent id="End" />
            <bpmn:startEvent id="WhenBig"><bpmn:conditionalEventDefinition><bpmn:condition>${amount &gt; 10}</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:startEvent>
            <bpmn:serviceTask id="MarkAgain" flow:handler="MarkAgain" />
            <bpmn:userTask id="BigReview" />
            <bpmn:endEvent id="BigEnd" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Mark" />
            <bpmn:sequenceFlow id="F2" sourceRef="Mark" targetRef="Review" />
            <bpmn:sequenceFlow id="F3" sourceRef="Review" targetRef="End" />
            <bpmn:sequenceFlow id="B1" sourceRef="WhenBig" targetRef="MarkAgain" />
            <bpmn:sequenceFlow id="B2" sourceRef="MarkAgain" targetRef="BigReview" />
            <bpmn:sequenceFlow id="B3" sourceRef="BigReview" targetRef="BigEnd" />
          </bpmn:process>
          <bpmn:process id="audit" name="Audit" isExecutable="true">
            <bpmn:extensionElements><flow:variable name="amount" type="int" /></bpmn:extensionElements>
            <bpmn:startEvent id="WhenHuge"><bpmn:conditionalEventDefinition><bpmn:condition>amount &gt; 100</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:startEvent>
            <bpmn:userTask id="Check" />
            <bpmn:endEvent id="AuditEnd" />
            <bpmn:sequenceFlow id="A1" sourceRef="WhenHuge" targetRef="Check" />
            <bpmn:sequenceFlow id="A2" sourceRef="Check" targetRef="AuditEnd" />
          </bpmn:process>
          <bpmn:process id="vip" name="Vip" isExecutable="true">
            <bpmn:extensionElements><flow:variable name="customer" type="string?" /></bpmn:extensionElements>
            <bpmn:startEvent id="WhenVip"><bpmn:conditionalEventDefinition><bpmn:condition>customer!.Length &gt; 3</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:startEvent>
            <bpmn:userTask id="Greet" />
            <bpmn:endEvent id="VipEnd" />
            <bpmn:sequenceFlow id="V1" sourceRef="WhenVip" targetRef="Greet" />
            <bpmn:sequenceFlow id="V2" sourceRef="Greet" targetRef="VipEnd" />
          </bpmn:process>
          <bpmn:process id="plain" name="Plain" isExecutable="true">
            <bpmn:startEvent id="PlainStart" />
            <bpmn:userTask id="Wait" />
            <bpmn:endEvent id="PlainEnd" />
            <bpmn:sequenceFlow id="P1" sourceRef="PlainStart" targetRef="Wait" />
            <bpmn:sequenceFlow id="P2" sourceRef="Wait" targetRef="PlainEnd" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static readonly Lazy<byte[]> Assembly = new(() => TestDeployment.Compile("C", Bpmn));

    /// <summary>Data every test sends: a customer whose condition does not hold (a missing one makes vip's condition throw).</summary>
    private static string Data(int amount) => $$"""{"amount": {{amount}}, "customer": "Al"}""";

    private static async Task<DeploymentFixture> DeployAsync()
    {
        var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, Assembly.Value));
        return fx;
    }

    [Fact]
    public async Task A_condition_that_holds_starts_an_instance_that_runs_from_the_conditional_start()
    {
        using var fx = await DeployAsync();

        var started = Assert.Single(await fx.Engine.EvaluateStartConditionsAsync(Data(50)));

        Assert.Equal("order", started.ProcessKey);
        Assert.Equal(new[] { "WhenBig", "MarkAgain", "BigReview" }, started.Trace);
        Assert.Equal(new[] { "BigReview" }, started.WaitingAt);
        Assert.Contains("\"amount\":50", started.DataJson, StringComparison.Ordinal);
        Assert.Contains("\"marks\":[\"C\"]", started.DataJson, StringComparison.Ordinal);
        var stored = Assert.Single(await fx.Engine.QueryAsync(new InstanceQuery()));
        Assert.Equal((started.Id, InstanceStatus.Waiting), (stored.Id, stored.Status));

        var done = await fx.Engine.CompleteAsync(started.Id, "BigReview");
        Assert.Equal(InstanceStatus.Completed, done.Status);
        Assert.Equal("BigEnd", done.Trace[^1]);
    }

    [Fact]
    public async Task A_condition_that_does_not_hold_starts_nothing()
    {
        using var fx = await DeployAsync();

        Assert.Empty(await fx.Engine.EvaluateStartConditionsAsync(Data(5)));
        Assert.Empty(await fx.Engine.QueryAsync(new InstanceQuery()));
    }

    [Fact]
    public async Task Only_the_processes_whose_condition_holds_start_each_with_the_data()
    {
        using var fx = await DeployAsync();

        var started = await fx.Engine.EvaluateStartConditionsAsync(Data(500));

        Assert.Equal(new[] { ("audit", "Check"), ("order", "BigReview") }, started.Select(s => (s.ProcessKey, s.WaitingAt.Single())));
        Assert.All(started, s => Assert.Contains("\"amount\":500", s.DataJson, StringComparison.Ordinal));
        Assert.Equal(2, (await fx.Engine.QueryAsync(new InstanceQuery())).Count);
    }

    [Fact]
    public async Task A_process_key_limits_the_evaluation_to_that_process()
    {
        using var fx = await DeployAsync();

        var started = Assert.Single(await fx.Engine.EvaluateStartConditionsAsync(Data(500), processKey: "audit"));

        Assert.Equal("audit", started.ProcessKey);
        Assert.Equal(new[] { "WhenHuge", "Check" }, started.Trace);
        Assert.Empty(await fx.Engine.EvaluateStartConditionsAsync(Data(50), processKey: "audit"));
    }

    [Fact]
    public async Task A_key_without_a_conditional_start_or_not_deployed_is_refused()
    {
        using var fx = await DeployAsync();

        var none = await Assert.ThrowsAsync<FlowStartConditionException>(() => fx.Engine.EvaluateStartConditionsAsync(Data(500), processKey: "plain"));
        var unknown = await Assert.ThrowsAsync<FlowDeploymentException>(() => fx.Engine.EvaluateStartConditionsAsync(Data(500), processKey: "nothing"));

        Assert.Equal(("FLOW6190", "plain"), (none.Id, none.ProcessKey));
        Assert.Equal("FLOW6007", unknown.Id);
        Assert.Empty(await fx.Engine.QueryAsync(new InstanceQuery()));
    }

    [Fact]
    public async Task A_condition_that_throws_starts_nothing_and_names_its_start_event()
    {
        using var fx = await DeployAsync();

        var failed = await Assert.ThrowsAsync<FlowStartConditionException>(() => fx.Engine.EvaluateStartConditionsAsync("""{"amount": 500}"""));

        Assert.Equal(("FLOW6191", "vip", "WhenVip"), (failed.Id, failed.ProcessKey, failed.NodeId));
        Assert.IsType<NullReferenceException>(failed.InnerException);
        Assert.Empty(await fx.Engine.QueryAsync(new InstanceQuery()));
    }

    [Fact]
    public async Task Starting_by_hand_uses_the_blank_start_and_a_process_with_only_a_conditional_start_starts_there()
    {
        using var fx = await DeployAsync();

        var order = await fx.Engine.StartAsync("order", Data(500));
        var audit = await fx.Engine.StartAsync("audit", Data(1));

        Assert.Equal(new[] { "Start", "Mark", "Review" }, order.Trace);
        Assert.Equal(new[] { "WhenHuge", "Check" }, audit.Trace);
    }

    [Fact]
    public void The_process_tells_which_start_conditions_hold_for_typed_data()
    {
        var loaded = global::System.Reflection.Assembly.Load(Assembly.Value);
        var process = (IFlowProcess)Activator.CreateInstance(loaded.GetType("Shop.Flows.OrderProcess", throwOnError: true)!)!;

        Assert.Equal(new[] { "WhenBig" }, process.StartConditionsHolding(process.DataFromJson(Data(11))));
        Assert.Empty(process.StartConditionsHolding(process.DataFromJson(Data(10))));
    }
}
