using Flow.Instances;
using Flow.Jobs;
using Flow.Runtime.PostgreSql.Tests.Infrastructure;

namespace Flow.Runtime.PostgreSql.Tests;

/// <summary>The job runner's <see cref="IJobStore"/> contract (tests/Shared, also run in memory and on SQLite) on a fresh database.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class SharedJobStoreContractTests(PostgreSqlFixture fixture) : Flow.Tests.Shared.JobStoreContract
{
    protected override Task<IJobStore> CreateStoreAsync() => Task.FromResult<IJobStore>(new PostgreSqlInstanceStore(fixture.NewDatabase()));
}
