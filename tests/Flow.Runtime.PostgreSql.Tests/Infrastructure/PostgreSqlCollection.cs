namespace Flow.Runtime.PostgreSql.Tests.Infrastructure;

/// <summary>One PostgreSQL server for the whole test run; the classes of the collection run one after the other on it.</summary>
[CollectionDefinition(Name)]
public sealed class PostgreSqlCollection : ICollectionFixture<PostgreSqlFixture>
{
    public const string Name = "PostgreSQL";
}

/// <summary>Starts the run's server once (failing plainly when PostgreSQL is not installed), stops and deletes it at the end.</summary>
public sealed class PostgreSqlFixture : IDisposable
{
    public PostgreSqlServer Server { get; } = PostgreSqlServer.StartNew();

    /// <summary>A fresh, empty database on the run's server.</summary>
    public string NewDatabase() => Server.CreateDatabase();

    public void Dispose() => Server.Dispose();
}
