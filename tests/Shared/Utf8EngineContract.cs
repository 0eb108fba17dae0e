using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Flow.Deployment;
using Flow.Engine;
using Flow.Execution.Tests.Infrastructure;
using Flow.Instances;

namespace Flow.Tests.Shared;

/// <summary>
/// The engine's start data and completion outputs as UTF-8 bytes, a <see cref="JsonElement"/> or
/// a value of the caller's own type (issue 11, the engine path without JSON churn): each reads
/// as the same JSON text would, refuses what the text path refuses with nothing changed, and the
/// result survives the store (a second engine over the same store reads it back). The in-memory
/// tests and the SQLite tests call these with their store.
/// </summary>
public static class Utf8EngineContract
{
    public const string Key = "review";

    private const string Bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flow="http://flow-generators.dev/schema/bpmn" id="Defs">
          <bpmn:process id="review" name="Review" isExecutable="true">
            <bpmn:extensionElements>
              <flow:variable name="amount" type="int" />
              <flow:variable name="customer" type="string" />
              <flow:variable name="approved" type="bool" />
              <flow:variable name="reviewer" type="string" />
            </bpmn:extensionElements>
            <bpmn:startEvent id="Start" />
            <bpmn:userTask id="Review">
              <bpmn:extensionElements><flow:output name="approved" type="bool" /><flow:output name="reviewer" type="string" /></bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:userTask id="Archive" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Review" />
            <bpmn:sequenceFlow id="F2" sourceRef="Review" targetRef="Archive" />
            <bpmn:sequenceFlow id="F3" sourceRef="Archive" targetRef="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static readonly Lazy<byte[]> Assembly = new(() => FlowAssembly.Emit(TestDeployment.Name, new[] { ("/flows/review.bpmn", Bpmn) }, Array.Empty<string>()));

    /// <summary>An engine over <paramref name="store"/> with the review flow deployed from <paramref name="root"/>.</summary>
    public static async Task<FlowEngine> EngineAsync(IInstanceStore store, string root)
    {
        var engine = new FlowEngine(new DeploymentRegistry(), store);
        var folder = Path.Combine(root, "review-v1");
        if (!Directory.Exists(folder))
        {
            TestDeployment.Write(root, 1, Assembly.Value, folderName: "review-v1");
        }

        await engine.DeployAsync(new[] { folder });
        return engine;
    }

