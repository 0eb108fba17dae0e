using System.Net;
using Flow.Cockpit.Tests.Infrastructure;

namespace Flow.Cockpit.Tests.Api;

/// <summary>The diff between two versions of a process, computed on the server from their BPMN texts.</summary>
public sealed class DiffApiTests : IAsyncLifetime
{
    private readonly CockpitFactory _factory = new();

    private HttpClient Reader => _factory.As("reader");

    public Task InitializeAsync()
    {
        _ = _factory.Server;   // starts the host (deploys v1)
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private static IEnumerable<string?> Ids(System.Text.Json.JsonElement diff, string name) => diff.GetProperty(name).EnumerateArray().Select(e => e.GetString());

    [Fact]
    public async Task Renamed_and_replaced_nodes_are_changed_added_and_removed_and_layout_is_not_compared()
    {
        // v2: Task_Ship gets another name; Task_Approve's shape moves (layout only: not a change).
        await _factory.DeployEditedAsync(text => text.Replace("Ship order", "Ship the order", StringComparison.Ordinal)
            .Replace("<dc:Bounds x=\"240\" y=\"80\"", "<dc:Bounds x=\"240\" y=\"90\"", StringComparison.Ordinal));
        // v3: Task_Ship is replaced by Task_Send (its flows now point elsewhere).
        await _factory.DeployEditedAsync(text => text.Replace("Task_Ship", "Task_Send", StringComparison.Ordinal));

        var renamed = await Reader.JsonAsync("/flows/api/processes/order-review/diff?version=2&against=1");
        Assert.Equal(["Task_Ship"], Ids(renamed, "changed"));
        Assert.Empty(Ids(renamed, "added"));
        Assert.Empty(Ids(renamed, "removed"));

        var replaced = await Reader.JsonAsync("/flows/api/processes/order-review/diff?against=2");   // latest (v3) against v2
        Assert.Equal(3, replaced.GetProperty("version").GetInt32());
        Assert.Equal(["Task_Send"], Ids(replaced, "added"));
        Assert.Equal(["Task_Ship"], Ids(replaced, "removed"));
        Assert.All(Ids(replaced, "changed"), id => Assert.StartsWith("Flow", id!, StringComparison.Ordinal));
        Assert.NotEmpty(Ids(replaced, "changed"));

        var same = await Reader.JsonAsync("/flows/api/processes/order-review/diff?version=1&against=1");
        Assert.Empty(Ids(same, "changed"));
    }

    [Fact]
    public async Task Unknown_versions_and_a_missing_against_are_problems()
    {
        Http.AssertProblem(await Reader.JsonAsync("/flows/api/processes/order-review/diff", HttpStatusCode.BadRequest), "FLOW6405", 400);
        Http.AssertProblem(await Reader.JsonAsync("/flows/api/processes/order-review/diff?against=9", HttpStatusCode.NotFound), "FLOW6402", 404);
        Http.AssertProblem(await Reader.JsonAsync("/flows/api/processes/nope/diff?against=1", HttpStatusCode.NotFound), "FLOW6402", 404);
        using var anonymous = await _factory.As(null).GetAsync("/flows/api/processes/order-review/diff?against=1");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
