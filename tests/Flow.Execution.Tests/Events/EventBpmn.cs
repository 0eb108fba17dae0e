using Flow.Execution.Tests.Infrastructure;

namespace Flow.Execution.Tests.Events;

/// <summary>Test documents with root elements (errors, messages, signals, escalations) before the process.</summary>
internal static class EventBpmn
{
    public static string WithRoot(string rootElements, string body, string variables = "") =>
        Bpmn.Process(body, variables).Replace("  <bpmn:process", rootElements + "\n  <bpmn:process", StringComparison.Ordinal);

    /// <summary>A handler <paramref name="name"/> that logs its name and throws FlowError(data.code) when data.code is set.</summary>
    public static string ThrowingHandler(string name) =>
        "namespace Flows.Under.Test { public partial class TestProcess {\n"
        + $"private partial System.Threading.Tasks.ValueTask {name}(Flow.TaskContext<Data> c, System.Threading.CancellationToken t) {{ c.Data.log.Add(\"{name}\"); if (c.Data.code is {{ }} code) throw new Flow.FlowError(code); return default; }}\n"
        + "} }";

    public static readonly string CodeVariable = Bpmn.Variable("code", "string?");

    /// <summary>A fresh process from the same assembly resumes the saved JSON (another host would).</summary>
    public static IFlowInstance RoundTrip(TestFlow flow, IFlowInstance instance) => flow.NewProcess().ResumeFromJson(instance.ToJson());
}
