using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Flow.Jobs;
using Microsoft.Data.Sqlite;

namespace Flow.Instances;

/// <summary>
/// The file's jobs (table flow_jobs): those saved with instances and those of no instance, with
/// leases. A lease is (owner, expiry) in the job's row; acquiring is one BEGIN IMMEDIATE
/// transaction (the file's write lock), so two stores, also in two processes, never lease the
/// same job; completing or failing a job checks that the lease is still the caller's.
/// </summary>
public sealed partial class SqliteInstanceStore : IJobStore
{
    private const string JobColumns = "id, kind, instance_id, node_id, payload, due_at, attempts, last_error";

    /// <inheritdoc/>
    public ValueTask ScheduleAsync(ScheduledJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new(UseAsync(job, static async (connection, job, ct) =>
        {
            // Replaces by id as a new job: no lease, runnable, with the given attempts.
            await using var command = connection.CreateCommand();
            command.CommandText = $"""
                INSERT OR REPLACE INTO flow_jobs ({JobColumns}, runnable, lease_owner, lease_expires_at)
                VALUES ($id, $kind, $instance_id, $node_id, $payload, $due_at, $attempts, $last_error, 1, NULL, NULL);
                """;
            var p = command.Parameters;
            p.AddWithValue("$id", job.Id);
            p.AddWithValue("$kind", job.Kind);
            p.AddWithValue("$instance_id", (object?)job.InstanceId ?? DBNull.Value);
            p.AddWithValue("$node_id", (object?)job.NodeId ?? DBNull.Value);
            p.AddWithValue("$payload", (object?)job.Payload ?? DBNull.Value);
            p.AddWithValue("$due_at", FormatTime(job.DueAt));
            p.AddWithValue("$attempts", job.Attempts);
            p.AddWithValue("$last_error", (object?)job.LastError ?? DBNull.Value);
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken).AsTask());
    }

    /// <inheritdoc/>
    public ValueTask<bool> CancelAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        return UseAsync(jobId, static async (connection, id, ct) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM flow_jobs WHERE id = $id;";
            command.Parameters.AddWithValue("$id", id);
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
        }, cancellationToken);
    }

    /// <inheritdoc/>
    /// <remarks>One BEGIN IMMEDIATE transaction: the free due jobs are chosen and leased under the file's write lock.</remarks>
    public ValueTask<IReadOnlyList<LeasedJob>> AcquireDueAsync(string owner, DateTimeOffset now, TimeSpan leaseDuration, int max, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        var expires = now + leaseDuration;
        return UseAsync((owner, now, expires, max), static async (connection, a, ct) =>
        {
            var leased = new List<LeasedJob>();
            if (a.max == 0)
            {
                return (IReadOnlyList<LeasedJob>)leased;
            }

            await using var transaction = connection.BeginTransaction(deferred: false);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"""
                UPDATE flow_jobs SET lease_owner = $owner, lease_expires_at = $expires
                WHERE id IN (SELECT id FROM flow_jobs
                             WHERE runnable = 1 AND due_at <= $now AND (lease_owner IS NULL OR lease_expires_at <= $now)
                             ORDER BY due_at, id LIMIT $max)
                RETURNING {JobColumns};
                """;
            command.Parameters.AddWithValue("$owner", a.owner);
            command.Parameters.AddWithValue("$expires", FormatTime(a.expires));
            command.Parameters.AddWithValue("$now", FormatTime(a.now));
            command.Parameters.AddWithValue("$max", a.max);
            await using (var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    leased.Add(new LeasedJob(ReadJob(reader), a.owner, ParseTime(FormatTime(a.expires))));
                }
            }

            await transaction.CommitAsync(ct).ConfigureAwait(false);

            // RETURNING does not promise an order: earliest due first, as asked.
            leased.Sort(static (x, y) =>
            {
                var byDue = x.Job.DueAt.CompareTo(y.Job.DueAt);
                return byDue != 0 ? byDue : string.CompareOrdinal(x.Job.Id, y.Job.Id);
            });
            return leased;
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public ValueTask<bool> CompleteAsync(LeasedJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        return UseAsync(job, static async (connection, job, ct) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM flow_jobs WHERE id = $id AND lease_owner = $owner AND lease_expires_at = $expires;";
            AddLease(command, job);
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public ValueTask<bool> FailAsync(LeasedJob job, DateTimeOffset? retryAt, string error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(error);
        return UseAsync((job, retryAt, error), static async (connection, a, ct) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                UPDATE flow_jobs SET due_at = COALESCE($retry_at, due_at), runnable = ($retry_at IS NOT NULL),
                                     attempts = attempts + 1, last_error = $error, lease_owner = NULL, lease_expires_at = NULL
                WHERE id = $id AND lease_owner = $owner AND lease_expires_at = $expires;
                """;
            AddLease(command, a.job);
            command.Parameters.AddWithValue("$retry_at", a.retryAt is { } retry ? FormatTime(retry) : DBNull.Value);
            command.Parameters.AddWithValue("$error", a.error);
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public ValueTask<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default) =>
        UseAsync(0, static async (connection, _, ct) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT MIN(due_at) FROM flow_jobs WHERE runnable = 1;";
            return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) is string due ? ParseTime(due) : (DateTimeOffset?)null;
        }, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<ScheduledJob>> ListAsync(string? instanceId = null, CancellationToken cancellationToken = default) =>
        UseAsync(instanceId, static async (connection, instanceId, ct) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = instanceId is null
                ? $"SELECT {JobColumns} FROM flow_jobs ORDER BY due_at, id;"
                : $"SELECT {JobColumns} FROM flow_jobs WHERE instance_id = $instance_id ORDER BY due_at, id;";
            if (instanceId is not null)
            {
                command.Parameters.AddWithValue("$instance_id", instanceId);
            }

            var jobs = new List<ScheduledJob>();
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                jobs.Add(ReadJob(reader));
            }

            return (IReadOnlyList<ScheduledJob>)jobs;
        }, cancellationToken);

    private static void AddLease(SqliteCommand command, LeasedJob job)
    {
        command.Parameters.AddWithValue("$id", job.Job.Id);
        command.Parameters.AddWithValue("$owner", job.Owner);
        command.Parameters.AddWithValue("$expires", FormatTime(job.LeaseExpiresAt));
    }

    private static ScheduledJob ReadJob(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), ParseTime(reader.GetString(5)))
        {
            InstanceId = reader.IsDBNull(2) ? null : reader.GetString(2),
            NodeId = reader.IsDBNull(3) ? null : reader.GetString(3),
            Payload = reader.IsDBNull(4) ? null : reader.GetString(4),
            Attempts = reader.GetInt32(6),
            LastError = reader.IsDBNull(7) ? null : reader.GetString(7),
        };
}
