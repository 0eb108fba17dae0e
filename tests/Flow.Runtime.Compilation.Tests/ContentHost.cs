using System.Text.Json.Nodes;
using Flow.Compilation;
using Flow.Deployment;
using Flow.Engine;
using Flow.Instances;
using Microsoft.Extensions.DependencyInjection;

namespace Flow.Runtime.Compilation.Tests;

/// <summary>A registry with the host's handlers, an engine, a content deployer, and every event they raise.</summary>
internal sealed class ContentHost
{
    public ContentHost(IServiceCollection? services = null, Flow.Deployment.Storage.IDeploymentStore? store = null, string node = "A", ManifestTrust? trust = null)
    {
        services ??= new ServiceCollection();
        services.AddFlowHandler("checkStock", (context, _) =>
        {
            context.Data["inStock"] = context.Data["sku"]?.GetValue<string>() != "desk";
            return default;
        });
        Registry = new DeploymentRegistry { HandlerServices = services.BuildServiceProvider(), DeploymentStore = store, NodeId = node, ManifestTrust = trust ?? ManifestTrust.None };
        Registry.Changed += e => { lock (Events) { Events.Add(e); } };
        Engine = new FlowEngine(Registry, new InMemoryInstanceStore());
        Deployer = new ContentDeployer(Registry);
        Deployer.CompilationCompleted += e => { lock (Completed) { Completed.Add(e); } };
        Deployer.CompilationFailed += e => { lock (Failed) { Failed.Add(e); } };
    }

    public DeploymentRegistry Registry { get; }

    public FlowEngine Engine { get; }

    public ContentDeployer Deployer { get; }

    public List<DeploymentEvent> Events { get; } = new();

    public List<CompilationCompleted> Completed { get; } = new();

    public List<CompilationFailed> Failed { get; } = new();

    /// <summary>Starts an order and returns its status and data.</summary>
    public async Task<(InstanceStatus Status, JsonNode Data, int Version)> OrderAsync(string sku, decimal amount, string key = "order")
    {
        var started = await Engine.StartAsync(key, $$"""{"sku":"{{sku}}","amount":{{amount}}}""").WaitAsync(TimeSpan.FromSeconds(30));
        return (started.Status, JsonNode.Parse(started.DataJson)!, started.DeploymentVersion);
    }
}
