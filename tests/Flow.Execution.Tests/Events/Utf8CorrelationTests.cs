using System.Text;
using Flow.Engine;
using Flow.Execution.Tests.Deployment;
using Flow.Execution.Tests.Infrastructure;

namespace Flow.Execution.Tests.Events;

/// <summary><c>FlowEngine.CorrelateAsync</c> with the payload as UTF-8 bytes (redteam5): delivered and refused exactly as the same JSON text, at a waiting catch and at a message start event.</summary>
public sealed class Utf8CorrelationTests : IDisposable
{
    private const string Bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flow="http://flow-generators.dev/schema/bpmn" id="Defs">
          <bpmn:message id="Msg_Paid" name="paid">
            <bpmn:extensionElements><flow:output name="amount" type="decimal" /><flow:output name="note" type="string" /></bpmn:extensionElements>
          </bpmn:message>
          <bpmn:message id="Msg_Order" name="order">
            <bpmn:extensionElements><flow:output name="note" type="string" /></bpmn:extensionElements>
          </bpmn:message>
          <bpmn:process id="pay" isExecutable="true">
            <bpmn:extensionElements>
              <flow:variable name="orderId" type="string" /><flow:variable name="amount" type="decimal" /><flow:variable name="note" type="string" />
            </bpmn:extensionElements>
            <bpmn:startEvent id="Start" />
            <bpmn:intermediateCatchEvent id="Paid" flow:correlationKey="orderId"><bpmn:messageEventDefinition messageRef="Msg_Paid" /></bpmn:intermediateCatchEvent>
            <bpmn:userTask id="Ship" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Paid" />
            <bpmn:sequenceFlow id="F2" sourceRef="Paid" targetRef="Ship" />
            <bpmn:sequenceFlow id="F3" sourceRef="Ship" targetRef="End" />
          </bpmn:process>
          <bpmn:process id="intake" isExecutable="true">
            <bpmn:extensionElements><flow:variable name="note" type="string" /></bpmn:extensionElements>
            <bpmn:startEvent id="OnOrder"><bpmn:messageEventDefinition messageRef="Msg_Order" /></bpmn:startEvent>
            <bpmn:userTask id="Review" />
            <bpmn:endEvent id="End2" />
            <bpmn:sequenceFlow id="G1" sourceRef="OnOrder" targetRef="Review" />
            <bpmn:sequenceFlow id="G2" sourceRef="Review" targetRef="End2" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static readonly Lazy<byte[]> Assembly = new(() => FlowAssembly.Emit(TestDeployment.Name, new[] { ("/flows/pay.bpmn", Bpmn) }, Array.Empty<string>()));

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly DeploymentFixture _fx = new();

    public void Dispose() => _fx.Dispose();

    private async Task<FlowEngine> EngineAsync()
    {
        await _fx.DeployAsync(_fx.Write(1, Assembly.Value));
        return _fx.Engine;
    }

    [Theory]
    [InlineData("{\"amount\": 99.5, \"note\": \"caf\\u00e9 \u00e9\"}")]
    [InlineData("  ")]
    [InlineData("")]
    public async Task A_payload_as_bytes_or_with_a_BOM_reaches_the_instance_as_the_text_does(string json)
    {
        var engine = await EngineAsync();
        var byText = await engine.StartAsync("pay", """{"orderId": "T"}""");
        var byBytes = await engine.StartAsync("pay", """{"orderId": "B"}""");
        var byBom = await engine.StartAsync("pay", """{"orderId": "M"}""");

        var text = Assert.Single(await engine.CorrelateAsync("paid", "T", json.Trim().Length == 0 ? null : json).WaitAsync(Timeout));
        var bytes = Assert.Single(await engine.CorrelateAsync("paid", "B", Encoding.UTF8.GetBytes(json).AsMemory()).WaitAsync(Timeout));
        var bom = Assert.Single(await engine.CorrelateAsync("paid", "M", Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(json)).ToArray().AsMemory()).WaitAsync(Timeout));

