using System.Net;
using Flow.Cockpit.Tests.Infrastructure;
using Flow.Instances;
using Microsoft.Extensions.DependencyInjection;

namespace Flow.Cockpit.Tests.Api;

/// <summary>
/// An instance removed between the cockpit's look-up and the engine's command (redteam6: a
/// retention sweep, an undeploy with deleteUponUndeploy, another node): the command's "No instance"
/// is FLOW6401 (404) like any unknown id, not a server error.
/// </summary>
public sealed class VanishingInstanceTests
{
    [Theory]
    [InlineData("complete")]
    [InlineData("migrate")]
    [InlineData("abort")]
    public async Task An_instance_removed_after_the_look_up_is_FLOW6401_not_a_server_error(string command)
    {
        var store = new VanishingStore(new InMemoryInstanceStore());
        await using var factory = new CockpitFactory { ConfigureServices = services => services.AddSingleton<IInstanceStore>(store) };
        var id = (await factory.StartOrdersAsync(1))[0];
        store.RemoveOnSecondLoadOf(id);
        var path = command == "complete" ? $"/flows/api/instances/{id}/complete/Task_Approve" : $"/flows/api/instances/{id}/{command}";

        var detail = Http.AssertProblem(await factory.As("operator").PostAsync(path, "{}", HttpStatusCode.NotFound), "FLOW6401", 404);

        Assert.Contains(id, detail, StringComparison.Ordinal);
        Assert.Null(await store.LoadAsync(id));
    }

    /// <summary>Loads an armed instance once (the cockpit's look-up), then deletes it before the next load (the engine's).</summary>
    private sealed class VanishingStore(IInstanceStore inner) : IInstanceStore
    {
        private string? _id;
        private int _loads;

        public void RemoveOnSecondLoadOf(string id) => (_id, _loads) = (id, 0);

        public async ValueTask<StoredInstance?> LoadAsync(string id, CancellationToken cancellationToken = default)
        {
            if (id == _id && Interlocked.Increment(ref _loads) == 2)
            {
                await inner.DeleteAsync(id, cancellationToken);
            }

            return await inner.LoadAsync(id, cancellationToken);
        }

        public ValueTask<bool> TrySaveAsync(StoredInstance instance, long expectedRevision, CancellationToken cancellationToken = default) => inner.TrySaveAsync(instance, expectedRevision, cancellationToken);

        public ValueTask<IReadOnlyList<StoredInstance>> QueryAsync(InstanceQuery query, CancellationToken cancellationToken = default) => inner.QueryAsync(query, cancellationToken);

        public ValueTask<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) => inner.DeleteAsync(id, cancellationToken);
    }
}
