using Flow.Engine;
using Flow.Execution.Tests.Deployment;
using Flow.Execution.Tests.Infrastructure;
using Flow.Instances;

namespace Flow.Execution.Tests.Hostile;

/// <summary>The data conditional start events are evaluated with is start data too: refused as FLOW6322 before any condition runs or anything starts.</summary>
public sealed class ConditionalStartDataInputTests : IDisposable
{
    private const string Bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flow="http://flow-generators.dev/schema/bpmn" id="Defs">
          <bpmn:process id="watch" name="Watch" isExecutable="true">
            <bpmn:extensionElements><flow:variable name="amount" type="int" /></bpmn:extensionElements>
            <bpmn:startEvent id="WhenBig"><bpmn:conditionalEventDefinition><bpmn:condition>amount &gt; 10</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:startEvent>
            <bpmn:userTask id="Check" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="WhenBig" targetRef="Check" />
            <bpmn:sequenceFlow id="F2" sourceRef="Check" targetRef="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static readonly Lazy<byte[]> Assembly = new(() => FlowAssembly.Emit(TestDeployment.Name, new[] { ("/flows/watch.bpmn", Bpmn) }, Array.Empty<string>()));

    private readonly DeploymentFixture _fx = new();

    [Theory]
    [InlineData("[1]", "($): The JSON value could not be converted to")]
    [InlineData("{\"amount\": 11", "at line 1, byte 14")]
    [InlineData("{\"amount\": 1e400}", "($.amount)")]
    public async Task Refused_data_is_FLOW6322_naming_the_process_and_nothing_starts(string json, string where)
    {
        await _fx.DeployAsync(_fx.Write(1, Assembly.Value));

        foreach (var key in new[] { "watch", null })
        {
            var refused = await Assert.ThrowsAsync<FlowInputException>(() => _fx.Engine.EvaluateStartConditionsAsync(json, key));
            Assert.StartsWith("FLOW6322: Starting process 'watch' of deployment 'Shop.Flows v1': the start data is refused ", refused.Message, StringComparison.Ordinal);
            Assert.True(refused.Message.Contains(where, StringComparison.Ordinal), refused.Message);
        }

        Assert.Empty(await _fx.Store.QueryAsync(new InstanceQuery()));
        Assert.Single(await _fx.Engine.EvaluateStartConditionsAsync("""{"amount": 11}""", "watch"));
    }

    public void Dispose() => _fx.Dispose();
}
