using System;
using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Flow.Instances;

/// <summary>
/// Open connections with the load statement already compiled, for the hot read of every
/// command (load the instance). Opening a pooled connection and compiling the statement (with
/// its job and subscription subqueries) on every load cost more than running it. A connection
/// that meets an error is dropped, not returned.
/// </summary>
internal sealed class SqliteReaders : IDisposable
{
    private const int Kept = 16;
    private readonly ConcurrentBag<Reader> _idle = new();
    private readonly string _connectionString;
    private readonly string _loadSql;

    public SqliteReaders(string connectionString, string loadSql)
    {
        _connectionString = connectionString;
        _loadSql = loadSql;
    }

    /// <summary>The instance with this id (read on an idle connection), or null.</summary>
    public StoredInstance? Load(string id, Func<SqliteDataReader, StoredInstance> read)
    {
        var reader = _idle.TryTake(out var idle) ? idle : Open();
        StoredInstance? result;
        try
        {
            reader.Id.Value = id;
            using var rows = reader.Command.ExecuteReader();
            result = rows.Read() ? read(rows) : null;
        }
        catch
        {
            reader.Dispose();
            throw;
        }

        if (_idle.Count < Kept)
        {
            _idle.Add(reader);
        }
        else
        {
            reader.Dispose();
        }

        return result;
    }

    /// <summary>Closes the idle connections (the file went missing, or the store is disposed).</summary>
    public void Clear()
    {
        while (_idle.TryTake(out var reader))
        {
            reader.Dispose();
        }
    }

    public void Dispose() => Clear();

    private Reader Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            SqliteInstanceStore.Configure(connection);
            var command = connection.CreateCommand();
            command.CommandText = _loadSql;
            var id = command.Parameters.Add("$id", SqliteType.Text);
            command.Prepare();
            return new Reader(connection, command, id);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private sealed record Reader(SqliteConnection Connection, SqliteCommand Command, SqliteParameter Id) : IDisposable
    {
        public void Dispose()
        {
            Command.Dispose();
            Connection.Dispose();
        }
    }
}
