using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Flow.Cockpit.Tests.Infrastructure;
using Flow.Instances;

namespace Flow.Cockpit.Tests.Api;

/// <summary>
/// Hostile and careless request bodies from outside: too large (FLOW6323, 413, configurable),
/// nested too deep, members given twice, invalid UTF-8. Each is a problem with a FLOW id that says
/// what is wrong, never a 500 or the framework's bare answer, and nothing is stored or changed.
/// </summary>
public sealed class HostileBodyTests(CockpitFactory factory) : IClassFixture<CockpitFactory>
{
    private HttpClient Operator => factory.As("operator");

    private static readonly string Deep = "{\"customer\":\"Ann\",\"extra\":" + new string('[', 500) + new string(']', 500) + "}";

    private async Task<int> CountAsync() => (await factory.Engine.QueryAsync(new InstanceQuery())).Count;

    [Fact]
    public async Task A_body_over_the_limit_is_FLOW6323_413_on_every_JSON_endpoint_and_changes_nothing()
    {
        var id = (await factory.StartOrdersAsync(1))[0];
        var before = await factory.Engine.GetAsync(id);
        var count = await CountAsync();
        var huge = "{\"customer\":\"" + new string('x', (1 << 20) + 10) + "\"}";

        foreach (var path in new[]
        {
            "/flows/api/processes/order-review/instances", $"/flows/api/instances/{id}/complete/Task_Approve",
            $"/flows/api/instances/{id}/migrate", "/flows/api/messages", "/flows/api/deployments/order-review/rollback",
        })
        {
            var detail = Http.AssertProblem(await Operator.PostAsync(path, huge, HttpStatusCode.RequestEntityTooLarge), "FLOW6323", 413);
            Assert.Contains("larger than 1048576 bytes (CockpitOptions.MaxRequestBodyBytes)", detail, StringComparison.Ordinal);
        }

        Assert.Equivalent(before, await factory.Engine.GetAsync(id));
        Assert.Equal(count, await CountAsync());
    }

    [Fact]
    public async Task The_limit_is_configurable_and_holds_for_a_chunked_body_without_a_length()
    {
        await using var small = new CockpitFactory { ConfigureCockpit = o => o.MaxRequestBodyBytes = 64 };
        var client = small.As("operator");
        var count = (await small.Engine.QueryAsync(new InstanceQuery())).Count;

        await client.PostAsync("/flows/api/processes/order-review/instances", """{"customer":"Ann","amount":1}""", HttpStatusCode.Created);
        var body = """{"customer":"Ann","amount":1,"note":"this is more than sixty-four bytes long"}""";
        using var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body)));   // no Content-Length: read until the limit
        chunked.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await client.PostAsync("/flows/api/processes/order-review/instances", chunked).WaitAsync(Http.Timeout);

        Http.AssertProblem(await Http.ReadAsync(response, HttpStatusCode.RequestEntityTooLarge), "FLOW6323", 413);
        Assert.Equal(count + 1, (await small.Engine.QueryAsync(new InstanceQuery())).Count);
    }

    [Fact]
    public async Task Start_data_nested_too_deep_is_the_runtime_FLOW6322_naming_the_process_and_the_position()
    {
        var count = await CountAsync();

        var detail = Http.AssertProblem(await Operator.PostAsync("/flows/api/processes/order-review/instances", Deep, HttpStatusCode.BadRequest), "FLOW6322", 400);

        Assert.StartsWith("FLOW6322: Starting process 'order-review' of deployment ", detail, StringComparison.Ordinal);
        Assert.True(detail.Contains("at line 1, byte 90", StringComparison.Ordinal), detail);
        Assert.Contains("maximum configured depth of 64", detail, StringComparison.Ordinal);
        Assert.Equal(count, await CountAsync());
    }

    [Fact]
    public async Task Outputs_nested_too_deep_are_the_runtime_FLOW6040_naming_the_node_and_the_instance()
    {
        var id = (await factory.StartOrdersAsync(1))[0];
        var before = await factory.Engine.GetAsync(id);

        var detail = Http.AssertProblem(await Operator.PostAsync($"/flows/api/instances/{id}/complete/Task_Approve", Deep, HttpStatusCode.BadRequest), "FLOW6040", 400);

        Assert.Contains($"Completing 'Task_Approve' of instance {id}", detail, StringComparison.Ordinal);
        Assert.Contains("maximum configured depth of 64", detail, StringComparison.Ordinal);
        Assert.Equivalent(before, await factory.Engine.GetAsync(id));
    }

    [Theory]
    [InlineData("/flows/api/messages", """{"messageName":"payment received","messageName":"other"}""")]
    [InlineData("/flows/api/deployments/order-review/rollback", """{"version":1,"version":2}""")]
    public async Task A_member_given_twice_in_a_command_body_is_FLOW6404_not_silently_one_of_the_two(string path, string body)
    {
        var count = await CountAsync();

        var detail = Http.AssertProblem(await Operator.PostAsync(path, body, HttpStatusCode.BadRequest), "FLOW6404", 400);

        Assert.Contains("not valid JSON", detail, StringComparison.Ordinal);
        Assert.Equal(count, await CountAsync());
    }

    [Fact]
    public async Task Start_data_with_a_string_of_invalid_UTF8_is_FLOW6322_naming_the_member()
    {
        var count = await CountAsync();
        using var content = new ByteArrayContent([.. "{\"customer\":\""u8, 0xC3, 0x28, .. "\",\"amount\":1}"u8]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await Operator.PostAsync("/flows/api/processes/order-review/instances", content).WaitAsync(Http.Timeout);

        var detail = Http.AssertProblem(await Http.ReadAsync(response, HttpStatusCode.BadRequest), "FLOW6322", 400);
        Assert.Contains("($.customer): a string is not valid UTF-8", detail, StringComparison.Ordinal);
        Assert.Equal(count, await CountAsync());
    }

    [Theory]
    [InlineData("a%0Ab", "'a\\u000Ab' is not an instance id")]
    [InlineData("%E2%80%AEevil", "'\\u202Eevil' is not an instance id")]
    public async Task An_id_in_the_route_that_cannot_be_an_instance_id_is_FLOW6324_400_not_a_server_error(string escaped, string shown)
    {
        var count = await CountAsync();

        foreach (var (path, body) in new[]
        {
            ($"/flows/api/instances/{escaped}", (string?)null), ($"/flows/api/instances/{escaped}/complete/Task_Approve", "{}"),
            ($"/flows/api/instances/{escaped}/abort", ""), ($"/flows/api/instances/{escaped}/migrate", "{}"),
        })
        {
            var problem = body is null ? await Operator.JsonAsync(path, HttpStatusCode.BadRequest) : await Operator.PostAsync(path, body, HttpStatusCode.BadRequest);
            var detail = Http.AssertProblem(problem, "FLOW6324", 400);
            Assert.Contains(shown, detail, StringComparison.Ordinal);
        }

        Assert.Equal(count, await CountAsync());
    }

    [Fact]
    public async Task An_empty_body_starts_with_empty_data_and_completes_without_output()
    {
        var started = await Operator.PostAsync("/flows/api/processes/order-review/instances", "", HttpStatusCode.Created);
        var id = started.GetProperty("id").GetString()!;

        var completed = await Operator.PostAsync($"/flows/api/instances/{id}/complete/Task_Approve", " \r\n");

        Assert.Equal(["Task_Ship"], completed.GetProperty("waitingAt").EnumerateArray().Select(e => e.GetString()));
    }
}
