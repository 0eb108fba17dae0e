using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Flow.Instances;

/// <summary>
/// Ended instances as history. They stay in flow_instances (not a table of their own) until the
/// retention removes them: an instance that failed can be retried and run again, which would
/// otherwise move a row between tables and back, and the revision check of a save would have to
/// span both; a load or the engine's <c>GetAsync</c> of an ended instance stays one lookup. The
/// (ended, ended_at) index makes the history a range of that index.
/// </summary>
public sealed partial class SqliteInstanceStore
{
    /// <summary>Ended instances matching <paramref name="query"/>, latest-ended first, with their timestamps (after applying the retention).</summary>
    public ValueTask<IReadOnlyList<InstanceHistoryEntry>> QueryHistoryAsync(InstanceHistoryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit);
        return UseAsync(query, async (connection, query, ct) =>
        {
            await PurgeIfDueAsync(connection, ct).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            var sql = new StringBuilder($"SELECT {Columns}, created_at, updated_at FROM flow_instances WHERE ended = 1");
            if (query.ProcessKey is not null)
            {
                sql.Append(" AND process_key = $process_key");
                command.Parameters.AddWithValue("$process_key", query.ProcessKey);
            }

            if (query.EndedFrom is { } from)
            {
                sql.Append(" AND ended_at >= $from");
                command.Parameters.AddWithValue("$from", FormatTime(from));
            }

            if (query.EndedBefore is { } before)
            {
                sql.Append(" AND ended_at < $before");
                command.Parameters.AddWithValue("$before", FormatTime(before));
            }

            command.CommandText = sql.Append(" ORDER BY ended_at DESC, id LIMIT $limit;").ToString();
            command.Parameters.AddWithValue("$limit", query.Limit);
            var history = new List<InstanceHistoryEntry>();
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                var instance = Read(reader);
                history.Add(new InstanceHistoryEntry(instance, ParseTime(reader.GetString(13)), ParseTime(reader.GetString(14)), instance.EndedAt!.Value));
            }

            return (IReadOnlyList<InstanceHistoryEntry>)history;
        }, cancellationToken);
    }
}
