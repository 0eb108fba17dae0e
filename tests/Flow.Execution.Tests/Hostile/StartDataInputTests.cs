using System.Text;
using System.Text.Json;
using Flow.Engine;
using Flow.Execution.Tests.Deployment;
using Flow.Execution.Tests.Infrastructure;
using Flow.Instances;

namespace Flow.Execution.Tests.Hostile;

/// <summary>
/// Hostile and careless start data, from outside, in every form the engine takes (text, UTF-8,
/// element): each refusal is FLOW6322 naming the process, its deployment, where in the JSON and
/// why, and nothing is stored. What is accepted is said here too (duplicate names: the last wins).
/// </summary>
public sealed class StartDataInputTests : IDisposable
{
    internal const string Bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flow="http://flow-generators.dev/schema/bpmn" id="Defs">
          <bpmn:message id="Msg_Paid" name="paid">
            <bpmn:extensionElements><flow:output name="amount" type="int" /></bpmn:extensionElements>
          </bpmn:message>
          <bpmn:process id="intake" name="Intake" isExecutable="true">
            <bpmn:extensionElements>
              <flow:variable name="amount" type="int" />
              <flow:variable name="price" type="double" />
              <flow:variable name="orderId" type="string" />
              <flow:variable name="approved" type="bool" />
            </bpmn:extensionElements>
            <bpmn:startEvent id="Start" />
            <bpmn:userTask id="Review">
              <bpmn:extensionElements><flow:output name="approved" type="bool" /></bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:intermediateCatchEvent id="Paid" flow:correlationKey="orderId"><bpmn:messageEventDefinition messageRef="Msg_Paid" /></bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Review" />
            <bpmn:sequenceFlow id="F2" sourceRef="Review" targetRef="Paid" />
            <bpmn:sequenceFlow id="F3" sourceRef="Paid" targetRef="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    internal static readonly Lazy<byte[]> Assembly = new(() => FlowAssembly.Emit(TestDeployment.Name, new[] { ("/flows/intake.bpmn", Bpmn) }, Array.Empty<string>()));

    private readonly DeploymentFixture _fx = new();

    private async Task<FlowEngine> EngineAsync()
    {
        await _fx.DeployAsync(_fx.Write(1, Assembly.Value));
        return _fx.Engine;
    }

    /// <summary>Each refusal the user sees: the FLOW id, the process and deployment, the position and the cause, in the text, UTF-8 and element forms alike.</summary>
    [Theory]
    [InlineData("deep", "{\"amount\": 1, \"x\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}", "at line 1, byte 83", "maximum configured depth of 64 has been exceeded")]
    [InlineData("array", "[1]", "($)", "expected an object, found an array")]
    [InlineData("string", "\"x\"", "($)", "expected an object, found a string")]
    [InlineData("null", "null", "($)", "the JSON is null; start data is a JSON object")]
    [InlineData("trailing", "{\"amount\": 1} x", "at line 1, byte 15", "'x' is invalid after a single JSON value")]
    [InlineData("unclosed", "{\"amount\": 1", "at line 1, byte 13", "'1' is an invalid end of a number")]
    [InlineData("huge int", "{\"amount\": 99999999999999999999999}", "($.amount)", "could not be converted to System.Int32")]
    [InlineData("huge double", "{\"price\": 1e400}", "($.price)", "could not be converted to System.Double")]
    [InlineData("wrong kind", "{\"orderId\": {\"a\": 1}}", "($.orderId)", "could not be converted to System.String")]
    [InlineData("empty", "", "at line 1, byte 1", "does not contain any JSON tokens")]
    public async Task Refused_start_data_is_FLOW6322_naming_process_deployment_position_and_cause(string what, string json, string where, string cause)
    {
        var engine = await EngineAsync();
        using var document = json.Length > 0 && what is "array" or "string" or "null" ? JsonDocument.Parse(json) : null;
        var forms = new List<Func<Task>>
        {
            () => engine.StartAsync("intake", json),
            () => engine.StartAsync("intake", Encoding.UTF8.GetBytes(json).AsMemory()),
        };
        if (document is not null)
        {
            forms.Add(() => engine.StartAsync("intake", document.RootElement));
        }

        foreach (var start in forms)
        {
            var refused = await Assert.ThrowsAsync<FlowInputException>(start);
            Assert.Equal("FLOW6322", refused.Id);
            Assert.Equal("intake", refused.ProcessKey);
            Assert.StartsWith("FLOW6322: Starting process 'intake' of deployment 'Shop.Flows v1': the start data is refused " + where, refused.Message, StringComparison.Ordinal);
            Assert.True(refused.Message.Contains(cause, StringComparison.Ordinal), refused.Message);
            Assert.EndsWith("Nothing was started or stored.", refused.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("LineNumber:", refused.Message, StringComparison.Ordinal);
        }

        Assert.Empty(await _fx.Store.QueryAsync(new InstanceQuery()));
    }

    [Fact]
    public async Task A_string_of_invalid_UTF8_bytes_is_FLOW6322_saying_so_and_naming_the_member()
    {
        var engine = await EngineAsync();
        byte[] json = [.. "{\"orderId\": \""u8, 0xC3, 0x28, .. "\"}"u8];

        var refused = await Assert.ThrowsAsync<FlowInputException>(() => engine.StartAsync("intake", json.AsMemory()));

        Assert.Equal("FLOW6322: Starting process 'intake' of deployment 'Shop.Flows v1': the start data is refused ($.orderId): a string is not valid UTF-8. Nothing was started or stored.", refused.Message);
        Assert.Equal("$.orderId", refused.Path);
        Assert.Empty(await _fx.Store.QueryAsync(new InstanceQuery()));
    }

    [Fact]
    public async Task Invalid_UTF8_in_a_member_the_data_does_not_have_is_skipped_unread_and_never_stored()
    {
        var engine = await EngineAsync();
        byte[] json = [.. "{\"unknown\": \""u8, 0xFF, 0xFE, .. "\", \"amount\": 3}"u8];

        var started = await engine.StartAsync("intake", json.AsMemory());

        Assert.Equal("""{"amount":3,"price":0,"orderId":null,"approved":false}""", started.DataJson);
    }

    [Fact]
    public async Task A_member_given_twice_in_start_data_takes_the_last_value_as_System_Text_Json_does()
    {
        // Explicit: start data reads as JsonSerializer reads an object (the last value wins);
        // completion outputs and message payloads refuse a repeated output (FLOW6040).
        var engine = await EngineAsync();

        var started = await engine.StartAsync("intake", """{"amount": 1, "amount": 2}""");

        Assert.Contains("\"amount\":2", started.DataJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_C_sharp_null_or_a_default_element_stays_an_argument_error_of_the_caller()
    {
        var engine = await EngineAsync();

        await Assert.ThrowsAsync<ArgumentNullException>(() => engine.StartAsync("intake", (string)null!));
        await Assert.ThrowsAsync<ArgumentException>(() => engine.StartAsync("intake", default(JsonElement)));
        Assert.Empty(await _fx.Store.QueryAsync(new InstanceQuery()));
    }

    public void Dispose() => _fx.Dispose();
}
