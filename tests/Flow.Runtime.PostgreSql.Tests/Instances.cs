using Flow.Instances;

namespace Flow.Runtime.PostgreSql.Tests;

internal static class Instances
{
    public static StoredInstance Waiting(string id, string key = "order", string deployment = "Shop.Flows", int version = 1, string state = """{"Data":{"amount":7}}""") =>
        new(id, key, deployment, version, "hash-" + version, InstanceStatus.Waiting, state, 0);

    public static StoredInstance Completed(string id, DateTimeOffset? endedAt = null) =>
        Waiting(id) with { Status = InstanceStatus.Completed, Ended = true, EndedAt = endedAt };
}
