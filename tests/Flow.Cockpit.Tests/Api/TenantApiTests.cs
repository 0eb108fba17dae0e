using System.Net;
using Flow.Compilation;
using Flow.Cockpit.Tests.Infrastructure;
using Shop.Web;

namespace Flow.Cockpit.Tests.Api;

/// <summary>
/// Tenants through the API (issue 16): an instance is started for a tenant, carries it in every
/// view, and the query filters by it; a key deployed for a tenant and shared is ambiguous without one.
/// Its own factory: a tenant's deployment of order-review would make the other classes' starts ambiguous.
/// </summary>
public sealed class TenantApiTests(CockpitFactory factory) : IClassFixture<CockpitFactory>
{
    private HttpClient Operator => factory.As("operator");

    [Fact]
    public async Task A_tenant_s_instance_is_started_shown_and_queried_with_its_tenant()
    {
        Assert.Equal(0, (await Operator.JsonAsync("/flows/api/tenants")).GetArrayLength());
        var deployer = new ContentDeployer(factory.Engine.Registry, new ContentDeployerOptions { CompileTimeout = TimeSpan.FromSeconds(60) });
        var acme = await deployer.DeployIncrementalAsync(OrderReview.Key, [new BpmnContent(OrderReview.Key, OrderReview.Text())], tenantId: "acme")
            .WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Equal("acme", acme.TenantId);
        Assert.Equal(["acme"], (await Operator.JsonAsync("/flows/api/tenants")).EnumerateArray().Select(t => t.GetString()));

        var started = await Operator.PostAsync("/flows/api/processes/order-review/instances?tenant=acme", """{"customer":"Ann","amount":250}""", HttpStatusCode.Created);
        var id = started.GetProperty("id").GetString()!;
        Assert.Equal("acme", started.GetProperty("tenantId").GetString());
        Assert.Equal("acme", (await Operator.JsonAsync($"/flows/api/instances/{id}")).GetProperty("tenantId").GetString());

        var ofAcme = await Operator.JsonAsync("/flows/api/instances?tenant=acme");
        Assert.Equal([id], ofAcme.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        Assert.Equal("acme", ofAcme.GetProperty("items")[0].GetProperty("tenantId").GetString());
        Assert.Equal(0, (await Operator.JsonAsync("/flows/api/instances?tenant=globex")).GetProperty("total").GetInt32());

        // Shared and acme's deployment of one key: without a tenant the start is ambiguous, and nothing starts.
        var before = (await Operator.JsonAsync("/flows/api/instances?pageSize=200")).GetProperty("total").GetInt32();
        var refused = await Operator.PostAsync("/flows/api/processes/order-review/instances", """{"customer":"Bob","amount":1}""", HttpStatusCode.Conflict);
        Assert.Equal("FLOW6340", refused.GetProperty("flowId").GetString());
        Assert.Equal(before, (await Operator.JsonAsync("/flows/api/instances?pageSize=200")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task The_start_endpoint_sees_a_tenant_deployed_after_its_last_request()
    {
        // Its own host: the start endpoint keeps the tenants between deployment events, so this
        // first start remembers "no tenants"; the deployment for acme must make it look again.
        await using var fresh = new CockpitFactory();
        var client = fresh.As("operator");
        await client.PostAsync("/flows/api/processes/order-review/instances", """{"customer":"Ann","amount":1}""", HttpStatusCode.Created);

        var deployer = new ContentDeployer(fresh.Engine.Registry, new ContentDeployerOptions { CompileTimeout = TimeSpan.FromSeconds(60) });
        await deployer.DeployIncrementalAsync(OrderReview.Key, [new BpmnContent(OrderReview.Key, OrderReview.Text())], tenantId: "acme").WaitAsync(TimeSpan.FromMinutes(2));

        var refused = await client.PostAsync("/flows/api/processes/order-review/instances", """{"customer":"Bob","amount":1}""", HttpStatusCode.Conflict);
        Assert.Equal("FLOW6340", refused.GetProperty("flowId").GetString());
        Assert.Equal(["acme"], (await client.JsonAsync("/flows/api/tenants")).EnumerateArray().Select(t => t.GetString()));
    }
}
