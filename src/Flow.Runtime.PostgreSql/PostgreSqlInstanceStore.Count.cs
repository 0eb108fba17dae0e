using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Flow.Instances;

/// <summary>How many instances match a query: one COUNT(*), no row read (the cockpit's total beside a page).</summary>
public sealed partial class PostgreSqlInstanceStore
{
    /// <inheritdoc/>
    public ValueTask<int> CountAsync(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var now = Microseconds(_time.GetUtcNow());
        return new(_database.RunAsync("count", async connection =>
        {
            var count = new NpgsqlBatchCommand();
            var sql = new StringBuilder("SELECT COUNT(*) FROM flow_instances AS i WHERE true");
            AppendFilters(sql, count.Parameters, query);
            count.CommandText = sql.Append(';').ToString();

            // retention first, in the same round trip, as for a query: the count is of what a query would return
            await using var batch = new NpgsqlBatch(connection);
            AddRetention(batch, now);
            batch.BatchCommands.Add(count);
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            long total = 0;
            do
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    total = reader.GetInt64(0);   // the retention's commands return no rows: only the count's
                }
            }
            while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false));

            return (int)Math.Min(total, int.MaxValue);
        }, cancellationToken));
    }
}
