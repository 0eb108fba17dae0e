using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using Flow.Jobs;

namespace Flow.Instances;

/// <summary>
/// The small JSON arrays between the store and SQLite: job ids for <c>json_each</c>, and an
/// instance's jobs and subscriptions read with it in one statement (<c>json_group_array</c>).
/// Written and read without reflection.
/// </summary>
internal static class SqliteJson
{
    /// <summary>What SQLite's json_group_array gives for no rows.</summary>
    public const string Empty = "[]";

    public static string StringArray(IReadOnlyList<string> values)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var value in values)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Jobs as <c>[[id, kind, node_id, payload, due_at, attempts, last_error], ...]</c> of <paramref name="instanceId"/>.</summary>
    public static IReadOnlyList<ScheduledJob> Jobs(string json, string instanceId)
    {
        if (json == Empty)
        {
            return Array.Empty<ScheduledJob>();
        }

        using var document = JsonDocument.Parse(json);
        var jobs = new List<ScheduledJob>(document.RootElement.GetArrayLength());
        foreach (var row in document.RootElement.EnumerateArray())
        {
            jobs.Add(new ScheduledJob(row[0].GetString()!, row[1].GetString()!, SqliteInstanceStore.ParseTime(row[4].GetString()!))
            {
                InstanceId = instanceId,
                NodeId = row[2].GetString(),
                Payload = row[3].GetString(),
                Attempts = row[5].GetInt32(),
                LastError = row[6].GetString(),
            });
        }

        return jobs;
    }

    /// <summary>Subscriptions as <c>[[kind, name, correlation_key, node_id], ...]</c>.</summary>
    public static IReadOnlyList<EventSubscription> Subscriptions(string json)
    {
        if (json == Empty)
        {
            return Array.Empty<EventSubscription>();
        }

        using var document = JsonDocument.Parse(json);
        var subscriptions = new List<EventSubscription>(document.RootElement.GetArrayLength());
        foreach (var row in document.RootElement.EnumerateArray())
        {
            subscriptions.Add(new EventSubscription(
                Enum.Parse<SubscriptionKind>(row[0].GetString()!),
                row[1].GetString()!,
                row[2].GetString(),
                row[3].GetString()!));
        }

        return subscriptions;
    }
}
