using Flow.Jobs;

namespace Flow.Runtime.Sqlite.Tests.Jobs;

/// <summary>The job runner's <see cref="IJobStore"/> contract (tests/Shared, also run in memory and on PostgreSQL) on a SQLite file.</summary>
public sealed class SharedJobStoreContractTests : Flow.Tests.Shared.JobStoreContract, IDisposable
{
    private readonly List<TempDatabase> _databases = new();

    public void Dispose() => _databases.ForEach(d => d.Dispose());

    protected override Task<IJobStore> CreateStoreAsync()
    {
        var database = new TempDatabase();
        _databases.Add(database);
        return Task.FromResult<IJobStore>(database.Open());
    }
}
