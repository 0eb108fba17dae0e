using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace Flow.Instances;

/// <summary>
/// Applies an <see cref="InstanceRetention"/> to a flows file in SQL, without reading any
/// instance's state: ended instances beyond the count go first (oldest-ended first, by
/// <c>ended_seq</c>), then those that ended before now minus the age. Instances that have not
/// ended have no <c>ended_seq</c> and <c>ended = 0</c>, so no statement here can touch them.
/// </summary>
internal sealed class SqliteRetention(InstanceRetention retention)
{
    /// <summary>True when a purge would delete something (two index seeks; no write lock).</summary>
    public async ValueTask<bool> IsDueAsync(SqliteConnection connection, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        var cutoff = Cutoff(now);
        command.CommandText = cutoff is null
            ? "SELECT (SELECT n FROM flow_ended_count WHERE id = 1) > $max;"
            : "SELECT (SELECT n FROM flow_ended_count WHERE id = 1) > $max OR EXISTS (SELECT 1 FROM flow_instances WHERE ended = 1 AND ended_at < $cutoff);";
        AddParameters(command, cutoff);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) != 0;
    }

    /// <summary>Deletes what the retention no longer keeps, inside <paramref name="transaction"/>; returns how many.</summary>
    public async ValueTask<int> ApplyAsync(SqliteConnection connection, SqliteTransaction transaction, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;

        // The subquery walks only the excess entries of the ended_seq index (none when within bounds).
        var cutoff = Cutoff(now);
        command.CommandText = CountBound + (cutoff is null ? "" : AgeBound);
        AddParameters(command, cutoff);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary><see cref="ApplyAsync"/> for the writer thread, which commits many saves at once.</summary>
    public int Apply(SqliteConnection connection, SqliteTransaction transaction, DateTimeOffset now)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var cutoff = Cutoff(now);
        command.CommandText = CountBound + (cutoff is null ? "" : AgeBound);
        AddParameters(command, cutoff);
        return command.ExecuteNonQuery();
    }

    /// <summary>Ended instances beyond the count, oldest-ended first.</summary>
    internal const string CountBound = """
        DELETE FROM flow_instances WHERE id IN (
            SELECT id FROM flow_instances WHERE ended_seq IS NOT NULL ORDER BY ended_seq
            LIMIT MAX(0, (SELECT n FROM flow_ended_count WHERE id = 1) - $max));
        """;

    /// <summary>Ended instances that ended before the cutoff (ended_at is fixed-width UTC text: text order is time order).</summary>
    internal const string AgeBound = "DELETE FROM flow_instances WHERE ended = 1 AND ended_at < $cutoff;";

    /// <summary>Now minus the age; null when there is no age bound (or it reaches before year 1).</summary>
    private string? Cutoff(DateTimeOffset now) =>
        retention.KeepEndedFor is { } keep && now - DateTimeOffset.MinValue > keep ? SqliteInstanceStore.FormatTime(now - keep) : null;

    private void AddParameters(SqliteCommand command, string? cutoff)
    {
        command.Parameters.AddWithValue("$max", retention.MaxEnded);
        if (cutoff is not null)
        {
            command.Parameters.AddWithValue("$cutoff", cutoff);
        }
    }
}
