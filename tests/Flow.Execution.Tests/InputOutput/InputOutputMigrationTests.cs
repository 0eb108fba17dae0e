using Flow.Engine;
using Flow.Execution.Tests.Infrastructure;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests.InputOutput;

/// <summary>Migrating an instance that keeps saved input parameters (inside a sub-process with inputs): by the same id it moves and the inputs still serve; to another id it is refused (FLOW6290).</summary>
public class InputOutputMigrationTests
{
    private static string Version(string subId) => Process($$"""
            <bpmn:startEvent id="Start" />
            <bpmn:subProcess id="{{subId}}">
              <bpmn:extensionElements>
                <camunda:inputOutput xmlns:camunda="http://camunda.org/schema/1.0/bpmn">
                  <camunda:inputParameter name="factor">${3}</camunda:inputParameter>
                  <camunda:outputParameter name="total">${factor * total}</camunda:outputParameter>
                </camunda:inputOutput>
              </bpmn:extensionElements>
              <bpmn:startEvent id="IS" />
              <bpmn:userTask id="Ask"><bpmn:extensionElements><flow:output name="total" type="int" /></bpmn:extensionElements></bpmn:userTask>
              <bpmn:endEvent id="IE" />
              <bpmn:sequenceFlow id="I1" sourceRef="IS" targetRef="Ask" />
              <bpmn:sequenceFlow id="I2" sourceRef="Ask" targetRef="IE" />
            </bpmn:subProcess>
            <bpmn:endEvent id="End" />
        {{Seq("F1", "Start", subId)}}
        {{Seq("F2", subId, "End")}}
        """, Variable("total", "int"));

    private static async Task<string> WaitingInside()
    {
        var v1 = TestFlow.Build(Version("Review"), Array.Empty<string>());
        var instance = await v1.StartAsync();
        Assert.Equal(new[] { "Ask" }, instance.WaitingAt);
        return instance.ToJson();
    }

    [Fact]
    public async Task A_scope_with_saved_inputs_migrates_by_its_id_and_its_outputs_still_see_them()
    {
        var v2 = TestFlow.Build(Version("Review"), Array.Empty<string>());

        var moved = v2.NewProcess().ResumeFromJson(InstanceMigration.Map(await WaitingInside(), v2.Process.Definition, null));
        await moved.CompleteWithJsonAsync("Ask", "{\"total\": 4}");

        Assert.Equal(InstanceStatus.Completed, moved.Status);
        Assert.Equal(12, TestFlow.Get<int>(moved, "total"));
    }

    [Fact]
    public async Task A_scope_with_saved_inputs_mapped_to_another_id_is_refused()
    {
        var v2 = TestFlow.Build(Version("Check"), Array.Empty<string>());
        var json = await WaitingInside();

        var refused = Assert.Throws<InvalidOperationException>(() => InstanceMigration.Map(json, v2.Process.Definition, new Dictionary<string, string> { ["Review"] = "Check" }));

        Assert.StartsWith("FLOW6290: ", refused.Message, StringComparison.Ordinal);
        Assert.Contains("'Review'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("maps to 'Check'", refused.Message, StringComparison.Ordinal);
    }
}
