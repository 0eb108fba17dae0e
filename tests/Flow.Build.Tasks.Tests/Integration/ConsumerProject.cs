namespace Flow.Build.Tasks.Tests.Integration;

/// <summary>
/// The files of a fresh class library that uses Flow.Generators the way a user would: one
/// PackageReference, two diagrams, the handler code. Nothing else is configured.
/// </summary>
internal static class ConsumerProject
{
    public const string Name = "Consumer.Flows";

    public static string Csproj(string packageVersion) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Flow.Generators" Version="{packageVersion}" />
          </ItemGroup>
        </Project>
        """;

    /// <summary>Adds the local feed to whatever registry the machine already uses.</summary>
    public static string NugetConfig(string feed) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <add key="flow-local-feed" value="{feed}" />
          </packageSources>
        </configuration>
        """;

    public static string Diagram(string key, string name, string taskName, string target = "End") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flow="http://flow-generators.dev/schema/bpmn" id="Defs_{key}" targetNamespace="http://example.com">
          <bpmn:process id="{key}" name="{name}" isExecutable="true">
            <bpmn:startEvent id="Start" />
            <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Task_Work" />
            <bpmn:serviceTask id="Task_Work" name="{taskName}" flow:handler="Work" />
            <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Work" targetRef="{target}" />
            <bpmn:endEvent id="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    /// <summary>Diagram interchange for the task, at horizontal position <paramref name="x"/> (layout only).</summary>
    public static string Shape(int x) => $"""
          <bpmndi:BPMNDiagram xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" id="Diagram">
            <bpmndi:BPMNPlane id="Plane">
              <bpmndi:BPMNShape id="Task_Work_di" bpmnElement="Task_Work"><dc:Bounds x="{x}" y="80" width="100" height="80" /></bpmndi:BPMNShape>
            </bpmndi:BPMNPlane>
          </bpmndi:BPMNDiagram>

        """;

    public static string Handlers(params string[] classNames) =>
        "namespace Consumer.Flows;\n\n"
        + string.Concat(classNames.Select(c => $$"""
            public partial class {{c}}
            {
                private partial System.Threading.Tasks.ValueTask Work(Flow.TaskContext<Data> context, System.Threading.CancellationToken cancellationToken) => default;
            }

            """));
}
