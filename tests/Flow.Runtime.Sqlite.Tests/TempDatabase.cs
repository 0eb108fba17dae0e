using Flow.Instances;

namespace Flow.Runtime.Sqlite.Tests;

/// <summary>A temp folder holding a flows file; stores opened through it are disposed (pool cleared) before the folder goes.</summary>
internal sealed class TempDatabase : IDisposable
{
    private readonly List<SqliteInstanceStore> _stores = new();

    public TempDatabase()
    {
        Folder = Path.Combine(Path.GetTempPath(), "flow-sqlite-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        File = Path.Combine(Folder, "flows.db");
    }

    public string Folder { get; }

    public string File { get; }

    public SqliteInstanceStore Open(TimeProvider? time = null) => Open(InstanceRetention.Default, time);

    public SqliteInstanceStore Open(InstanceRetention retention, TimeProvider? time = null)
    {
        var store = new SqliteInstanceStore(File, retention, time);
        lock (_stores)
        {
            _stores.Add(store);
        }

        return store;
    }

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // a handle still closing; a temp folder left behind is harmless
        }
    }
}
