using System.Net;
using Flow.Cockpit.Tests.Infrastructure;
using Flow.Engine;
using Flow.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Shop.Web;

namespace Flow.Cockpit.Tests.Api;

/// <summary>Every endpoint requires the reader policy; every changing one also the operator policy; nothing is open outside Development.</summary>
public sealed class AuthorizationTests(CockpitFactory factory) : IClassFixture<CockpitFactory>
{
    public static readonly TheoryData<string> ReadEndpoints = new()
    {
        "/flows/", "/flows/assets/cockpit.js", "/flows/openapi/flow-cockpit.json",
        "/flows/api/me", "/flows/api/health", "/flows/api/deployments", "/flows/api/deployments/order-review",
        "/flows/api/deployments/order-review/history", "/flows/api/events", "/flows/api/processes",
        "/flows/api/processes/order-review", "/flows/api/processes/order-review/diagram", "/flows/api/processes/order-review/tokens",
        "/flows/api/instances?key=order-review", "/flows/api/instances/{id}",
        "/flows/api/tenants", "/flows/api/processes/order-review/diff?against=1",
    };

    public static readonly TheoryData<string, string> OperatorEndpoints = new()
    {
        { "/flows/api/processes/order-review/instances", "{}" },
        { "/flows/api/instances/{id}/complete/Task_Approve", """{"approved":true}""" },
        { "/flows/api/instances/{id}/abort", "" },
        { "/flows/api/instances/{id}/migrate", "{}" },
        { "/flows/api/deployments/order-review/rollback", """{"version":1}""" },
        { "/flows/api/deployments/order-review/undeploy", "" },
        { "/flows/api/deployments", "" },
        { "/flows/api/deployments/folder", """{"folder":"v2"}""" },
        { "/flows/api/messages", """{"messageName":"paid","correlationKey":"1"}""" },
    };

    [Theory]
    [MemberData(nameof(ReadEndpoints))]
    public async Task Anonymous_is_refused_every_read(string path)
    {
        var id = (await factory.StartOrdersAsync(1))[0];
        using var response = await factory.As(null).GetAsync(path.Replace("{id}", id, StringComparison.Ordinal)).WaitAsync(Http.Timeout);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(ReadEndpoints))]
    public async Task Reader_reads_every_read_endpoint(string path)
    {
        var id = (await factory.StartOrdersAsync(1))[0];
        using var response = await factory.As("reader").GetAsync(path.Replace("{id}", id, StringComparison.Ordinal)).WaitAsync(Http.Timeout);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(OperatorEndpoints))]
    public async Task Anonymous_and_reader_are_refused_every_change_and_nothing_changes(string path, string body)
    {
        var id = (await factory.StartOrdersAsync(1))[0];
        var before = await factory.Engine.GetAsync(id);
        var instances = (await factory.Engine.QueryAsync(new Flow.Instances.InstanceQuery(OrderReview.Key))).Count;
        var latest = factory.Engine.Registry.Latest[OrderReview.Key];

        foreach (var (role, status) in new[] { ((string?)null, HttpStatusCode.Unauthorized), ("reader", HttpStatusCode.Forbidden) })
        {
            using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            using var response = await factory.As(role).PostAsync(path.Replace("{id}", id, StringComparison.Ordinal), content).WaitAsync(Http.Timeout);
            Assert.Equal(status, response.StatusCode);
        }

        Assert.Equivalent(before, await factory.Engine.GetAsync(id));
        Assert.Equal(instances, (await factory.Engine.QueryAsync(new Flow.Instances.InstanceQuery(OrderReview.Key))).Count);
        Assert.Same(latest, factory.Engine.Registry.Latest[OrderReview.Key]);
    }

    [Fact]
    public async Task Me_tells_readers_from_operators()
    {
        Assert.False((await factory.As("reader").JsonAsync("/flows/api/me")).GetProperty("operator").GetBoolean());
        Assert.True((await factory.As("operator").JsonAsync("/flows/api/me")).GetProperty("operator").GetBoolean());
    }

    [Fact]
    public async Task Outside_Development_mapping_without_policies_fails_with_FLOW6400()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseTestServer();
        builder.Services.AddFlowRuntime();
        builder.Services.AddFlowCockpit(o => o.ReaderPolicy = "only-a-reader-policy");
        await using var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapFlowCockpit("/flows"));
        Assert.StartsWith("FLOW6400", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_Development_without_policies_the_cockpit_is_open()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseTestServer();
        builder.Services.AddFlowRuntime();
        builder.Services.AddFlowCockpit();
        await using var app = builder.Build();
        app.MapFlowCockpit("/flows");
        await app.StartAsync().WaitAsync(Http.Timeout);
        using var client = app.GetTestClient();

        var me = await client.JsonAsync("/flows/api/me");
        Assert.True(me.GetProperty("operator").GetBoolean());
        Assert.Equal(0, (await client.JsonAsync("/flows/api/deployments")).GetArrayLength());
        await app.StopAsync().WaitAsync(Http.Timeout);
    }
}
