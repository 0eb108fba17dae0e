using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Flow.Compilation;
using Flow.Cockpit.Tests.Infrastructure;
using Flow.Instances;
using Microsoft.Extensions.DependencyInjection;

namespace Flow.Cockpit.Tests.Api;

/// <summary>
/// The bytes of a JSON body (redteam6): a UTF-8 byte order mark is skipped on every endpoint (start
/// data always skipped it; messages, migrate and rollback refused it as FLOW6404), and bytes that are
/// not UTF-8 are a problem with a FLOW id, never a server error: in a message's payload the engine's
/// FLOW6327, whether a waiting catch or a message start event would read it; elsewhere FLOW6404.
/// </summary>
public sealed class BodyEncodingTests(CockpitFactory factory) : IClassFixture<CockpitFactory>
{
    private const string Messages = """
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flow="http://flow-generators.dev/schema/bpmn" id="Defs_Enc">
          <bpmn:message id="Msg_Paid" name="enc paid">
            <bpmn:extensionElements><flow:output name="note" type="string" /></bpmn:extensionElements>
          </bpmn:message>
          <bpmn:message id="Msg_Order" name="enc order">
            <bpmn:extensionElements><flow:output name="note" type="string" /></bpmn:extensionElements>
          </bpmn:message>
          <bpmn:process id="enc-pay" isExecutable="true">
            <bpmn:extensionElements><flow:variable name="orderId" type="string" /><flow:variable name="note" type="string" /></bpmn:extensionElements>
            <bpmn:startEvent id="Start" />
            <bpmn:intermediateCatchEvent id="Paid" flow:correlationKey="orderId"><bpmn:messageEventDefinition messageRef="Msg_Paid" /></bpmn:intermediateCatchEvent>
            <bpmn:userTask id="Task_Ship" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Paid" />
            <bpmn:sequenceFlow id="F2" sourceRef="Paid" targetRef="Task_Ship" />
            <bpmn:sequenceFlow id="F3" sourceRef="Task_Ship" targetRef="End" />
          </bpmn:process>
          <bpmn:process id="enc-intake" isExecutable="true">
            <bpmn:extensionElements><flow:variable name="note" type="string" /></bpmn:extensionElements>
            <bpmn:startEvent id="OnOrder"><bpmn:messageEventDefinition messageRef="Msg_Order" /></bpmn:startEvent>
            <bpmn:userTask id="Review" />
            <bpmn:endEvent id="End2" />
            <bpmn:sequenceFlow id="G1" sourceRef="OnOrder" targetRef="Review" />
            <bpmn:sequenceFlow id="G2" sourceRef="Review" targetRef="End2" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    private HttpClient Operator => factory.As("operator");

    private async Task<string> WaitingAsync(string orderId)
    {
        await factory.Services.GetRequiredService<ContentDeployer>().DeployAsync("enc-pay", Messages);
        var started = await factory.Engine.StartAsync("enc-pay", $$"""{"orderId":"{{orderId}}"}""");
        Assert.Equal(["Paid"], started.WaitingAt);
        return started.Id;
    }

    private async Task<JsonElement> PostBytesAsync(string path, byte[] body, HttpStatusCode expected)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await Operator.PostAsync(path, content).WaitAsync(Http.Timeout);
        return await Http.ReadAsync(response, expected);
    }

    private static byte[] WithBom(string json) => [.. Bom, .. Encoding.UTF8.GetBytes(json)];

    [Fact]
    public async Task A_message_body_with_a_byte_order_mark_is_read_as_without_one()
    {
        var id = await WaitingAsync("BOM-1");

        var reached = (await PostBytesAsync("/flows/api/messages", WithBom("""{"messageName":"enc paid","correlationKey":"BOM-1","payload":{"note":"caf\u00e9"}}"""), HttpStatusCode.OK));

        var instance = Assert.Single(reached.GetProperty("instances").EnumerateArray());
        Assert.Equal(id, instance.GetProperty("id").GetString());
        Assert.Equal("café", instance.GetProperty("data").GetProperty("note").GetString());
        Assert.Equal(["Task_Ship"], (await factory.Engine.GetAsync(id))!.WaitingAt);
    }

    [Fact]
    public async Task Migrate_and_rollback_bodies_with_a_byte_order_mark_are_read_as_without_one()
    {
        var id = (await factory.StartOrdersAsync(1))[0];

        var migrated = (await PostBytesAsync($"/flows/api/instances/{id}/migrate", WithBom("""{"mapping":{}}"""), HttpStatusCode.OK));
        var rollback = (await PostBytesAsync("/flows/api/deployments/order-review/rollback", WithBom("""{"version":77}"""), HttpStatusCode.NotFound));

        Assert.Equal(["Task_Approve"], migrated.GetProperty("waitingAt").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("has no version 77", Http.AssertProblem(rollback, "FLOW6403", 404), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_data_and_outputs_with_a_byte_order_mark_are_read_as_without_one()
    {
        var started = (await PostBytesAsync("/flows/api/processes/order-review/instances", WithBom("""{"customer":"Bo","amount":2}"""), HttpStatusCode.Created));
        var id = started.GetProperty("id").GetString()!;

        var completed = (await PostBytesAsync($"/flows/api/instances/{id}/complete/Task_Approve", [.. Bom], HttpStatusCode.OK));

        Assert.Equal("Bo", started.GetProperty("data").GetProperty("customer").GetString());
        Assert.Equal(["Task_Ship"], completed.GetProperty("waitingAt").EnumerateArray().Select(e => e.GetString()));
    }

    public static TheoryData<string, string?> Receivers => new() { { "enc paid", "NU-1" }, { "enc order", null } };

    [Theory]
    [MemberData(nameof(Receivers))]
    public async Task A_payload_that_is_not_UTF8_is_FLOW6327_400_at_a_catch_and_at_a_message_start_alike(string message, string? key)
    {
        var id = await WaitingAsync("NU-1");
        var before = await factory.Engine.GetAsync(id);
        var started = (await factory.Engine.QueryAsync(new InstanceQuery("enc-intake"))).Count;
        var head = key is null ? $$"""{"messageName":"{{message}}","payload":{"note":" """ : $$"""{"messageName":"{{message}}","correlationKey":"{{key}}","payload":{"note":" """;

        var problem = (await PostBytesAsync("/flows/api/messages", [.. Encoding.UTF8.GetBytes(head.TrimEnd()), 0xC3, 0x28, .. "\"}}"u8], HttpStatusCode.BadRequest));

        var detail = Http.AssertProblem(problem, "FLOW6327", 400);
        Assert.Contains($"Message '{message}'", detail, StringComparison.Ordinal);
        Assert.Contains("the payload is not valid UTF-8 (byte ", detail, StringComparison.Ordinal);
        Assert.Equivalent(before, await factory.Engine.GetAsync(id));
        Assert.Equal(started, (await factory.Engine.QueryAsync(new InstanceQuery("enc-intake"))).Count);
    }

    [Theory]
    [InlineData("messageName")]
    [InlineData("correlationKey")]
    [InlineData("tenant")]
    public async Task A_message_member_that_is_not_UTF8_is_FLOW6404_not_a_server_error(string member)
    {
        var id = await WaitingAsync("NM-1");
        var before = await factory.Engine.GetAsync(id);
        var members = new Dictionary<string, string> { ["messageName"] = "\"enc paid\"", ["correlationKey"] = "\"NM-1\"" };
        var body = new List<byte>("{"u8.ToArray());
        foreach (var (name, value) in members.Where(m => m.Key != member))
        {
            body.AddRange(Encoding.UTF8.GetBytes($"\"{name}\":{value},"));
        }

        body.AddRange([.. Encoding.UTF8.GetBytes($"\"{member}\":\"x"), 0xFF, .. "\"}"u8]);

        var detail = Http.AssertProblem((await PostBytesAsync("/flows/api/messages", [.. body], HttpStatusCode.BadRequest)), "FLOW6404", 400);

        Assert.StartsWith($"{member} is not valid UTF-8.", detail, StringComparison.Ordinal);
        Assert.Equivalent(before, await factory.Engine.GetAsync(id));
    }

    [Theory]
    [InlineData("migrate")]
    [InlineData("rollback")]
    [InlineData("folder")]
    public async Task A_command_body_that_is_not_UTF8_is_FLOW6404_not_a_server_error(string endpoint)
    {
        var id = (await factory.StartOrdersAsync(1))[0];
        var before = await factory.Engine.GetAsync(id);
        var (path, body) = endpoint switch
        {
            "migrate" => ($"/flows/api/instances/{id}/migrate", (byte[])[.. "{\"mapping\":{\"Task_Approve\":\"T"u8, 0xC3, 0x28, .. "\"}}"u8]),
            "rollback" => ("/flows/api/deployments/order-review/rollback", [.. "{\"version\":1,\"note\":\""u8, 0xFF, .. "\"}"u8]),
            _ => ("/flows/api/deployments/folder", [.. "{\"folder\":\"a"u8, 0xC0, 0xAF, .. "\"}"u8]),
        };

        var detail = Http.AssertProblem(await PostBytesAsync(path, body, HttpStatusCode.BadRequest), "FLOW6404", 400);

        Assert.Equal("The body is not valid UTF-8.", detail);
        Assert.Equivalent(before, await factory.Engine.GetAsync(id));
    }
}
