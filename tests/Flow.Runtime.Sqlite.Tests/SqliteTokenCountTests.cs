using Flow.Tests.Shared;

namespace Flow.Runtime.Sqlite.Tests;

/// <summary>Token counts through <see cref="Flow.Instances.ITokenStateSource"/> on a real SQLite file match the query path.</summary>
public sealed class SqliteTokenCountTests
{
    [Fact]
    public async Task Counts_from_token_states_match_the_query_path()
    {
        using var db = new TempDatabase();
        await TokenCountContract.CountsMatchTheQueryPathAsync(db.Open());
    }
}
