using Flow.Deployment;
using Flow.Engine;
using Flow.Execution.Tests.Infrastructure;
using Flow.Instances;

namespace Flow.Tests.Shared;

/// <summary>
/// Hostile correlation keys and message names against a store (redteam5): a key or name over
/// 1,024 UTF-8 bytes is FLOW6325 and one holding U+0000 or a lone surrogate is FLOW6326, the same
/// on every store, raised before anything is written and naming the instance or message and the
/// limit; a key at the limit and keys with other control characters are stored and matched exactly.
/// The in-memory, SQLite and PostgreSQL tests call these with their store.
/// </summary>
public static class StoredKeyContract
{
    private const string Bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flow="http://flow-generators.dev/schema/bpmn" id="Defs">
          <bpmn:message id="Msg_Paid" name="paid" />
          <bpmn:process id="wait" isExecutable="true">
            <bpmn:extensionElements><flow:variable name="orderId" type="string" /></bpmn:extensionElements>
            <bpmn:startEvent id="Start" />
            <bpmn:intermediateCatchEvent id="Paid" flow:correlationKey="orderId"><bpmn:messageEventDefinition messageRef="Msg_Paid" /></bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Paid" />
            <bpmn:sequenceFlow id="F2" sourceRef="Paid" targetRef="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static readonly Lazy<byte[]> Assembly = new(() => FlowAssembly.Emit(TestDeployment.Name, new[] { ("/flows/wait.bpmn", Bpmn) }, Array.Empty<string>()));

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static async Task<FlowEngine> EngineAsync(IInstanceStore store, string root)
    {
        var engine = new FlowEngine(new DeploymentRegistry(), store);
        var folder = Path.Combine(root, "keys-v1");
        if (!Directory.Exists(folder))
        {
            TestDeployment.Write(root, 1, Assembly.Value, folderName: "keys-v1");
        }

        await engine.DeployAsync(new[] { folder });
        return engine;
    }

    private static string Data(string orderId) => System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["orderId"] = orderId });

    /// <summary>A 1 MB key and a key one byte over the limit are FLOW6325 at the start, naming the node, message and limit; nothing is stored.</summary>
    public static async Task RefusesKeysOverTheLimitBeforeStoringAsync(IInstanceStore store, string root)
    {
        var engine = await EngineAsync(store, root);
        foreach (var key in new[] { new string('k', 1 << 20), new string('a', 1023) + "é" })
        {
            var refused = await Assert.ThrowsAsync<FlowCorrelationException>(() => engine.StartAsync("wait", Data(key)).WaitAsync(Timeout));

            Assert.Equal("FLOW6325", refused.Id);
            Assert.Equal("paid", refused.MessageName);
            Assert.StartsWith("FLOW6325: Instance ", refused.Message, StringComparison.Ordinal);
            Assert.Contains(" would wait at Paid for message 'paid' with a correlation key that is " + System.Text.Encoding.UTF8.GetByteCount(key) + " UTF-8 bytes long; a stored name or correlation key is at most 1024 bytes on every store (FLOW6325); nothing was stored.", refused.Message, StringComparison.Ordinal);
            Assert.True(refused.Message.Length < 600, "the message does not echo the key");
        }

        Assert.Empty(await store.QueryAsync(new InstanceQuery()));
    }

    /// <summary>Keys at the limit (1,024 bytes, one- and two-byte characters) and with control characters other than U+0000 are stored and matched exactly.</summary>
    public static async Task StoresAndMatchesKeysAtTheLimitAndWithControlCharactersAsync(IInstanceStore store, string root)
    {
        var engine = await EngineAsync(store, root);
        var keys = new[] { new string('a', 1024), new string('é', 512), "a\u0001b\tc\nd\u007f\u200Ee", "a\u0002b\tc\nd\u007f\u200Ee" };
        var started = new List<string>();
        foreach (var key in keys)
        {
            started.Add((await engine.StartAsync("wait", Data(key)).WaitAsync(Timeout)).Id);
        }

        for (var i = 0; i < keys.Length; i++)
        {
            var delivered = await engine.CorrelateAsync("paid", keys[i]).WaitAsync(Timeout);
            Assert.Equal(started[i], Assert.Single(delivered).Id);
            Assert.Equal(InstanceStatus.Completed, (await engine.GetAsync(started[i]))!.Status);
        }
    }

    /// <summary>A key holding U+0000 is FLOW6326 at the start with nothing stored; a correlation with a key or name over the limit or not storable is refused before any store is asked.</summary>
    public static async Task RefusesUnstorableKeysAndHostileCorrelationsAsync(IInstanceStore store, string root)
    {
        var engine = await EngineAsync(store, root);
        var nul = await Assert.ThrowsAsync<FlowCorrelationException>(() => engine.StartAsync("wait", Data("a\0b")).WaitAsync(Timeout));
        Assert.Equal("FLOW6326", nul.Id);
        Assert.Contains("would wait at Paid for message 'paid' with a correlation key that holds U+0000 or a lone surrogate", nul.Message, StringComparison.Ordinal);
        Assert.Empty(await store.QueryAsync(new InstanceQuery()));

        var cases = new (string Name, string? Key, string Id)[]
        {
            ("paid", new string('k', 1 << 20), "FLOW6325"),
            (new string('m', 1 << 20), null, "FLOW6325"),
            ("paid", "a\0b", "FLOW6326"),
            ("paid", "a\uD800b", "FLOW6326"),
            ("pa\0id", "a", "FLOW6326"),
        };
        foreach (var (name, key, id) in cases)
        {
            var refused = await Assert.ThrowsAsync<FlowCorrelationException>(() => engine.CorrelateAsync(name, key).WaitAsync(Timeout));
            Assert.Equal(id, refused.Id);
            Assert.EndsWith($"({id}); nothing was delivered.", refused.Message, StringComparison.Ordinal);
            Assert.True(refused.Message.Length < 600, "the message does not echo the key");
        }
    }
}
