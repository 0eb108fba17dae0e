using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace Flow.Instances;

/// <summary>How many instances match a query: one COUNT(*), no row read (the cockpit's total beside a page).</summary>
public sealed partial class SqliteInstanceStore
{
    /// <inheritdoc/>
    public ValueTask<int> CountAsync(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return UseAsync(query, CountAsync, cancellationToken);
    }

    private async ValueTask<int> CountAsync(SqliteConnection connection, InstanceQuery query, CancellationToken cancellationToken)
    {
        await PurgeIfDueAsync(connection, cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        var sql = new StringBuilder("SELECT COUNT(*) FROM flow_instances WHERE 1 = 1");
        AppendFilters(sql, command, query);
        command.CommandText = sql.Append(';').ToString();
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }
}
