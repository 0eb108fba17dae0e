using Microsoft.Data.Sqlite;

namespace Flow.Runtime.Sqlite.Tests;

/// <summary>Raw SQL against a flows file, beside the store (its own unpooled connection).</summary>
internal static class SqlFile
{
    public static object? Scalar(string file, string sql)
    {
        using var connection = Connect(file);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public static void Execute(string file, string sql)
    {
        using var connection = Connect(file);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>The detail column of EXPLAIN QUERY PLAN, one line per step.</summary>
    public static List<string> Plan(string file, string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = Connect(file);
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        using var reader = command.ExecuteReader();
        var steps = new List<string>();
        while (reader.Read())
        {
            steps.Add(reader.GetString(3));
        }

        return steps;
    }

    private static SqliteConnection Connect(string file)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
