namespace Flow.Build.Tasks.Tests.Infrastructure;

// Two classes carrying the attribute generated code carries, so the metadata reader is tested
// against a real compiled assembly (this one).
[Flow.FlowProcess("fixture-b", null, "hash-b", "b.bpmn", "source-b")]
internal sealed class SecondFixtureProcess
{
}

internal static class Outer
{
    [Flow.FlowProcess("fixture-a", "Fixture A", "hash-a", "a.bpmn", "source-a")]
    internal sealed class NestedFixtureProcess
    {
    }
}
