using Flow.Tests.Shared;

namespace Flow.Runtime.Sqlite.Tests;

/// <summary><see cref="StoredKeyContract"/> over a real SQLite file.</summary>
public sealed class SqliteStoredKeyTests
{
    [Fact]
    public async Task Keys_over_the_limit_are_FLOW6325_before_anything_is_stored()
    {
        using var db = new TempDatabase();
        await StoredKeyContract.RefusesKeysOverTheLimitBeforeStoringAsync(db.Open(), db.Folder);
    }

    [Fact]
    public async Task Keys_at_the_limit_and_with_control_characters_are_stored_and_matched_exactly()
    {
        using var db = new TempDatabase();
        await StoredKeyContract.StoresAndMatchesKeysAtTheLimitAndWithControlCharactersAsync(db.Open(), db.Folder);
    }

    [Fact]
    public async Task Unstorable_keys_are_FLOW6326_and_hostile_correlations_are_refused()
    {
        using var db = new TempDatabase();
        await StoredKeyContract.RefusesUnstorableKeysAndHostileCorrelationsAsync(db.Open(), db.Folder);
    }
}
