using Flow.Tests.Shared;

namespace Flow.Runtime.Sqlite.Tests;

/// <summary><see cref="InstancePagingContract"/> over a real SQLite file (ids in UTF-8 byte order: the primary key's BINARY collation).</summary>
public sealed class SqliteInstancePagingTests
{
    [Fact]
    public async Task Keyset_pages_walk_the_store_order_without_gaps_or_repeats()
    {
        using var db = new TempDatabase();
        await InstancePagingContract.KeysetPagesWalkTheStoreOrderWithoutGapsOrRepeatsAsync(db.Open(), utf8Order: true);
    }

    [Fact]
    public async Task Offsets_filters_and_counts_agree_with_the_full_query()
    {
        using var db = new TempDatabase();
        await InstancePagingContract.OffsetsFiltersAndCountsAgreeWithTheFullQueryAsync(db.Open(), utf8Order: true);
    }
}
