using System.Text.Json;
using Flow.Deployment;
using Flow.Engine;
using Flow.Execution.Tests.Infrastructure;
using Flow.Hosting;
using Flow.Instances;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Flow.Execution.Tests.Deployment;

/// <summary>Several named engines in one host (issue 16, Camunda's processes.xml with several process engines): each with its own registry, store and deployment root.</summary>
public class NamedEnginesTests
{
    [Fact]
    public async Task A_host_runs_two_named_engines_each_with_its_own_deployments_and_instances()
    {
        var billingRoot = Path.Combine(Path.GetTempPath(), "flow-billing-" + Guid.NewGuid().ToString("N"));
        var shippingRoot = Path.Combine(Path.GetTempPath(), "flow-shipping-" + Guid.NewGuid().ToString("N"));
        TestDeployment.Write(billingRoot, 1, DeploymentFixture.A);
        TestDeployment.Write(shippingRoot, 1, DeploymentFixture.B);
        var provider = new ServiceCollection()
            .AddFlowEngine("billing", o => { o.DeploymentRoot = billingRoot; o.ExecutionLimits = ExecutionLimits.Default; })
            .AddFlowEngine("shipping", o => o.DeploymentRoot = shippingRoot)
            .BuildServiceProvider();
        var hosted = provider.GetServices<IHostedService>().ToList();
        var billing = provider.GetRequiredKeyedService<FlowEngine>("billing");
        var shipping = provider.GetRequiredKeyedService<FlowEngine>("shipping");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        foreach (var service in hosted)
        {
            await service.StartAsync(timeout.Token);
        }

        try
        {
            while (!billing.Registry.Latest.ContainsKey("order") || !shipping.Registry.Latest.ContainsKey("order"))
            {
                await Task.Delay(50, timeout.Token);
            }

            var billed = await billing.StartAsync("order");
            var shipped = await shipping.StartAsync("order");

            Assert.Equal(2, hosted.Count);
            Assert.NotSame(billing.Registry, shipping.Registry);
            Assert.Same(billing.Registry, provider.GetRequiredKeyedService<DeploymentRegistry>("billing"));
            Assert.Equal("A", Marks(billed).Single());
            Assert.Equal("B", Marks(shipped).Single());
            Assert.NotNull(await provider.GetRequiredKeyedService<IInstanceStore>("billing").LoadAsync(billed.Id));
            Assert.Null(await provider.GetRequiredKeyedService<IInstanceStore>("shipping").LoadAsync(billed.Id));
            Assert.Null(await shipping.GetAsync(billed.Id));
        }
        finally
        {
            foreach (var service in hosted)
            {
                await service.StopAsync(CancellationToken.None);
            }

            Directory.Delete(billingRoot, recursive: true);
            Directory.Delete(shippingRoot, recursive: true);
        }
    }

    private static IEnumerable<string> Marks(InstanceSnapshot snapshot) =>
        JsonDocument.Parse(snapshot.DataJson).RootElement.GetProperty("marks").EnumerateArray().Select(e => e.GetString()!);
}
