using Flow.Instances;
using Flow.Runtime.PostgreSql.Tests.Infrastructure;
using Flow.Tests.Shared;

namespace Flow.Runtime.PostgreSql.Tests;

/// <summary><see cref="StoredKeyContract"/> on a real PostgreSQL server (its btree index on the subscriptions' key holds about 2.7 KB a row).</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlStoredKeyTests(PostgreSqlFixture fixture) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("flow-pg-keys-").FullName;

    [Fact]
    public async Task Keys_over_the_limit_are_FLOW6325_before_anything_is_stored()
    {
        using var store = new PostgreSqlInstanceStore(fixture.NewDatabase());
        await StoredKeyContract.RefusesKeysOverTheLimitBeforeStoringAsync(store, _root);
    }

    [Fact]
    public async Task Keys_at_the_limit_and_with_control_characters_are_stored_and_matched_exactly()
    {
        using var store = new PostgreSqlInstanceStore(fixture.NewDatabase());
        await StoredKeyContract.StoresAndMatchesKeysAtTheLimitAndWithControlCharactersAsync(store, _root);
    }

    [Fact]
    public async Task Unstorable_keys_are_FLOW6326_and_hostile_correlations_are_refused()
    {
        using var store = new PostgreSqlInstanceStore(fixture.NewDatabase());
        await StoredKeyContract.RefusesUnstorableKeysAndHostileCorrelationsAsync(store, _root);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
