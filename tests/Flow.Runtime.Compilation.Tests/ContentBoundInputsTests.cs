using System.Text.Json.Nodes;
using Flow.Compilation;
using Microsoft.Extensions.DependencyInjection;

namespace Flow.Runtime.Compilation.Tests;

/// <summary>A diagram deployed as content binds a task by name (flow:handler); its JSON handler sees the task's evaluated inputs, and what it sets on them is what the outputs write.</summary>
public class ContentBoundInputsTests
{
    private const string Diagram = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flow="http://flow-generators.dev/schema/bpmn" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="D">
          <bpmn:process id="pricing" name="Pricing" isExecutable="true">
            <bpmn:extensionElements>
              <flow:variable name="amount" type="decimal" />
              <flow:variable name="total" type="decimal" />
              <flow:variable name="items" type="System.Collections.Generic.List&lt;string&gt;" />
              <flow:variable name="seen" type="System.Collections.Generic.List&lt;string&gt;" />
            </bpmn:extensionElements>
            <bpmn:startEvent id="Start" />
            <bpmn:serviceTask id="Price" flow:handler="price">
              <bpmn:extensionElements>
                <camunda:inputOutput>
                  <camunda:inputParameter name="rates"><camunda:map><camunda:entry key="vat">${0.2m}</camunda:entry><camunda:entry key="fee">${1m}</camunda:entry></camunda:map></camunda:inputParameter>
                  <camunda:inputParameter name="net" flow:type="decimal">${amount}</camunda:inputParameter>
                  <camunda:outputParameter name="total">${net * (1 + rates["vat"]) + rates["fee"]}</camunda:outputParameter>
                </camunda:inputOutput>
              </bpmn:extensionElements>
              <bpmn:multiInstanceLoopCharacteristics isSequential="true" camunda:collection="items" camunda:elementVariable="item" />
            </bpmn:serviceTask>
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Price" />
            <bpmn:sequenceFlow id="F2" sourceRef="Price" targetRef="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public async Task A_content_deployed_json_handler_reads_its_map_input_and_element_and_sets_an_input_for_the_outputs()
    {
        var services = new ServiceCollection().AddFlowHandler("price", (context, _) =>
        {
            var rates = context.Inputs["rates"]!.AsObject();
            context.Data["seen"]!.AsArray().Add($"{context.Inputs["item"]} vat {rates["vat"]} net {context.Inputs["net"]}");
            context.Inputs["net"] = context.Inputs["net"]!.GetValue<decimal>() + 10m;
            return default;
        });
        var host = new ContentHost(services);

        var deployed = await host.Deployer.DeployAsync("pricing", Diagram).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(1, deployed.Version);
        Assert.Empty(host.Failed);
        var done = await host.Engine.StartAsync("pricing", """{"amount":100,"items":["a","b"],"seen":[]}""").WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(InstanceStatus.Completed, done.Status);
        var data = JsonNode.Parse(done.DataJson)!;
        Assert.Equal("""["a vat 0.2 net 100","b vat 0.2 net 100"]""", data["seen"]!.ToJsonString());
        Assert.Equal(133.0m, data["total"]!.GetValue<decimal>()); // (100 + 10) * 1.2 + 1, written by the last element
        Assert.Equal(100m, data["amount"]!.GetValue<decimal>());
    }

    /// <summary>The pricing diagram with the fee input as a camunda:script in <paramref name="format"/>.</summary>
    private static string WithScriptFee(string format, string script) => Diagram.Replace(
        "<camunda:entry key=\"fee\">${1m}</camunda:entry>",
        $"<camunda:entry key=\"fee\"><camunda:script scriptFormat=\"{format}\">{script}</camunda:script></camunda:entry>",
        StringComparison.Ordinal).Replace(
        "<camunda:inputParameter name=\"rates\">",
        "<camunda:inputParameter name=\"rates\" flow:type=\"System.Collections.Generic.Dictionary&lt;string, decimal&gt;\">",   // a statements script is not inferred
        StringComparison.Ordinal);

    [Fact]
    public async Task A_content_deployed_csharp_script_value_is_evaluated_and_another_language_is_refused_at_its_line()
    {
        var services = new ServiceCollection().AddFlowHandler("price", (_, _) => default);
        var host = new ContentHost(services);

        await host.Deployer.DeployAsync("pricing", WithScriptFee("csharp", "var fee = amount &gt; 50 ? 2m : 3m;\n  return fee;")).WaitAsync(TimeSpan.FromMinutes(2));
        var done = await host.Engine.StartAsync("pricing", """{"amount":100,"items":["a"],"seen":[]}""").WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(InstanceStatus.Completed, done.Status);
        Assert.Equal(122.0m, JsonNode.Parse(done.DataJson)!["total"]!.GetValue<decimal>()); // 100 * 1.2 + 2

        var groovy = WithScriptFee("groovy", "amount &gt; 50 ? 2 : 3");
        var error = await Assert.ThrowsAsync<ContentCompilationException>(() => host.Deployer.DeployAsync("pricing", groovy).WaitAsync(TimeSpan.FromMinutes(2)));
        var refused = Assert.Single(error.Diagnostics, d => d.Id == "FLOW1273");
        Assert.Equal(groovy.Split('\n').ToList().FindIndex(l => l.Contains("scriptFormat=\"groovy\"", StringComparison.Ordinal)) + 1, refused.Line);
        Assert.Contains("in 'groovy'", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, host.Registry.Latest["pricing"].Version);
    }
}
