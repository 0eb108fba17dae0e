using Flow.Instances;

namespace Flow.Runtime.Sqlite.Tests;

internal static class Instances
{
    public static StoredInstance Waiting(string id, string key = "order", string deployment = "Shop.Flows", int version = 1, string state = """{"Data":{"amount":7}}""") =>
        new(id, key, deployment, version, "hash-" + version, InstanceStatus.Waiting, state, 0);
}
