using System.Reflection;

namespace Flow.Execution.Tests.Infrastructure;

/// <summary>A compiled test process: start instances with named data values, read data back.</summary>
internal sealed class TestFlow
{
    private TestFlow(FlowAssembly assembly, IFlowProcess process)
    {
        Assembly = assembly;
        Process = process;
    }

    public FlowAssembly Assembly { get; }

    public IFlowProcess Process { get; }

    /// <summary>Builds <see cref="Bpmn.Process"/> documents with logging handlers for <paramref name="services"/>.</summary>
    public static TestFlow Build(string bpmn, string[] services, params string[] extraCSharp) => Build(bpmn, services, extraCSharp, Array.Empty<string>());

    /// <summary>As <see cref="Build(string, string[], string[])"/>, accepting the warnings <paramref name="expectedWarnings"/>.</summary>
    public static TestFlow Build(string bpmn, string[] services, string[] extraCSharp, string[] expectedWarnings)
    {
        var assembly = FlowAssembly.Build(new[] { (Bpmn.FilePath, bpmn) }, expectedWarnings, extraCSharp.Append(Bpmn.LoggingHandlers(services)).ToArray());
        return new TestFlow(assembly, Create(assembly));
    }

    /// <summary>A fresh process object from the same assembly (as another host would create).</summary>
    public IFlowProcess NewProcess() => Create(Assembly);

    private static IFlowProcess Create(FlowAssembly assembly) =>
        (IFlowProcess)Activator.CreateInstance(assembly.Assembly.GetType("Flows.Under.Test.TestProcess", throwOnError: true)!)!;

    public Task<IFlowInstance> StartAsync(params (string Name, object? Value)[] values) => StartAsync(Process, values);

    public static async Task<IFlowInstance> StartAsync(IFlowProcess process, params (string Name, object? Value)[] values) =>
        await process.StartAsync(NewData(process, values));

    /// <summary>A data object of the process with an empty log and the given values.</summary>
    public object NewData(params (string Name, object? Value)[] values) => NewData(Process, values);

    private static object NewData(IFlowProcess process, (string Name, object? Value)[] values)
    {
        var data = Activator.CreateInstance(process.DataType)!;
        process.DataType.GetProperty("log")?.SetValue(data, new List<string>());
        foreach (var (name, value) in values)
        {
            Property(data, name).SetValue(data, value);
        }

        return data;
    }

    public static T Get<T>(IFlowInstance instance, string name) => (T)Property(instance.Data, name).GetValue(instance.Data)!;

    public static IReadOnlyList<string> Log(IFlowInstance instance) => Get<List<string>>(instance, "log");

    private static PropertyInfo Property(object data, string name) =>
        data.GetType().GetProperty(name) ?? throw new ArgumentException($"The data has no member '{name}'.");
}
