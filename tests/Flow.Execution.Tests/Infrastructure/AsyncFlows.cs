namespace Flow.Execution.Tests.Infrastructure;

/// <summary>
/// Order flows with job boundaries (camunda:asyncBefore/asyncAfter) for the engine tests, compiled
/// into deployment assemblies. Every service task records "marker:task" in data.marks; the task
/// <c>Flaky</c> throws while the process-wide budget <see cref="FailuresKey"/> (AppDomain data, so
/// the collectible flow assembly and the test share it) is above zero, taking one from it each time.
/// </summary>
internal static class AsyncFlows
{
    public const string FailuresKey = "async13.flaky-failures";

    public const string Camunda = "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\"";

    /// <summary>How many times the handler of <paramref name="task"/> ran in this process (any engine, any version).</summary>
    public static int Runs(string task) => AppDomain.CurrentDomain.GetData(RunsKey(task)) is int runs ? runs : 0;

    public static string RunsKey(string task) => "async13.runs." + task;

    /// <summary>How many more times Flaky throws.</summary>
    public static void FailTimes(int count) => AppDomain.CurrentDomain.SetData(FailuresKey, count);

    /// <summary>Start → the tasks in order → End; each task is <c>(id, camunda attributes and content)</c>.</summary>
    public static string Line(params (string Id, string Camunda)[] tasks)
    {
        var nodes = string.Concat(tasks.Select(t => t.Camunda.Contains("<", StringComparison.Ordinal)
            ? $"""<bpmn:serviceTask id="{t.Id}" flow:handler="{t.Id}" {Camunda} {Attributes(t.Camunda)}>{Content(t.Camunda)}</bpmn:serviceTask>""" + "\n"
            : $"""<bpmn:serviceTask id="{t.Id}" flow:handler="{t.Id}" {Camunda} {t.Camunda} />""" + "\n"));
        var ids = new[] { "Start" }.Concat(tasks.Select(t => t.Id)).Append("End").ToArray();
        var flows = string.Concat(Enumerable.Range(0, ids.Length - 1).Select(i => $"""<bpmn:sequenceFlow id="F{i + 1}" sourceRef="{ids[i]}" targetRef="{ids[i + 1]}" />""" + "\n"));
        return Document($"""<bpmn:startEvent id="Start" />{"\n"}{nodes}<bpmn:endEvent id="End" />{"\n"}{flows}""");
    }

    /// <summary>Start → parallel split → each task → parallel join → End.</summary>
    public static string Parallel(params (string Id, string Camunda)[] tasks) => Document($"""
        <bpmn:startEvent id="Start" />
        <bpmn:parallelGateway id="Split" />
        {string.Concat(tasks.Select(t => $"""<bpmn:serviceTask id="{t.Id}" flow:handler="{t.Id}" {Camunda} {t.Camunda} />""" + "\n"))}
        <bpmn:parallelGateway id="Join" />
        <bpmn:endEvent id="End" />
        <bpmn:sequenceFlow id="F0" sourceRef="Start" targetRef="Split" />
        {string.Concat(tasks.Select(t => $"""<bpmn:sequenceFlow id="In{t.Id}" sourceRef="Split" targetRef="{t.Id}" /><bpmn:sequenceFlow id="Out{t.Id}" sourceRef="{t.Id}" targetRef="Join" />""" + "\n"))}
        <bpmn:sequenceFlow id="FEnd" sourceRef="Join" targetRef="End" />
        """);

    /// <summary>Compiles <paramref name="bpmn"/> with handlers for <paramref name="tasks"/> that record <paramref name="marker"/>.</summary>
    public static byte[] Compile(string marker, string bpmn, params string[] tasks) =>
        FlowAssembly.Emit(TestDeployment.Name, new[] { ("/flows/order.bpmn", bpmn) }, Array.Empty<string>(), Handlers(marker, tasks));

    private static string Handlers(string marker, string[] tasks) =>
        $"namespace {TestDeployment.Name} {{ public partial class OrderProcess {{\n"
        + string.Concat(tasks.Select(task => $$"""
            private partial System.Threading.Tasks.ValueTask {{task}}(Flow.TaskContext<Data> c, System.Threading.CancellationToken t) {
                {{(task == "Flaky" ? $$"""
                if (System.AppDomain.CurrentDomain.GetData("{{FailuresKey}}") is int left && left > 0) {
                    System.AppDomain.CurrentDomain.SetData("{{FailuresKey}}", left - 1);
                    throw new System.InvalidOperationException("flaky " + left);
                }
                """ : "")}}
                lock (typeof(System.AppDomain)) {
                    System.AppDomain.CurrentDomain.SetData("{{RunsKey(task)}}", (System.AppDomain.CurrentDomain.GetData("{{RunsKey(task)}}") is int runs ? runs : 0) + 1);
                }
                (c.Data.marks ??= new()).Add("{{marker}}:{{task}}");
                return default;
            }

            """))
        + "} }";

    private static string Document(string body) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flow="http://flow-generators.dev/schema/bpmn" id="Defs">
          <bpmn:process id="order" name="Order" isExecutable="true">
            <bpmn:extensionElements>
              <flow:variable name="marks" type="System.Collections.Generic.List&lt;string&gt;" />
            </bpmn:extensionElements>
        {body}
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static string Attributes(string camunda) => camunda.Substring(0, camunda.IndexOf('<', StringComparison.Ordinal));

    private static string Content(string camunda) => camunda.Substring(camunda.IndexOf('<', StringComparison.Ordinal));

    /// <summary>The retry cycle as Camunda writes it, inside extensionElements.</summary>
    public static string RetryCycle(string cycle) => $"<bpmn:extensionElements><camunda:failedJobRetryTimeCycle>{cycle}</camunda:failedJobRetryTimeCycle></bpmn:extensionElements>";
}