    /// <summary>Bytes, an element and a typed value start with the same data as the text, and a second engine over the store reads it back.</summary>
    public static async Task StartsFromEveryFormAsTheTextDoesAsync(IInstanceStore store, string root)
    {
        var engine = await EngineAsync(store, root);
        const string Json = """{"amount": 1500, "customer": "ann", "unknown": [1, {"x": 2}]}""";
        var byText = await engine.StartAsync(Key, Json);
        Assert.Equal("""{"amount":1500,"customer":"ann","approved":false,"reviewer":null}""", byText.DataJson);

        var byBytes = await engine.StartAsync(Key, Encoding.UTF8.GetBytes(Json).AsMemory());
        var withBom = await engine.StartAsync(Key, Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Json)).ToArray().AsMemory());
        using var document = JsonDocument.Parse("""{"wrapper": """ + Json + "}");
        var byElement = await engine.StartAsync(Key, document.RootElement.GetProperty("wrapper"));
        var byType = await engine.StartAsync(Key, new OrderInput(1500, "ann"), ContractJson.Default.OrderInput);

        Assert.Equal(new OrderInput(1500, "ann"), byType.ReadData(ContractJson.Default.OrderInput));
        foreach (var started in new[] { byBytes, withBom, byElement, byType })
        {
            Assert.Equal(byText.DataJson, started.DataJson);
            Assert.Equal(new[] { "Review" }, started.WaitingAt);
            var reread = await (await EngineAsync(store, root)).GetAsync(started.Id);
            Assert.Equal(byText.DataJson, reread!.DataJson);
        }
    }

    /// <summary>What the text path refuses, the other forms refuse alike, and nothing is stored.</summary>
    public static async Task RefusesStartDataAsTheTextDoesAsync(IInstanceStore store, string root)
    {
        var engine = await EngineAsync(store, root);
        await Assert.ThrowsAnyAsync<JsonException>(() => engine.StartAsync(Key, "[1]"));
        await Assert.ThrowsAnyAsync<JsonException>(() => engine.StartAsync(Key, "[1]"u8.ToArray().AsMemory()));
        await Assert.ThrowsAnyAsync<JsonException>(() => engine.StartAsync(Key, """{"amount": "many"}"""u8.ToArray().AsMemory()));
        await Assert.ThrowsAnyAsync<JsonException>(() => engine.StartAsync(Key, """{"amount": 1"""u8.ToArray().AsMemory()));
        await Assert.ThrowsAnyAsync<JsonException>(() => engine.StartAsync(Key, ReadOnlyMemory<byte>.Empty));
        Assert.Equal("FLOW6322", (await Assert.ThrowsAsync<FlowInputException>(() => engine.StartAsync(Key, "null"u8.ToArray().AsMemory()))).Id);
        await Assert.ThrowsAsync<ArgumentException>(() => engine.StartAsync(Key, default(JsonElement)));
        using var array = JsonDocument.Parse("[1]");
        await Assert.ThrowsAnyAsync<JsonException>(() => engine.StartAsync(Key, array.RootElement));
        await Assert.ThrowsAsync<ArgumentNullException>(() => engine.StartAsync(Key, new OrderInput(1, "x"), (JsonTypeInfo<OrderInput>)null!));

        // a null text still binds to the text overload (not ambiguous with the byte overload) and is refused
        await Assert.ThrowsAsync<ArgumentNullException>(() => engine.StartAsync(Key, null!));
        Assert.Empty(await store.QueryAsync(new InstanceQuery()));
    }

    /// <summary>Outputs as bytes, an element and a typed value complete as the text does; blank bytes, JSON null and a null value are no output.</summary>
    public static async Task CompletesFromEveryFormAsTheTextDoesAsync(IInstanceStore store, string root)
    {
        var engine = await EngineAsync(store, root);
        const string Output = """{"approved": true, "reviewer": "bob"}""";
        const string Expected = """{"amount":5,"customer":null,"approved":true,"reviewer":"bob"}""";
        async Task<string> StartedAsync() => (await engine.StartAsync(Key, """{"amount": 5}""")).Id;

        var byText = await engine.CompleteAsync(await StartedAsync(), "Review", Output);
        Assert.Equal(Expected, byText.DataJson);

        var byBytes = await engine.CompleteAsync(await StartedAsync(), "Review", Encoding.UTF8.GetBytes(Output).AsMemory());
        using var document = JsonDocument.Parse(Output);
        var byElement = await engine.CompleteAsync(await StartedAsync(), "Review", document.RootElement);
        var byType = await engine.CompleteAsync(await StartedAsync(), "Review", new ReviewOutput(true, "bob"), ContractJson.Default.ReviewOutput);
        foreach (var done in new[] { byBytes, byElement, byType })
        {
            Assert.Equal(Expected, done.DataJson);
            Assert.Equal(new ReviewOutput(true, "bob"), done.ReadData(ContractJson.Default.ReviewOutput));
            Assert.Equal(new[] { "Archive" }, done.WaitingAt);
            Assert.Equal(Expected, (await (await EngineAsync(store, root)).GetAsync(done.Id))!.DataJson);
        }

        // no output: blank bytes, a JSON null element, a default element, a null value, a null text
        const string Unchanged = """{"amount":5,"customer":null,"approved":false,"reviewer":null}""";
        using var nullDocument = JsonDocument.Parse("null");
        var none = new[]
        {
            await engine.CompleteAsync(await StartedAsync(), "Review", " \r\n"u8.ToArray().AsMemory()),
            await engine.CompleteAsync(await StartedAsync(), "Review", nullDocument.RootElement),
            await engine.CompleteAsync(await StartedAsync(), "Review", default(JsonElement)),
            await engine.CompleteAsync(await StartedAsync(), "Review", (ReviewOutput?)null, ContractJson.Default.ReviewOutput!),
            await engine.CompleteAsync(await StartedAsync(), "Review", null),
        };
        foreach (var done in none)
        {
            Assert.Equal(Unchanged, done.DataJson);
            Assert.Equal(new[] { "Archive" }, done.WaitingAt);
        }
    }

    /// <summary>An output the node does not declare, a mistyped value or broken JSON is FLOW6040 in every form, and the stored instance is unchanged.</summary>
    public static async Task RefusesOutputsAsTheTextDoesAsync(IInstanceStore store, string root)
    {
        var engine = await EngineAsync(store, root);
        var id = (await engine.StartAsync(Key, """{"amount": 5}""")).Id;
        var before = (await store.LoadAsync(id))!;

        async Task RefusedAsync(Func<Task> complete, string reason)
        {
            var error = await Assert.ThrowsAsync<FlowInstanceException>(complete);
            Assert.Equal("FLOW6040", error.Id);
            Assert.Contains(reason, error.Message, StringComparison.Ordinal);
            var after = (await store.LoadAsync(id))!;
            Assert.Equal(before.Revision, after.Revision);
            Assert.Equal(before.StateJson, after.StateJson);
        }

        await RefusedAsync(() => engine.CompleteAsync(id, "Review", """{"amount": 7}"""u8.ToArray().AsMemory()), "'amount' is not one of its outputs");
        await RefusedAsync(() => engine.CompleteAsync(id, "Review", """{"approved": "yes"}"""u8.ToArray().AsMemory()), "is not a System.Boolean");
        await RefusedAsync(() => engine.CompleteAsync(id, "Review", """{"approved": tru"""u8.ToArray().AsMemory()), "not valid JSON");
        using var array = JsonDocument.Parse("[true]");
        await RefusedAsync(() => engine.CompleteAsync(id, "Review", array.RootElement), "must be a JSON object");

        // a typed value writes every member it has: one the node does not declare is refused by name
        await RefusedAsync(() => engine.CompleteAsync(id, "Review", new OrderInput(7, "eve"), ContractJson.Default.OrderInput), "'amount' is not one of its outputs");
    }
}

/// <summary>A caller's own start data type: the flow's data type lives in the flow's (collectible) assembly and cannot be named here.</summary>
public sealed record OrderInput(int amount, string customer);

/// <summary>A caller's own output type for the review task.</summary>
public sealed record ReviewOutput(bool approved, string reviewer);

/// <summary>The callers' metadata, source-generated (no reflection, nothing cached by the flow).</summary>
[JsonSerializable(typeof(OrderInput))]
[JsonSerializable(typeof(ReviewOutput))]
internal sealed partial class ContractJson : JsonSerializerContext
{
}
