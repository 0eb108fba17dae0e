using Flow.Instances;
using Flow.Runtime.PostgreSql.Tests.Infrastructure;
using Flow.Tests.Shared;

namespace Flow.Runtime.PostgreSql.Tests;

/// <summary>Token counts through <see cref="ITokenStateSource"/> on a real PostgreSQL database match the query path.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlTokenCountTests(PostgreSqlFixture fixture)
{
    private readonly string _database = fixture.NewDatabase();

    [Fact]
    public async Task Counts_from_token_states_match_the_query_path()
    {
        await using var store = new PostgreSqlInstanceStore(_database);
        await TokenCountContract.CountsMatchTheQueryPathAsync(store);
    }
}
