using Flow.Engine;
using Flow.Execution.Tests.Deployment;
using Flow.Instances;

namespace Flow.Execution.Tests.Hostile;

/// <summary>
/// Instance ids, correlation keys, message names, tenant ids and deployment names in hostile forms,
/// passed to the engine's public methods as a host would pass what a request carried: a clear error
/// (or null / false / not found), never a crash, never a path, and error messages that show the
/// string escaped and cut, so it cannot forge or flood a log line.
/// </summary>
public sealed class HostileIdsTests : IDisposable
{
    private readonly DeploymentFixture _fx = new();

    private async Task<FlowEngine> EngineAsync()
    {
        await _fx.DeployAsync(_fx.Write(1, StartDataInputTests.Assembly.Value));
        return _fx.Engine;
    }

    public static TheoryData<string, string> BadIds => new()
    {
        { "", "it is empty" },
        { "   ", "it is blank" },
        { "line\nbreak", "'line\\u000Abreak' is not an instance id (it holds control or format characters)" },
        { "a\0b", "'a\\u0000b' is not an instance id" },
        { "\u202Eevil", "'\\u202Eevil' is not an instance id" },
        { new string('a', 100_000), "… (100000 characters)' is not an instance id (it is longer than 200 characters)" },
    };

    [Theory]
    [MemberData(nameof(BadIds))]
    public async Task An_id_that_cannot_be_an_instance_id_is_FLOW6324_at_every_method_and_changes_nothing(string id, string shown)
    {
        var engine = await EngineAsync();
        var waiting = await engine.StartAsync("intake", """{"orderId": "A"}""");

        foreach (var call in new Func<Task>[]
        {
            () => engine.GetAsync(id), () => engine.CompleteAsync(id, "Review", (string?)null), () => engine.CompleteAsync(id, "Review", "{}"u8.ToArray().AsMemory()),
            () => engine.CompleteElementAsync(id, "Review", 0), () => engine.RetryAsync(id), () => engine.AbortAsync(id), () => engine.DeleteAsync(id),
            () => engine.MigrateAsync(id), () => engine.JobWaitsAsync(id),
        })
        {
            var refused = await Assert.ThrowsAsync<FlowInvalidIdException>(call);
            Assert.Equal("FLOW6324", refused.Id);
            Assert.Equal("instanceId", refused.ParamName);
            Assert.True(refused.Message.Contains(shown, StringComparison.Ordinal), refused.Message);
            Assert.True(refused.Message.Length < 400, "the message is cut");
            Assert.DoesNotContain('\n', refused.Message);
            Assert.DoesNotContain('\0', refused.Message);
        }

        Assert.Equal(InstanceStatus.Waiting, (await engine.GetAsync(waiting.Id))!.Status);
        Assert.Single(await _fx.Store.QueryAsync(new InstanceQuery()));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("..\\..\\windows\\win.ini")]
    [InlineData("'; DROP TABLE instances; --")]
    [InlineData("DEADBEEFDEADBEEFDEADBEEFDEADBEEF")]
    [InlineData("*")]
    public async Task An_id_of_a_sane_form_no_instance_has_is_not_found_never_a_path(string id)
    {
        var engine = await EngineAsync();

        Assert.Null(await engine.GetAsync(id));
        Assert.False(await engine.DeleteAsync(id));
        Assert.Empty(await engine.JobWaitsAsync(id));
        Assert.Equal($"No instance {id}.", (await Assert.ThrowsAsync<KeyNotFoundException>(() => engine.CompleteAsync(id, "Review", (string?)null))).Message);
        Assert.Equal($"No instance {id}.", (await Assert.ThrowsAsync<KeyNotFoundException>(() => engine.AbortAsync(id))).Message);
        Assert.Equal($"No instance {id}.", (await Assert.ThrowsAsync<KeyNotFoundException>(() => engine.MigrateAsync(id))).Message);
    }

    [Fact]
    public async Task Hostile_correlation_keys_correlate_as_data_and_are_shown_escaped_and_cut_when_nothing_waits()
    {
        var engine = await EngineAsync();
        var longest = new string('k', 1024);   // the limit of a stored key (FLOW6325)
        foreach (var key in new[] { longest, "line\nbreak\u0001", "\u202Egnp.exe" })
        {
            var started = await engine.StartAsync("intake", System.Text.Json.JsonSerializer.Serialize(new { orderId = key }));
            await engine.CompleteAsync(started.Id, "Review", """{"approved": true}""");

            var reached = Assert.Single(await engine.CorrelateAsync("paid", key, """{"amount": 3}"""));

            Assert.Equal(started.Id, reached.Id);
            Assert.Equal(InstanceStatus.Completed, reached.Status);
        }

        // A key no store can index (1 MB, U+0000) is refused where the instance would wait with it; the instance stays as it was.
        foreach (var (key, id) in new[] { (new string('k', 1_000_000), "FLOW6325"), ("line\nbreak\0", "FLOW6326") })
        {
            var started = await engine.StartAsync("intake", System.Text.Json.JsonSerializer.Serialize(new { orderId = key }));
            var refused = await Assert.ThrowsAsync<FlowCorrelationException>(() => engine.CompleteAsync(started.Id, "Review", """{"approved": true}"""));
            Assert.Equal(id, refused.Id);
            Assert.True(refused.Message.Length < 600, refused.Message[..200]);
            Assert.Equal(new[] { "Review" }, (await engine.GetAsync(started.Id))!.WaitingAt);
        }

        var unmatched = await Assert.ThrowsAsync<FlowCorrelationException>(() => engine.CorrelateAsync("paid", longest[..1000] + "\n"));
        Assert.Equal("FLOW6181", unmatched.Id);
        Assert.True(unmatched.Message.Length < 400, unmatched.Message[..200]);
        Assert.Contains("… (1001 characters)", unmatched.Message, StringComparison.Ordinal);
        var forged = await Assert.ThrowsAsync<FlowCorrelationException>(() => engine.CorrelateAsync("paid\n[INFO] all good", "k\r\n"));
        Assert.Contains("message 'paid\\u000A[INFO] all good' with key 'k\\u000D\\u000A'", forged.Message, StringComparison.Ordinal);
        Assert.Equal("paid\n[INFO] all good", forged.MessageName);   // the exception still carries what was sent
    }

    [Theory]
    [InlineData("../../etc")]
    [InlineData("acme\nadmin")]
    [InlineData("")]
    public async Task A_hostile_tenant_id_sees_only_the_shared_deployment_and_its_instance_has_no_tenant(string tenant)
    {
        var engine = await EngineAsync();

        var started = await engine.StartAsync("intake", "{}", tenantId: tenant);

        Assert.Null(started.TenantId);
        Assert.Empty(await engine.QueryAsync(new InstanceQuery { TenantId = tenant }));
    }

    public void Dispose() => _fx.Dispose();
}