        Assert.Equal((byBytes.Id, byBom.Id), (bytes.Id, bom.Id));
        foreach (var delivered in new[] { bytes, bom })
        {
            Assert.Equal(text.DataJson.Replace("\"T\"", "\"X\"", StringComparison.Ordinal), delivered.DataJson.Replace("\"B\"", "\"X\"", StringComparison.Ordinal).Replace("\"M\"", "\"X\"", StringComparison.Ordinal));
            Assert.Equal(new[] { "Ship" }, delivered.WaitingAt);
        }
    }

    [Fact]
    public async Task A_refused_payload_as_bytes_is_refused_as_the_text_and_changes_nothing()
    {
        var engine = await EngineAsync();
        var started = await engine.StartAsync("pay", """{"orderId": "R"}""");
        const string Json = """{"amount": "lots"}""";

        var asText = await Assert.ThrowsAsync<FlowInstanceException>(() => engine.CorrelateAsync("paid", "R", Json).WaitAsync(Timeout));
        var asBytes = await Assert.ThrowsAsync<FlowInstanceException>(() => engine.CorrelateAsync("paid", "R", Encoding.UTF8.GetBytes(Json).AsMemory()).WaitAsync(Timeout));

        Assert.Equal(asText.Message, asBytes.Message);
        Assert.Equal(new[] { "Paid" }, (await engine.GetAsync(started.Id))!.WaitingAt);
    }

    [Fact]
    public async Task A_payload_as_bytes_starts_an_instance_at_a_message_start_event()
    {
        var engine = await EngineAsync();

        const string Json = "{\"note\": \"n\u00e9\"}";
        var byText = Assert.Single(await engine.CorrelateAsync("order", null, Json).WaitAsync(Timeout));
        var byBytes = Assert.Single(await engine.CorrelateAsync("order", null, Encoding.UTF8.GetBytes(Json).AsMemory()).WaitAsync(Timeout));

        Assert.Equal(new[] { "Review" }, byBytes.WaitingAt);
        Assert.Equal(byText.DataJson, byBytes.DataJson);
        Assert.DoesNotContain("\"note\":null", byBytes.DataJson, StringComparison.Ordinal);
    }

    public static TheoryData<string, byte[]> NotUtf8 => new()
    {
        { "a value", [.. "{\"note\": \""u8, 0xC3, 0x28, .. "\"}"u8] },
        { "a member name", [.. "{\""u8, 0xC3, 0x28, .. "\": 1}"u8] },
        { "a lone continuation byte after a BOM", [0xEF, 0xBB, 0xBF, .. "{\"note\": \""u8, 0x80, .. "\"}"u8] },
    };

    [Theory]
    [MemberData(nameof(NotUtf8))]
    public async Task A_payload_that_is_not_UTF8_is_FLOW6327_at_a_waiting_catch_and_at_a_message_start_alike(string where, byte[] payload)
    {
        // A message start event read the bytes as text with U+FFFD for what was not UTF-8 (and started); a catch refused them.
        var engine = await EngineAsync();
        var waiting = await engine.StartAsync("pay", """{"orderId": "U"}""");

        var atCatch = await Assert.ThrowsAsync<FlowCorrelationException>(() => engine.CorrelateAsync("paid", "U", payload.AsMemory()).WaitAsync(Timeout));
        var atStart = await Assert.ThrowsAsync<FlowCorrelationException>(() => engine.CorrelateAsync("order", null, payload.AsMemory()).WaitAsync(Timeout));

        Assert.Equal(("FLOW6327", "FLOW6327"), (atCatch.Id, atStart.Id));
        Assert.StartsWith("FLOW6327: Message 'paid' with key 'U': the payload is not valid UTF-8 (byte ", atCatch.Message, StringComparison.Ordinal);
        Assert.StartsWith("FLOW6327: Message 'order': the payload is not valid UTF-8 (byte ", atStart.Message, StringComparison.Ordinal);
        Assert.True(atCatch.Message.EndsWith("nothing was delivered or started.", StringComparison.Ordinal), where);
        Assert.Equal(new[] { "Paid" }, (await engine.GetAsync(waiting.Id))!.WaitingAt);
        Assert.Empty(await engine.QueryAsync(new Flow.Instances.InstanceQuery("intake")));
    }

    [Fact]
    public async Task The_refusal_names_the_first_byte_that_is_not_UTF8_counted_from_1()
    {
        var engine = await EngineAsync();
        byte[] payload = [.. "{\"note\": \"caf\u00e9 "u8, 0xFF, .. "\"}"u8];

        var refused = await Assert.ThrowsAsync<FlowCorrelationException>(() => engine.CorrelateAsync("order", null, payload.AsMemory()).WaitAsync(Timeout));

        Assert.Contains($"(byte 17 of {payload.Length})", refused.Message, StringComparison.Ordinal);
    }
}
