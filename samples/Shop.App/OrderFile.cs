using Flow;
using Flow.Instances;

namespace Shop.App;

/// <summary>
/// Instances kept in a SQLite file between runs of the process class, in the rows the engine
/// writes (state: <see cref="IFlowInstance.ToJson"/>). Each save passes the revision it loaded,
/// so a stale writer is refused instead of overwriting.
/// </summary>
internal sealed class OrderFile(string path, ProcessDescription definition) : IDisposable
{
    // This app runs the class in-process, not through deployments: one library, version 1.
    private const string Library = "Shop.Flows";

    private readonly SqliteInstanceStore _store = new(path);

    public string Path => _store.Path;

    /// <summary>Saves <paramref name="instance"/> over the revision it was loaded at (0: new); returns the new revision.</summary>
    public async Task<long> SaveAsync(IFlowInstance instance, long loadedRevision)
    {
        var stored = new StoredInstance(instance.Id, definition.Key, Library, 1, definition.DefinitionHash, instance.Status, instance.ToJson(), loadedRevision)
        {
            Ended = instance.HasEnded,
        };
        if (!await _store.TrySaveAsync(stored, loadedRevision))
        {
            throw new InvalidOperationException($"Instance {instance.Id} was changed by someone else since revision {loadedRevision}.");
        }

        return loadedRevision + 1;
    }

    public ValueTask<IReadOnlyList<StoredInstance>> WaitingAsync() =>
        _store.QueryAsync(new InstanceQuery(ProcessKey: definition.Key, Status: InstanceStatus.Waiting));

    /// <summary>Closes the file (its pooled connections), as a stopping process would.</summary>
    public void Dispose() => _store.Dispose();
}
