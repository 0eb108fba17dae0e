namespace Flow.Execution.Tests.Infrastructure;

/// <summary>Writes small executable BPMN documents for the tests.</summary>
internal static class Bpmn
{
    public const string FilePath = "/flows/test.bpmn";

    /// <summary>A document with process <c>test</c> (class TestProcess in namespace Flows.Under.Test).</summary>
    public static string Process(string body, string variables = "") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flow="http://flow-generators.dev/schema/bpmn" id="Defs">
          <bpmn:process id="test" name="Test" isExecutable="true">
            <bpmn:extensionElements>
              <flow:variable name="log" type="System.Collections.Generic.List&lt;string&gt;" />
        {variables}
            </bpmn:extensionElements>
        {body}
          </bpmn:process>
        </bpmn:definitions>
        """;

    public static string Variable(string name, string type) => $"""      <flow:variable name="{name}" type="{type}" />""";

    public static string Seq(string id, string source, string target, string? condition = null) => condition is null
        ? $"""    <bpmn:sequenceFlow id="{id}" sourceRef="{source}" targetRef="{target}" />"""
        : $"""    <bpmn:sequenceFlow id="{id}" sourceRef="{source}" targetRef="{target}"><bpmn:conditionExpression>{condition}</bpmn:conditionExpression></bpmn:sequenceFlow>""";

    /// <summary>Service tasks that append their id to data.log (the handler code is <see cref="LoggingHandlers"/>).</summary>
    public static string Service(string id) => $"""    <bpmn:serviceTask id="{id}" flow:handler="{id}" />""";

    /// <summary>Handler code for <see cref="Service"/> tasks: each logs its name into the data.</summary>
    public static string LoggingHandlers(params string[] ids) =>
        "namespace Flows.Under.Test { public partial class TestProcess {\n"
        + string.Concat(ids.Select(id => $"private partial System.Threading.Tasks.ValueTask {id}(Flow.TaskContext<Data> c, System.Threading.CancellationToken t) {{ c.Data.log.Add(\"{id}\"); return default; }}\n"))
        + "} }";
}
