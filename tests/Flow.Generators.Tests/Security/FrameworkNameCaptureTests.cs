using Flow.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using static Flow.Generators.Tests.Infrastructure.Fixtures;

namespace Flow.Generators.Tests.Security;

/// <summary>
/// Names of the diagram and of the project that the generated code must not be captured by: variables,
/// outputs and properties of the user's own data class named like a type or namespace the generated
/// code uses (System, Flow, Task, ValueTask, CancellationToken, EditorBrowsableState, …), like a
/// member it declares (Instance, Description, the process class), or like a contextual keyword
/// (value, await, var, nameof, record, required, field, …); and types of the project's namespace
/// named like those. Each compiles with no C# error and no FLOW diagnostic but those intended.
/// Before, the generated [EditorBrowsable(EditorBrowsableState.Never)] read a property EditorBrowsableState
/// of a flow:dataType class (CS0120; a variable of that name was refused as FLOW1316).
/// </summary>
public class FrameworkNameCaptureTests
{
    private const string FlowNs = "xmlns:flow=\"http://flow-generators.dev/schema/bpmn\"";

    /// <summary>Names a variable or property may have that the generated code must step around.</summary>
    public static TheoryData<string> Names => new()
    {
        "System", "global", "Flow", "Task", "ValueTask", "CancellationToken", "String", "Object",
        "EditorBrowsable", "EditorBrowsableState", "EditorBrowsableAttribute", "GeneratedCode",
        "OrderProcess", "Instance", "Description", "NodeIds", "ProcessKey", "DataJson", "Definition", "Shop", "Flows",
        "context", "cancellationToken", "result", "data", "instance", "run", "writer", "reader", "payload", "correlationKey", "elementIndex", "nodeIndex",
        "value", "await", "var", "nameof", "record", "required", "field", "async", "dynamic", "partial", "when", "yield", "get", "set", "init", "scoped", "file", "args",
    };

    /// <summary>
    /// A script, a condition and a user task's output, all naming <paramref name="name"/> (as @name, which C#
    /// reads as the plain name; in the script as this.@name, as <c>context</c> is the script's parameter there).
    /// </summary>
    private static string Body(string name) => $"""
            <bpmn:startEvent id="Start" />
            <bpmn:scriptTask id="Script" scriptFormat="csharp"><bpmn:script>this.@{name} = this.@{name} + "!";</bpmn:script></bpmn:scriptTask>
            <bpmn:exclusiveGateway id="Split" default="F4" />
            <bpmn:userTask id="Review"><bpmn:extensionElements><flow:output name="{name}" type="string" /></bpmn:extensionElements></bpmn:userTask>
            <bpmn:endEvent id="End" />
            <bpmn:endEvent id="Skipped" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Script" />
            <bpmn:sequenceFlow id="F2" sourceRef="Script" targetRef="Split" />
            <bpmn:sequenceFlow id="F3" sourceRef="Split" targetRef="Review"><bpmn:conditionExpression>@{name}.Length &gt; 1</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="F4" sourceRef="Split" targetRef="Skipped" />
            <bpmn:sequenceFlow id="F5" sourceRef="Review" targetRef="End" />
        """;

    /// <summary>Types of the generated classes' namespace (Flows.Tests: no RootNamespace is set, the assembly is Flows.Tests) named like framework types.</summary>
    private const string ProjectTypes = """
        namespace Flows.Tests
        {
            public sealed class CancellationToken { }
            public sealed class ValueTask { }
            public sealed class EditorBrowsable { }
            public sealed class EditorBrowsableState { }
            public sealed class Task { }
            public sealed class String { }
        }
        """;

    [Theory]
    [MemberData(nameof(Names))]
    public void A_variable_with_the_name_compiles_cleanly(string name)
    {
        var text = Process(Body(name)).Replace("isExecutable=\"true\">", $"isExecutable=\"true\" {FlowNs}>\n    <bpmn:extensionElements><flow:variable name=\"{name}\" type=\"string\" /></bpmn:extensionElements>", StringComparison.Ordinal);

        var run = GeneratedCompilation.Run(new[] { (FilePath, text) }, new[] { ProjectTypes });

        AssertClean(run, name);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void A_property_of_the_users_data_class_with_the_name_compiles_cleanly(string name)
    {
        var text = Process(Body(name)).Replace("isExecutable=\"true\">", $"isExecutable=\"true\" {FlowNs} flow:dataType=\"Shop.OrderData\">", StringComparison.Ordinal);
        var data = $$"""
            namespace Shop
            {
                public sealed partial class OrderData
                {
                    public string @{{name}} { get; set; } = "";
                }
            }
            """;

        var run = GeneratedCompilation.Run(new[] { (FilePath, text) }, new[] { ProjectTypes, data });

        AssertClean(run, name);
    }

    private static void AssertClean(GeneratedCompilation run, string name)
    {
        Assert.Empty(run.GeneratorDiagnostics.Select(d => d.ToString()));
        Assert.NotEmpty(run.Generated);
        Assert.Empty(run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => name + ": " + d));
    }
}
