using System.Net;
using Flow.Compilation;
using Flow.Cockpit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Flow.Cockpit.Tests.Api;

/// <summary>Correlating a message through the API: delivered to the one waiting instance; no match, several waiting and bad bodies are problems that change nothing.</summary>
public sealed class MessageApiTests(CockpitFactory factory) : IClassFixture<CockpitFactory>
{
    private const string Payment = """
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flow="http://flow-generators.dev/schema/bpmn" id="Defs_Payment">
          <bpmn:message id="Msg_Paid" name="payment received">
            <bpmn:extensionElements><flow:output name="paid" type="decimal" /></bpmn:extensionElements>
          </bpmn:message>
          <bpmn:process id="payment" isExecutable="true">
            <bpmn:extensionElements><flow:variable name="orderId" type="string" /><flow:variable name="paid" type="decimal" /></bpmn:extensionElements>
            <bpmn:startEvent id="Start" />
            <bpmn:intermediateCatchEvent id="Paid" flow:correlationKey="orderId"><bpmn:messageEventDefinition messageRef="Msg_Paid" /></bpmn:intermediateCatchEvent>
            <bpmn:userTask id="Task_Ship" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Paid" />
            <bpmn:sequenceFlow id="F2" sourceRef="Paid" targetRef="Task_Ship" />
            <bpmn:sequenceFlow id="F3" sourceRef="Task_Ship" targetRef="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private HttpClient Operator => factory.As("operator");

    private async Task<(string A, string B)> StartTwoAsync(string prefix)
    {
        await factory.Services.GetRequiredService<ContentDeployer>().DeployAsync("payment", Payment);
        var a = await factory.Engine.StartAsync("payment", $$"""{"orderId":"{{prefix}}-1"}""");
        var b = await factory.Engine.StartAsync("payment", $$"""{"orderId":"{{prefix}}-2"}""");
        Assert.Equal(["Paid"], a.WaitingAt);
        return (a.Id, b.Id);
    }

    [Fact]
    public async Task A_message_reaches_the_instance_waiting_with_its_key()
    {
        var (a, b) = await StartTwoAsync("M");
        var before = await factory.Engine.GetAsync(b);

        var result = await Operator.PostAsync("/flows/api/messages", """{"messageName":"payment received","correlationKey":"M-1","payload":{"paid":99.5}}""");

        var reached = Assert.Single(result.GetProperty("instances").EnumerateArray());
        Assert.Equal(a, reached.GetProperty("id").GetString());
        Assert.Equal(["Task_Ship"], reached.GetProperty("waitingAt").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(99.5m, reached.GetProperty("data").GetProperty("paid").GetDecimal());
        Assert.Equal(["Task_Ship"], (await factory.Engine.GetAsync(a))!.WaitingAt);
        Assert.Equivalent(before, await factory.Engine.GetAsync(b));
    }

    [Fact]
    public async Task No_match_is_FLOW6181_several_waiting_FLOW6182_and_nothing_changes()
    {
        var (a, b) = await StartTwoAsync("N");
        var beforeA = await factory.Engine.GetAsync(a);
        var beforeB = await factory.Engine.GetAsync(b);

        Assert.Contains("'payment received'", Http.AssertProblem(
            await Operator.PostAsync("/flows/api/messages", """{"messageName":"payment received","correlationKey":"nobody"}""", HttpStatusCode.NotFound), "FLOW6181", 404), StringComparison.Ordinal);
        Http.AssertProblem(await Operator.PostAsync("/flows/api/messages", """{"messageName":"payment received"}""", HttpStatusCode.Conflict), "FLOW6182", 409);
        Http.AssertProblem(await Operator.PostAsync("/flows/api/messages", """{"messageName":"payment received","correlationKey":"N-1","tenant":"acme"}""", HttpStatusCode.NotFound), "FLOW6181", 404);

        Assert.Equivalent(beforeA, await factory.Engine.GetAsync(a));
        Assert.Equivalent(beforeB, await factory.Engine.GetAsync(b));
    }

    [Fact]
    public async Task Malformed_messages_are_FLOW6404_and_a_wrong_payload_the_runtime_s_id()
    {
        var (a, _) = await StartTwoAsync("P");
        var before = await factory.Engine.GetAsync(a);

        foreach (var body in new[]
        {
            """{"correlationKey":"P-1"}""", """{"messageName":""}""", """{"messageName":7}""", """{"messageName":"payment received","correlationKey":1}""",
            """{"messageName":"payment received","payload":[1]}""", """{"messageName":"payment received","broadcast":"yes"}""", "[]", "{",
        })
        {
            Http.AssertProblem(await Operator.PostAsync("/flows/api/messages", body, HttpStatusCode.BadRequest), "FLOW6404", 400);
        }

        var wrong = await Operator.PostAsync("/flows/api/messages", """{"messageName":"payment received","correlationKey":"P-1","payload":{"shipped":true}}""", HttpStatusCode.BadRequest);
        Assert.StartsWith("FLOW6", wrong.GetProperty("flowId").GetString(), StringComparison.Ordinal);
        Assert.Equivalent(before, await factory.Engine.GetAsync(a));
    }

    [Fact]
    public async Task The_payload_goes_as_its_bytes_wherever_it_stands_in_the_body_and_however_its_name_is_escaped()
    {
        var (a, b) = await StartTwoAsync("U");

        var first = await Operator.PostAsync("/flows/api/messages", " { \"pay\\u006coad\" : { \"paid\" : 12.25 } , \"messageName\":\"payment received\",\"correlationKey\":\"U-1\"}");
        var second = await Operator.PostAsync("/flows/api/messages", """{"messageName":"payment received","correlationKey":"U-2","payload":null}""");

        Assert.Equal(12.25m, Assert.Single(first.GetProperty("instances").EnumerateArray()).GetProperty("data").GetProperty("paid").GetDecimal());
        Assert.Equal(0m, Assert.Single(second.GetProperty("instances").EnumerateArray()).GetProperty("data").GetProperty("paid").GetDecimal());
        Assert.Equal(["Task_Ship"], (await factory.Engine.GetAsync(a))!.WaitingAt);
        Assert.Equal(["Task_Ship"], (await factory.Engine.GetAsync(b))!.WaitingAt);
    }

    [Fact]
    public async Task A_broadcast_reaches_every_waiting_instance()
    {
        var (a, b) = await StartTwoAsync("B");
        var result = await Operator.PostAsync("/flows/api/messages", """{"messageName":"payment received","payload":{"paid":5},"broadcast":true}""");

        var ids = result.GetProperty("instances").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();
        Assert.Contains(a, ids);
        Assert.Contains(b, ids);
        Assert.Equal(["Task_Ship"], (await factory.Engine.GetAsync(b))!.WaitingAt);
    }
}
