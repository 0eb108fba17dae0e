using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Flow.Jobs;
using Npgsql;

namespace Flow.Instances;

/// <summary>
/// The store's jobs (flow_jobs): those saved with instances and those of no instance. Acquiring
/// leases due rows with <c>FOR UPDATE SKIP LOCKED</c>, so nodes asking at once never get the same
/// job and never wait on each other; completing or failing checks that the caller still holds
/// the lease (owner and expiry), so a node whose lease was taken over cannot undo the new owner's work.
/// </summary>
public sealed partial class PostgreSqlInstanceStore
{
    /// <inheritdoc/>
    public ValueTask ScheduleAsync(ScheduledJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new(_database.RunAsync("schedule job", async connection =>
        {
            // replaces a job of the same id whole: due again, nobody holds it. Its instance is
            // marked as one that has children (has_children), so its next save that lists no
            // jobs deletes this one instead of skipping the delete (as before the flag, a save
            // running at the same moment may not see the new job; the next save removes it).
            await using var command = new NpgsqlCommand(
                """
                WITH marked AS (UPDATE flow_instances SET has_children = true WHERE id = $4 AND NOT has_children)
                INSERT INTO flow_jobs (id, kind, due_at, instance_id, node_id, payload, attempts, last_error, runnable, lease_owner, lease_expires_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, true, NULL, NULL)
                ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind, due_at = EXCLUDED.due_at, instance_id = EXCLUDED.instance_id,
                    node_id = EXCLUDED.node_id, payload = EXCLUDED.payload, attempts = EXCLUDED.attempts, last_error = EXCLUDED.last_error,
                    runnable = true, lease_owner = NULL, lease_expires_at = NULL;
                """,
                connection)
            {
                Parameters =
                {
                    Text(job.Id), Text(job.Kind), Time(job.DueAt), NullableText(job.InstanceId), NullableText(job.NodeId),
                    NullableText(job.Payload), new NpgsqlParameter<int> { TypedValue = job.Attempts }, NullableText(job.LastError),
                },
            };
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken));
    }

    /// <inheritdoc/>
    public ValueTask<bool> CancelAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        return new(_database.RunAsync("cancel job", async connection =>
        {
            await using var command = new NpgsqlCommand("DELETE FROM flow_jobs WHERE id = $1;", connection) { Parameters = { Text(jobId) } };
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }, cancellationToken));
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<LeasedJob>> AcquireDueAsync(string owner, DateTimeOffset now, TimeSpan leaseDuration, int max, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        var at = Microseconds(now);
        var expires = Microseconds(now + leaseDuration);
        return new(_database.RunAsync("acquire jobs", async connection =>
        {
            // Rows another node is leasing right now are skipped, not waited for; a row leased
            // after this statement's snapshot is re-checked on the latest version when locked, so
            // its fresh lease excludes it.
            await using var command = new NpgsqlCommand(
                $"""
                UPDATE flow_jobs AS j SET lease_owner = $1, lease_expires_at = $3
                FROM (SELECT id FROM flow_jobs
                      WHERE runnable AND due_at <= $2 AND (lease_owner IS NULL OR lease_expires_at <= $2)
                      ORDER BY due_at, id LIMIT $4
                      FOR UPDATE SKIP LOCKED) AS due
                WHERE j.id = due.id
                RETURNING {string.Join(", ", JobColumns.Split(", ").Select(c => "j." + c))};
                """,
                connection)
            {
                Parameters = { Text(owner), Time(at), Time(expires), new NpgsqlParameter<int> { TypedValue = max } },
            };
            var leased = new List<LeasedJob>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                leased.Add(new LeasedJob(ReadJob(reader), owner, expires));
            }

            return (IReadOnlyList<LeasedJob>)leased.OrderBy(l => l.Job.DueAt).ThenBy(l => l.Job.Id, StringComparer.Ordinal).ToList();
        }, cancellationToken));
    }

    /// <inheritdoc/>
    public ValueTask<bool> CompleteAsync(LeasedJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new(_database.RunAsync("complete job", async connection =>
        {
            await using var command = new NpgsqlCommand("DELETE FROM flow_jobs WHERE id = $1 AND lease_owner = $2 AND lease_expires_at = $3;", connection)
            {
                Parameters = { Text(job.Job.Id), Text(job.Owner), Time(job.LeaseExpiresAt) },
            };
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }, cancellationToken));
    }

    /// <inheritdoc/>
    public ValueTask<bool> FailAsync(LeasedJob job, DateTimeOffset? retryAt, string error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(error);
        return new(_database.RunAsync("fail job", async connection =>
        {
            // without a retry time the job stays, not runnable, for an operator to see
            await using var command = new NpgsqlCommand(
                """
                UPDATE flow_jobs SET lease_owner = NULL, lease_expires_at = NULL, attempts = attempts + 1, last_error = $4,
                    due_at = COALESCE($5, due_at), runnable = $5 IS NOT NULL
                WHERE id = $1 AND lease_owner = $2 AND lease_expires_at = $3;
                """,
                connection)
            {
                Parameters = { Text(job.Job.Id), Text(job.Owner), Time(job.LeaseExpiresAt), Text(error), Time(retryAt) },
            };
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }, cancellationToken));
    }

    /// <inheritdoc/>
    public ValueTask<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default) =>
        new(_database.RunAsync("next due job", async connection =>
        {
            await using var command = new NpgsqlCommand("SELECT min(due_at) FROM flow_jobs WHERE runnable;", connection);
            var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return value is DateTime due ? new DateTimeOffset(DateTime.SpecifyKind(due, DateTimeKind.Utc)) : (DateTimeOffset?)null;
        }, cancellationToken));

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<ScheduledJob>> ListAsync(string? instanceId = null, CancellationToken cancellationToken = default) =>
        new(_database.RunAsync("list jobs", async connection =>
        {
            await using var command = new NpgsqlCommand(
                $"SELECT {JobColumns} FROM flow_jobs WHERE $1::text IS NULL OR instance_id = $1 ORDER BY due_at, id;", connection)
            {
                Parameters = { NullableText(instanceId) },
            };
            var jobs = new List<ScheduledJob>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                jobs.Add(ReadJob(reader));
            }

            return (IReadOnlyList<ScheduledJob>)jobs;
        }, cancellationToken));

    private static NpgsqlParameter NullableText(string? value) =>
        new NpgsqlParameter<string?> { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text, TypedValue = value };
}
