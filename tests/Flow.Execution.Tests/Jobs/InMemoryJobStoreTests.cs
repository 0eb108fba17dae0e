using Flow.Instances;
using Flow.Jobs;
using Flow.Tests.Shared;

namespace Flow.Execution.Tests.Jobs;

/// <summary>The IJobStore contract on the in-memory store.</summary>
public class InMemoryJobStoreTests : JobStoreContract
{
    protected override Task<IJobStore> CreateStoreAsync() => Task.FromResult<IJobStore>(new InMemoryInstanceStore());
}
