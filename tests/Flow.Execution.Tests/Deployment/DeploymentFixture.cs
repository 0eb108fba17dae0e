using Flow.Deployment;
using Flow.Engine;
using Flow.Execution.Tests.Infrastructure;
using Flow.Instances;

namespace Flow.Execution.Tests.Deployment;

/// <summary>A temp deployment root, a registry, a store and an engine, plus the two compiled variants A and B.</summary>
internal sealed class DeploymentFixture : IDisposable
{
    private static readonly Lazy<byte[]> VariantA = new(() => TestDeployment.Compile("A"));
    private static readonly Lazy<byte[]> VariantB = new(() => TestDeployment.Compile("B"));

    public DeploymentFixture(Func<string, IFlowProcess, CancellationToken, ValueTask<bool>>? healthCheck = null)
    {
        Root = Path.Combine(Path.GetTempPath(), "flow-deploy-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        Registry = new DeploymentRegistry(healthCheck: healthCheck);
        Registry.Changed += e => { lock (Events) { Events.Add(e); } };
        Engine = new FlowEngine(Registry, Store);
    }

    public static byte[] A => VariantA.Value;

    public static byte[] B => VariantB.Value;

    public string Root { get; }

    public DeploymentRegistry Registry { get; }

    public InMemoryInstanceStore Store { get; } = new();

    public FlowEngine Engine { get; }

    public List<DeploymentEvent> Events { get; } = new();

    public string Write(int version, byte[] assembly, ManifestSettings? settings = null, string? folder = null, string name = TestDeployment.Name, string? tenant = null) =>
        TestDeployment.Write(Root, version, assembly, settings, folder, name, tenant);

    public Task<IReadOnlyList<DeployedVersion>> DeployAsync(params string[] folders) => Engine.DeployAsync(folders);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // a watcher may still hold the folder on some systems; the temp folder is harmless
        }
    }
}
