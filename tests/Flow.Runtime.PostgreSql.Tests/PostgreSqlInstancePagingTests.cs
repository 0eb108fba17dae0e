using Flow.Instances;
using Flow.Runtime.PostgreSql.Tests.Infrastructure;
using Flow.Tests.Shared;

namespace Flow.Runtime.PostgreSql.Tests;

/// <summary><see cref="InstancePagingContract"/> on a real PostgreSQL server (id is text COLLATE "C": UTF-8 byte order).</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlInstancePagingTests(PostgreSqlFixture fixture)
{
    [Fact]
    public async Task Keyset_pages_walk_the_store_order_without_gaps_or_repeats()
    {
        using var store = new PostgreSqlInstanceStore(fixture.NewDatabase());
        await InstancePagingContract.KeysetPagesWalkTheStoreOrderWithoutGapsOrRepeatsAsync(store, utf8Order: true);
    }

    [Fact]
    public async Task Offsets_filters_and_counts_agree_with_the_full_query()
    {
        using var store = new PostgreSqlInstanceStore(fixture.NewDatabase());
        await InstancePagingContract.OffsetsFiltersAndCountsAgreeWithTheFullQueryAsync(store, utf8Order: true);
    }
}
