using Flow.Compilation;
using Flow.Deployment;
using Flow.Deployment.Storage;

namespace Flow.Runtime.Compilation.Tests;

public class ContentVersionTakenTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task When_other_deployers_keep_taking_the_version_the_refusal_gives_advice_for_content_not_for_builds()
    {
        var store = new EveryVersionTakenStore();
        var host = new ContentHost(store: store);

        var error = await Assert.ThrowsAsync<FlowDeploymentException>(() => host.Deployer.DeployAsync("order", OrderDiagrams.Order()).WaitAsync(Limit));

        Assert.Equal("FLOW6152", error.Id);
        Assert.Contains("'order'", error.Message);
        Assert.Contains("Submit the content again", error.Message);
        Assert.DoesNotContain("flow-lock.json", error.Message);
        Assert.Equal("FLOW6143", Assert.IsType<FlowDeploymentException>(error.InnerException).Id);
        Assert.Equal(4, store.Attempts);
        Assert.Empty(host.Registry.Latest);
        Assert.Equal("FLOW6152", ((FlowDeploymentException)Assert.Single(host.Failed).Error).Id);
    }

    [Fact]
    public async Task An_incremental_deployment_whose_version_is_taken_says_so_for_content()
    {
        var host = new ContentHost(store: new EveryVersionTakenStore());

        var error = await Assert.ThrowsAsync<FlowDeploymentException>(() => host.Deployer.DeployIncrementalAsync("shop", new[] { new BpmnContent("order", OrderDiagrams.Order()) }).WaitAsync(Limit));

        Assert.Equal("FLOW6152", error.Id);
        Assert.DoesNotContain("flow-lock.json", error.Message);
    }

    /// <summary>A store where another node always stored the version first (FLOW6143 on every save).</summary>
    private sealed class EveryVersionTakenStore : IDeploymentStore
    {
        private readonly InMemoryDeploymentStore _inner = new();

        public int Attempts { get; private set; }

        public ValueTask<DeploymentAction> SaveAsync(StoredDeployment deployment, string? node = null, CancellationToken cancellationToken = default)
        {
            Attempts++;
            throw FlowDeploymentException.StoredVersionConflict(deployment.Name, deployment.Version);
        }

        public ValueTask<DeploymentAction> AppendAsync(DeploymentActionKind kind, string name, int version, string? node = null, CancellationToken cancellationToken = default) =>
            _inner.AppendAsync(kind, name, version, node, cancellationToken);

        public ValueTask<IReadOnlyList<DeploymentAction>> ActionsAsync(long afterSequence = 0, CancellationToken cancellationToken = default) =>
            _inner.ActionsAsync(afterSequence, cancellationToken);

        public ValueTask<StoredDeployment?> LoadAsync(string name, int version, CancellationToken cancellationToken = default) =>
            _inner.LoadAsync(name, version, cancellationToken);
    }
}
