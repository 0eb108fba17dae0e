using System.Text.Json;
using Flow.Deployment;
using Flow.Engine;
using Flow.Execution.Tests.Infrastructure;
using Flow.Instances;

namespace Flow.Execution.Tests.Deployment;

/// <summary>
/// Tenants with Camunda's meaning (issue 16): a deployment with a tenant defines its keys for that
/// tenant only, one without tenant is shared unless the tenant has its own, a key deployed for
/// several tenants and started without one is FLOW6340, versions count per (tenant, name), and
/// instances, queries and correlation carry the tenant.
/// </summary>
public class TenantTests
{
    private static List<string> Marks(InstanceSnapshot snapshot) =>
        JsonDocument.Parse(snapshot.DataJson).RootElement.GetProperty("marks").EnumerateArray().Select(e => e.GetString()!).ToList();

    [Fact]
    public async Task A_tenants_deployment_defines_its_keys_for_that_tenant_only()
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, DeploymentFixture.A, tenant: "acme"));

        var started = await fx.Engine.StartAsync("order", tenantId: "acme");

        Assert.Equal("acme", started.TenantId);
        Assert.Equal("acme", (await fx.Store.LoadAsync(started.Id))!.TenantId);
        Assert.Equal("acme", (await fx.Engine.GetAsync(started.Id))!.TenantId);
        var other = await Assert.ThrowsAsync<FlowDeploymentException>(() => fx.Engine.StartAsync("order", tenantId: "globex"));
        Assert.Equal("FLOW6007", other.Id);
        Assert.False(fx.Registry.Latest.ContainsKey("order"));   // not shared
        Assert.Equal("acme", fx.Registry.LatestFor("acme")["order"].TenantId);
        Assert.Equal(new[] { "acme" }, fx.Registry.Tenants);
    }

    [Fact]
    public async Task Without_a_tenant_the_only_deployment_of_a_key_starts_and_several_tenants_are_FLOW6340_naming_them()
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, DeploymentFixture.A, tenant: "acme"));
        Assert.Equal("acme", (await fx.Engine.StartAsync("order")).TenantId);

        await fx.DeployAsync(fx.Write(1, DeploymentFixture.B, tenant: "globex"));
        var ambiguous = await Assert.ThrowsAsync<FlowDeploymentException>(() => fx.Engine.StartAsync("order"));

        Assert.Equal("FLOW6340", ambiguous.Id);
        Assert.Contains("'acme'", ambiguous.Message, StringComparison.Ordinal);
        Assert.Contains("'globex'", ambiguous.Message, StringComparison.Ordinal);
        Assert.Equal(new[] { "B", "B" }, Marks(await fx.Engine.CompleteAsync((await fx.Engine.StartAsync("order", tenantId: "globex")).Id, "Review")));
    }

    [Fact]
    public async Task A_shared_deployment_serves_every_tenant_unless_the_tenant_has_its_own()
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, DeploymentFixture.A));                     // shared
        await fx.DeployAsync(fx.Write(1, DeploymentFixture.B, tenant: "acme"));     // acme's own

        var globex = await fx.Engine.StartAsync("order", tenantId: "globex");
        var acme = await fx.Engine.StartAsync("order", tenantId: "acme");

        Assert.Equal(new[] { "A" }, Marks(globex));
        Assert.Null(globex.TenantId);                  // an instance of a shared deployment has no tenant (Camunda without a tenant id provider)
        Assert.Equal(new[] { "B" }, Marks(acme));
        Assert.Equal("acme", acme.TenantId);
        Assert.Equal("FLOW6340", (await Assert.ThrowsAsync<FlowDeploymentException>(() => fx.Engine.StartAsync("order"))).Id);
        Assert.Same(fx.Registry.Latest["order"], fx.Registry.LatestFor("globex")["order"]);
        Assert.Equal("acme", fx.Registry.LatestFor("acme")["order"].TenantId);
    }

    [Fact]
    public async Task Versions_count_per_tenant_and_name()
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, DeploymentFixture.A, tenant: "acme"));

        // The same name and version with other content under another tenant is another deployment, not a reused version (FLOW6007).
        await fx.DeployAsync(fx.Write(1, DeploymentFixture.B, tenant: "globex"));
        await fx.DeployAsync(fx.Write(2, DeploymentFixture.B, tenant: "acme"));

        Assert.Equal(2, fx.Registry.LatestFor("acme")["order"].Version);
        Assert.Equal(1, fx.Registry.LatestFor("globex")["order"].Version);
        var reused = await Assert.ThrowsAsync<FlowDeploymentException>(() => fx.DeployAsync(fx.Write(1, DeploymentFixture.A, tenant: "globex", folder: "globex-again")));
        Assert.Equal("FLOW6007", reused.Id);   // within one tenant a version still means one content
    }

    [Fact]
    public async Task Instances_run_on_their_tenants_version_and_queries_filter_by_tenant()
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, DeploymentFixture.A, tenant: "acme"));
        await fx.DeployAsync(fx.Write(1, DeploymentFixture.B, tenant: "globex"));
        var acme = await fx.Engine.StartAsync("order", tenantId: "acme");
        var globex = await fx.Engine.StartAsync("order", tenantId: "globex");

        var done = await fx.Engine.CompleteAsync(acme.Id, "Review");

        Assert.Equal(new[] { "A", "A" }, Marks(done));
        Assert.Equal("acme", done.TenantId);
        Assert.Equal(new[] { globex.Id }, (await fx.Engine.QueryAsync(new InstanceQuery { TenantId = "globex" })).Select(i => i.Id));
        Assert.Equal(2, (await fx.Engine.QueryAsync(new InstanceQuery())).Count);
    }

    [Fact]
    public async Task Undeploying_a_tenants_deployment_leaves_the_other_tenants_deployment_of_the_same_name()
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, DeploymentFixture.A, tenant: "acme"));
        await fx.DeployAsync(fx.Write(1, DeploymentFixture.B, tenant: "globex"));

        await fx.Engine.UndeployAsync(TestDeployment.Name, "acme");

        Assert.False(fx.Registry.LatestFor("acme").ContainsKey("order"));
        Assert.Equal("globex", (await fx.Engine.StartAsync("order")).TenantId);   // now the only one
        var undeployed = fx.Events.Single(e => e.Kind == DeploymentEventKind.Undeployed);
        Assert.Equal(("acme", TestDeployment.Name), (undeployed.TenantId, undeployed.Name));
    }

    [Fact]
    public async Task Resume_false_by_key_does_not_reach_another_tenants_versions()
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, DeploymentFixture.A, tenant: "acme"));
        var acme = await fx.Engine.StartAsync("order", tenantId: "acme");

        await fx.DeployAsync(fx.Write(1, DeploymentFixture.B, tenant: "globex", settings: new ManifestSettings { ResumePreviousVersions = false }));

        Assert.True(fx.Registry.IsResumed(TestDeployment.Name, 1, "acme"));
        Assert.Equal(InstanceStatus.Completed, (await fx.Engine.CompleteAsync(acme.Id, "Review")).Status);
    }

    [Fact]
    public async Task Rollback_is_per_tenant()
    {
        using var fx = new DeploymentFixture();
        await fx.DeployAsync(fx.Write(1, DeploymentFixture.A, tenant: "acme"));
        await fx.DeployAsync(fx.Write(2, DeploymentFixture.B, tenant: "acme"));
        await fx.DeployAsync(fx.Write(2, DeploymentFixture.B, tenant: "globex"));

        await fx.Engine.RollbackAsync(TestDeployment.Name, 1, "acme");

        Assert.Equal(1, fx.Registry.LatestFor("acme")["order"].Version);
        Assert.Equal(2, fx.Registry.LatestFor("globex")["order"].Version);
        await Assert.ThrowsAsync<FlowDeploymentException>(() => fx.Engine.RollbackAsync(TestDeployment.Name, 1, "globex"));
    }

    [Theory]
    [InlineData("acme/x")]
    [InlineData("")]
    [InlineData("a b")]
    public async Task A_manifest_with_an_invalid_tenant_id_is_FLOW6341(string tenant)
    {
        using var fx = new DeploymentFixture();

        var refused = await Assert.ThrowsAsync<FlowDeploymentException>(() => fx.DeployAsync(fx.Write(1, DeploymentFixture.A, tenant: tenant, folder: "bad")));

        Assert.Equal("FLOW6341", refused.Id);
        Assert.Empty(fx.Registry.Versions);
    }

    [Fact]
    public async Task A_name_without_tenant_may_not_take_the_prefix_of_tenants_stored_names()
    {
        using var fx = new DeploymentFixture();

        var refused = await Assert.ThrowsAsync<FlowDeploymentException>(() => fx.DeployAsync(fx.Write(1, DeploymentFixture.A, name: "tenant:acme/Shop.Flows", folder: "bad")));

        Assert.Equal("FLOW6341", refused.Id);
    }
}
