using System.Net;
using System.Text.Json;
using Flow.Cockpit.Tests.Infrastructure;
using Shop.Web;

namespace Flow.Cockpit.Tests.Api;

/// <summary>Instances through the API as an operator: query, read, start, complete, abort, and every refusal as a problem with its FLOW id.</summary>
public sealed class InstanceApiTests(CockpitFactory factory) : IClassFixture<CockpitFactory>
{
    private HttpClient Operator => factory.As("operator");

    [Fact]
    public async Task Start_then_complete_moves_the_waiting_count_from_one_task_to_the_next()
    {
        var started = await Operator.PostAsync("/flows/api/processes/order-review/instances", """{"customer":"Ann","amount":250}""", HttpStatusCode.Created);
        var id = started.GetProperty("id").GetString()!;
        Assert.Equal(["Task_Approve"], started.GetProperty("waitingAt").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(250m, started.GetProperty("data").GetProperty("amount").GetDecimal());
        var before = await CountsAsync();

        var completed = await Operator.PostAsync($"/flows/api/instances/{id}/complete/Task_Approve", """{"approved":true}""");

        Assert.Equal(["Task_Ship"], completed.GetProperty("waitingAt").EnumerateArray().Select(e => e.GetString()));
        Assert.True(completed.GetProperty("data").GetProperty("approved").GetBoolean());
        var after = await CountsAsync();
        Assert.Equal(before.GetValueOrDefault("Task_Approve") - 1, after.GetValueOrDefault("Task_Approve"));
        Assert.Equal(before.GetValueOrDefault("Task_Ship") + 1, after.GetValueOrDefault("Task_Ship"));

        var shown = await Operator.JsonAsync($"/flows/api/instances/{id}");
        Assert.Equal(["Start_Order", "Task_Approve", "Task_Ship"], shown.GetProperty("history").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("Waiting", shown.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Token_counts_are_aggregated_per_node_and_version_and_failed_ones_are_counted()
    {
        await factory.StartOrdersAsync(3);
        var counts = await Operator.JsonAsync("/flows/api/processes/order-review/tokens?version=1");
        var approve = counts.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("nodeId").GetString() == "Task_Approve");
        var stored = (await factory.Engine.QueryAsync(new Flow.Instances.InstanceQuery(OrderReview.Key, DeploymentVersion: 1)))
            .Count(i => !i.Ended && Flow.Engine.FlowEngine.Summarize(i).WaitingAt.Contains("Task_Approve"));
        Assert.Equal(stored, approve.GetProperty("waiting").GetInt32());
        Assert.True(stored >= 3);
        Assert.Equal(1, approve.GetProperty("deploymentVersion").GetInt32());
    }

    [Fact]
    public async Task Query_filters_by_waiting_node_and_status_and_pages()
    {
        var ids = await factory.StartOrdersAsync(3);
        await factory.Engine.CompleteAsync(ids[0], "Task_Approve", """{"approved":true}""");

        var atShip = await Operator.JsonAsync("/flows/api/instances?key=order-review&waitingAt=Task_Ship&pageSize=200");
        Assert.Contains(ids[0], atShip.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        Assert.DoesNotContain(ids[1], atShip.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));

        var all = await Operator.JsonAsync("/flows/api/instances?key=order-review&status=waiting&pageSize=200");
        var total = all.GetProperty("total").GetInt32();
        var page1 = await Operator.JsonAsync("/flows/api/instances?key=order-review&status=Waiting&pageSize=2&page=1");
        var page2 = await Operator.JsonAsync("/flows/api/instances?key=order-review&status=Waiting&pageSize=2&page=2");
        Assert.Equal(total, page1.GetProperty("total").GetInt32());
        Assert.Equal(2, page1.GetProperty("items").GetArrayLength());
        var firstTwo = all.GetProperty("items").EnumerateArray().Take(4).Select(i => i.GetProperty("id").GetString()).ToArray();
        Assert.Equal(firstTwo, page1.GetProperty("items").EnumerateArray().Concat(page2.GetProperty("items").EnumerateArray()).Select(i => i.GetProperty("id").GetString()).ToArray());
    }

    [Theory]
    [InlineData("pageSize=0")]
    [InlineData("pageSize=100000")]
    [InlineData("page=0")]
    [InlineData("status=Sleeping")]
    [InlineData("status=7")]
    public async Task Bad_query_parameters_are_FLOW6405(string query)
    {
        var problem = await Operator.JsonAsync("/flows/api/instances?" + query, HttpStatusCode.BadRequest);
        Http.AssertProblem(problem, "FLOW6405", 400);
    }

    [Fact]
    public async Task Unknown_instance_is_FLOW6401_on_every_instance_endpoint()
    {
        Http.AssertProblem(await Operator.JsonAsync("/flows/api/instances/no-such-id", HttpStatusCode.NotFound), "FLOW6401", 404);
        Http.AssertProblem(await Operator.PostAsync("/flows/api/instances/no-such-id/complete/Task_Approve", "{}", HttpStatusCode.NotFound), "FLOW6401", 404);
        Http.AssertProblem(await Operator.PostAsync("/flows/api/instances/no-such-id/abort", "", HttpStatusCode.NotFound), "FLOW6401", 404);
        Http.AssertProblem(await Operator.PostAsync("/flows/api/instances/no-such-id/migrate", "{}", HttpStatusCode.NotFound), "FLOW6401", 404);
    }

    [Fact]
    public async Task Unknown_process_is_FLOW6402_and_starts_nothing()
    {
        var count = (await factory.Engine.QueryAsync(new Flow.Instances.InstanceQuery())).Count;
        Http.AssertProblem(await Operator.JsonAsync("/flows/api/processes/nope", HttpStatusCode.NotFound), "FLOW6402", 404);
        Http.AssertProblem(await Operator.JsonAsync("/flows/api/processes/order-review?version=99", HttpStatusCode.NotFound), "FLOW6402", 404);
        Http.AssertProblem(await Operator.JsonAsync("/flows/api/processes/nope/diagram", HttpStatusCode.NotFound), "FLOW6402", 404);
        Http.AssertProblem(await Operator.JsonAsync("/flows/api/processes/nope/tokens", HttpStatusCode.NotFound), "FLOW6402", 404);
        Http.AssertProblem(await Operator.JsonAsync("/flows/api/live?key=nope", HttpStatusCode.NotFound), "FLOW6402", 404);
        Http.AssertProblem(await Operator.PostAsync("/flows/api/processes/nope/instances", "{}", HttpStatusCode.NotFound), "FLOW6402", 404);
        Http.AssertProblem(await Operator.PostAsync("/flows/api/processes/order-review/instances?version=99", "{}", HttpStatusCode.NotFound), "FLOW6402", 404);
        Assert.Equal(count, (await factory.Engine.QueryAsync(new Flow.Instances.InstanceQuery())).Count);
    }

    [Theory]
    [InlineData("{bad")]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("{\"approved\":true")]
    public async Task Malformed_json_is_refused_with_the_engine_s_id_or_FLOW6404_and_changes_nothing(string body)
    {
        var id = (await factory.StartOrdersAsync(1))[0];
        var before = await factory.Engine.GetAsync(id);
        var count = (await factory.Engine.QueryAsync(new Flow.Instances.InstanceQuery())).Count;

        // start data and outputs go to the engine as bytes: its own ids name the process or the node and instance
        Http.AssertProblem(await Operator.PostAsync($"/flows/api/instances/{id}/complete/Task_Approve", body, HttpStatusCode.BadRequest), "FLOW6040", 400);
        Http.AssertProblem(await Operator.PostAsync($"/flows/api/instances/{id}/migrate", body, HttpStatusCode.BadRequest), "FLOW6404", 400);
        Http.AssertProblem(await Operator.PostAsync("/flows/api/processes/order-review/instances", body, HttpStatusCode.BadRequest), "FLOW6322", 400);
        Http.AssertProblem(await Operator.PostAsync("/flows/api/deployments/order-review/rollback", body, HttpStatusCode.BadRequest), "FLOW6404", 400);

        Assert.Equivalent(before, await factory.Engine.GetAsync(id));
        Assert.Equal(count, (await factory.Engine.QueryAsync(new Flow.Instances.InstanceQuery())).Count);
    }

    [Fact]
    public async Task A_body_over_1_MiB_is_FLOW6323_413_and_starts_nothing()
    {
        var count = (await factory.Engine.QueryAsync(new Flow.Instances.InstanceQuery())).Count;
        var huge = "{\"customer\":\"" + new string('x', (1 << 20) + 10) + "\"}";

        var detail = Http.AssertProblem(await Operator.PostAsync("/flows/api/processes/order-review/instances", huge, HttpStatusCode.RequestEntityTooLarge), "FLOW6323", 413);

        Assert.Contains("1048576 bytes", detail, StringComparison.Ordinal);
        Assert.Equal(count, (await factory.Engine.QueryAsync(new Flow.Instances.InstanceQuery())).Count);
    }

    [Theory]
    [InlineData("""{"Approved":true}""")]
    [InlineData("""{"trackingCode":"x"}""")]
    [InlineData("""{"approved":"yes"}""")]
    public async Task Wrong_outputs_are_the_runtime_FLOW6040_and_change_nothing(string outputs)
    {
        var id = (await factory.StartOrdersAsync(1))[0];
        var before = await factory.Engine.GetAsync(id);

        var problem = await Operator.PostAsync($"/flows/api/instances/{id}/complete/Task_Approve", outputs, HttpStatusCode.BadRequest);

        Http.AssertProblem(problem, "FLOW6040", 400);
        Assert.Equivalent(before, await factory.Engine.GetAsync(id));
    }

    [Fact]
    public async Task Completing_where_nothing_waits_is_FLOW6042()
    {
        var id = (await factory.StartOrdersAsync(1))[0];
        Http.AssertProblem(await Operator.PostAsync($"/flows/api/instances/{id}/complete/Task_Ship", "{}", HttpStatusCode.Conflict), "FLOW6042", 409);
        Assert.Equal(["Task_Approve"], (await factory.Engine.GetAsync(id))!.WaitingAt);
    }

    [Fact]
    public async Task Abort_ends_the_instance_and_a_second_abort_is_FLOW6408()
    {
        var id = (await factory.StartOrdersAsync(1))[0];
        var aborted = await Operator.PostAsync($"/flows/api/instances/{id}/abort", "");
        Assert.Equal("Aborted", aborted.GetProperty("status").GetString());
        Assert.Empty(aborted.GetProperty("waitingAt").EnumerateArray());

        Http.AssertProblem(await Operator.PostAsync($"/flows/api/instances/{id}/abort", "", HttpStatusCode.Conflict), "FLOW6408", 409);
        Http.AssertProblem(await Operator.PostAsync($"/flows/api/instances/{id}/migrate", "{}", HttpStatusCode.Conflict), "FLOW6408", 409);
    }

    [Fact]
    public async Task Live_stream_pushes_the_new_counts_after_a_completion()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var id = (await factory.StartOrdersAsync(1))[0];
        using var client = Operator;
        using var response = await client.GetAsync("/flows/api/live?key=order-review", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));

        var first = await NextTokensAsync(reader, timeout.Token);
        await Operator.PostAsync($"/flows/api/instances/{id}/complete/Task_Approve", """{"approved":true}""");
        var second = await NextTokensAsync(reader, timeout.Token);

        Assert.Equal(Waiting(first, "Task_Approve") - 1, Waiting(second, "Task_Approve"));
        Assert.Equal(Waiting(first, "Task_Ship") + 1, Waiting(second, "Task_Ship"));
    }

    private static int Waiting(JsonElement counts, string node) =>
        counts.GetProperty("nodes").EnumerateArray().Where(n => n.GetProperty("nodeId").GetString() == node).Sum(n => n.GetProperty("waiting").GetInt32());

    private static async Task<JsonElement> NextTokensAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        string? eventName = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                eventName = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && eventName == "tokens")
            {
                return JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone();
            }
        }

        throw new InvalidOperationException("The stream ended.");
    }

    private async Task<Dictionary<string, int>> CountsAsync()
    {
        var counts = await Operator.JsonAsync("/flows/api/processes/order-review/tokens");
        return counts.GetProperty("nodes").EnumerateArray()
            .GroupBy(n => n.GetProperty("nodeId").GetString()!)
            .ToDictionary(g => g.Key, g => g.Sum(n => n.GetProperty("waiting").GetInt32()));
    }
}
