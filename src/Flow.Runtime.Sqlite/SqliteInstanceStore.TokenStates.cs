using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace Flow.Instances;

/// <summary>
/// The states token counts read (<see cref="ITokenStateSource"/>): five columns of the key's
/// instances that are not ended or failed, in one SELECT over the (process_key, status) index,
/// without the jobs and subscriptions subqueries and the ORDER BY of <see cref="QueryAsync(InstanceQuery, CancellationToken)"/>.
/// </summary>
public sealed partial class SqliteInstanceStore : ITokenStateSource
{
    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<TokenState>> QueryTokenStatesAsync(string processKey, int? deploymentVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(processKey);
        return UseAsync((processKey, deploymentVersion), QueryTokenStatesAsync, cancellationToken);
    }

    private async ValueTask<IReadOnlyList<TokenState>> QueryTokenStatesAsync(SqliteConnection connection, (string Key, int? Version) filter, CancellationToken cancellationToken)
    {
        await PurgeIfDueAsync(connection, cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT deployment_name, deployment_version, status, ended, state_json FROM flow_instances
            WHERE process_key = $key AND ($version IS NULL OR deployment_version = $version) AND (ended = 0 OR status = 'Failed');
            """;
        command.Parameters.AddWithValue("$key", filter.Key);
        command.Parameters.AddWithValue("$version", (object?)filter.Version ?? DBNull.Value);
        var result = new List<TokenState>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(new TokenState(reader.GetString(0), reader.GetInt32(1), Enum.Parse<InstanceStatus>(reader.GetString(2)), reader.GetInt64(3) != 0, reader.GetString(4)));
        }

        return result;
    }
}
