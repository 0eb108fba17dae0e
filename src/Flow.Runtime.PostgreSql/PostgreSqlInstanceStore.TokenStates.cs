using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Flow.Instances;

/// <summary>
/// The states token counts read (<see cref="ITokenStateSource"/>): five columns of the key's
/// instances that are not ended or failed, in one SELECT (after the retention, in the same round
/// trip as a query), without the jobs and subscriptions round trip and the ORDER BY of
/// <see cref="QueryAsync(InstanceQuery, CancellationToken)"/>.
/// </summary>
public sealed partial class PostgreSqlInstanceStore : ITokenStateSource
{
    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<TokenState>> QueryTokenStatesAsync(string processKey, int? deploymentVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(processKey);
        var now = Microseconds(_time.GetUtcNow());
        return new(_database.RunAsync("token states", async connection =>
        {
            await using var batch = new NpgsqlBatch(connection);
            AddRetention(batch, now);
            batch.BatchCommands.Add(Command(
                """
                SELECT deployment_name, deployment_version, status, ended, state_json FROM flow_instances
                WHERE process_key = $1 AND ($2::integer IS NULL OR deployment_version = $2) AND (NOT ended OR status = 'Failed');
                """,
                Text(processKey),
                new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer, Value = (object?)deploymentVersion ?? DBNull.Value }));
            var result = new List<TokenState>();
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            do
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    result.Add(new TokenState(reader.GetString(0), reader.GetInt32(1), Enum.Parse<InstanceStatus>(reader.GetString(2)), reader.GetBoolean(3), reader.GetString(4)));
                }
            }
            while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false));

            return (IReadOnlyList<TokenState>)result;
        }, cancellationToken));
    }
}
