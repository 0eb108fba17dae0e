using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Flow.Benchmarks;

/// <summary>
/// Deterministic synthetic BPMN 2.0 documents of exactly <see cref="NodesPerDiagram"/> flow
/// nodes, clean for every FLOW rule (no Error or Warning):
/// <code>
/// start → A01…A16 (task / service task) → XOR split ─┬─ [amount &gt; 1000] X1 → X2 ─┬→ XOR merge
///                                                    ├─ [amount &lt; 100]  Y1 → Y2 ─┤
///                                                    └─ default           Z1 → Z2 ─┘
///   → AND fork ─┬ P1 → P2 ┬→ AND join → B01…B16 (task / service task) → end
///               ├ Q1 → Q2 ┤   (P, Q, R are user tasks)
///               └ R1 → R2 ┘
/// </code>
/// Each document is shaped like a Camunda Modeler export: incoming/outgoing child elements, a
/// diagram-interchange section, and <c>camunda:</c> attributes (service tasks bound by name with
/// <c>camunda:delegateExpression</c> or <c>camunda:class</c>, so the user writes no handler
/// method; user tasks with an assignee and a form key; <c>camunda:asyncBefore</c> on some
/// tasks of the diagrams with wait states: an async boundary is a durable job, a wait of its own,
/// so the diagrams without wait states have none). The conditions' variable <c>amount</c> is declared (<c>flow:variable</c>), so the generated
/// code compiles. Process ids, names (hence generated class names) and file paths are unique per index. <paramref name="edited"/> in <see cref="Build"/> renames one task,
/// which is how the warm benchmark edits a file.
/// </summary>
internal static class SyntheticDiagrams
{
    public const int NodesPerDiagram = 50;

    private const int ChainLength = 16;

    public static string PathFor(int index) => string.Create(CultureInfo.InvariantCulture, $"/flows/synthetic{index:D3}.bpmn");

    public static string ProcessIdFor(int index) => string.Create(CultureInfo.InvariantCulture, $"Process_Synthetic{index:D3}");

    /// <summary>The class the generator emits for diagram <paramref name="index"/> (in the compilation's namespace).</summary>
    public static string ClassNameFor(int index) => string.Create(CultureInfo.InvariantCulture, $"Synthetic{index:D3}Process");

    /// <summary>The BPMN text of diagram <paramref name="index"/>; <paramref name="edited"/> renames task A01.</summary>
    public static string Build(int index, bool edited = false) => Build(index, edited, waitStates: true);

    /// <summary>
    /// As <see cref="Build(int, bool)"/>; without <paramref name="waitStates"/> the six user
    /// tasks are service tasks, so the process never waits (the straight-line shape).
    /// </summary>
    public static string Build(int index, bool edited, bool waitStates)
    {
        var d = new DiagramWriter();

        d.Node("startEvent", "StartEvent_1", "Start");
        var previous = "StartEvent_1";
        for (var i = 1; i <= ChainLength; i++)
        {
            var id = Id("Task_A", i);
            var name = Id("Step A", i);
            if (i == 1 && edited)
            {
                name += " (edited)";
            }

            d.Node(i % 2 == 0 ? "serviceTask" : "task", id, name, camunda: i % 2 == 0 ? Delegate(id) : null);
            d.Flow(previous, id);
            previous = id;
        }

        // Exclusive split: two conditional branches and a default branch, merged again.
        d.Node("exclusiveGateway", "Gateway_Split", "Route by amount", defaultFlow: "Flow_Split_Z");
        d.Flow(previous, "Gateway_Split");
        var conditions = new (char Branch, string? Condition)[] { ('X', "${amount > 1000}"), ('Y', "${amount < 100}"), ('Z', null) };
        d.Node("exclusiveGateway", "Gateway_Merge", null);
        foreach (var (branch, condition) in conditions)
        {
            var first = "Task_" + branch + "1";
            var second = "Task_" + branch + "2";
            d.Node("serviceTask", first, "Branch " + branch + " first", camunda: JavaClass(first));
            d.Node("task", second, "Branch " + branch + " second");
            d.Flow("Gateway_Split", first, id: "Flow_Split_" + branch, condition: condition);
            d.Flow(first, second);
            d.Flow(second, "Gateway_Merge");
        }

        // Parallel fork and join over three branches of user tasks.
        d.Node("parallelGateway", "Gateway_Fork", null);
        d.Flow("Gateway_Merge", "Gateway_Fork");
        d.Node("parallelGateway", "Gateway_Join", null);
        foreach (var branch in "PQR")
        {
            var first = "Task_" + branch + "1";
            var second = "Task_" + branch + "2";
            d.Node(waitStates ? "userTask" : "serviceTask", first, "Review " + branch + " first", camunda: waitStates ? UserTask(first) : Delegate(first));
            d.Node(waitStates ? "userTask" : "serviceTask", second, "Review " + branch + " second", camunda: waitStates ? UserTask(second) : Delegate(second));
            d.Flow("Gateway_Fork", first);
            d.Flow(first, second);
            d.Flow(second, "Gateway_Join");
        }

        previous = "Gateway_Join";
        for (var i = 1; i <= ChainLength; i++)
        {
            var id = Id("Task_B", i);
            d.Node(i % 2 == 0 ? "task" : "serviceTask", id, Id("Step B", i), camunda: i % 2 == 0 ? null : (i % 4 == 1 ? Delegate(id) : JavaClass(id)) + (waitStates ? Async(i) : ""));
            d.Flow(previous, id);
            previous = id;
        }

        d.Node("endEvent", "EndEvent_1", "Done");
        d.Flow(previous, "EndEvent_1");

        if (d.NodeCount != NodesPerDiagram)
        {
            throw new InvalidOperationException($"The synthetic diagram has {d.NodeCount} nodes, expected {NodesPerDiagram}.");
        }

        var processName = string.Create(CultureInfo.InvariantCulture, $"Synthetic {index:D3}");
        return d.Write(ProcessIdFor(index), processName);
    }

    private static string Id(string prefix, int i) => prefix + i.ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>A Spring bean name, as Camunda diagrams bind service tasks: <c>Task_A02</c> → <c>${taskA02}</c>.</summary>
    private static string Delegate(string id) => " camunda:delegateExpression=\"${" + Bean(id) + "}\"";

    private static string JavaClass(string id) => " camunda:class=\"com.example.flows." + char.ToUpperInvariant(Bean(id)[0]) + Bean(id)[1..] + "Delegate\"";

    private static string UserTask(string id) => " camunda:assignee=\"demo\" camunda:candidateGroups=\"reviewers\" camunda:formKey=\"embedded:app:forms/" + Bean(id) + ".html\"";

    private static string Async(int i) => i % 3 == 0 ? " camunda:asyncBefore=\"true\"" : "";

    private static string Bean(string id) => char.ToLowerInvariant(id[0]) + id[1..].Replace("_", "", StringComparison.Ordinal);

    private sealed class DiagramWriter
    {
        private readonly List<(string Element, string Id, string? Name, string? Default, string? Camunda)> _nodes = new();
        private readonly List<(string Id, string Source, string Target, string? Condition)> _flows = new();

        public int NodeCount => _nodes.Count;

        public void Node(string element, string id, string? name, string? defaultFlow = null, string? camunda = null) => _nodes.Add((element, id, name, defaultFlow, camunda));

        public void Flow(string source, string target, string? id = null, string? condition = null) =>
            _flows.Add((id ?? "Flow_" + (_flows.Count + 1).ToString(CultureInfo.InvariantCulture), source, target, condition));

        public string Write(string processId, string processName)
        {
            var sb = new StringBuilder(48 * 1024);
            sb.Append("""
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                                  xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
                                  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
                                  xmlns:di="http://www.omg.org/spec/DD/20100524/DI"
                                  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                                  xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                                  xmlns:modeler="http://camunda.org/schema/modeler/1.0"
                                  xmlns:flow="http://flow-generators.dev/schema/bpmn"
                                  id="Definitions_1"
                                  targetNamespace="http://bpmn.io/schema/bpmn"
                                  exporter="Camunda Modeler" exporterVersion="5.31.0"
                                  modeler:executionPlatform="Camunda Platform" modeler:executionPlatformVersion="7.22.0">

                """);
            sb.Append("  <bpmn:process id=\"").Append(processId).Append("\" name=\"").Append(processName).Append("\" isExecutable=\"true\">\n");

            // The conditions' variable, declared as a modeler's extension tab writes it: without it
            // the conditions do not compile (CS0103 at every condition in a real build).
            sb.Append("    <bpmn:extensionElements>\n      <flow:variable name=\"amount\" type=\"decimal\" />\n    </bpmn:extensionElements>\n");

            foreach (var (element, id, name, defaultFlow, camunda) in _nodes)
            {
                sb.Append("    <bpmn:").Append(element).Append(" id=\"").Append(id).Append('"');
                if (name is not null)
                {
                    sb.Append(" name=\"").Append(Escape(name)).Append('"');
                }

                if (defaultFlow is not null)
                {
                    sb.Append(" default=\"").Append(defaultFlow).Append('"');
                }

                sb.Append(camunda);

                sb.Append(">\n");
                foreach (var flow in _flows)
                {
                    if (flow.Target == id)
                    {
                        sb.Append("      <bpmn:incoming>").Append(flow.Id).Append("</bpmn:incoming>\n");
                    }
                }

                foreach (var flow in _flows)
                {
                    if (flow.Source == id)
                    {
                        sb.Append("      <bpmn:outgoing>").Append(flow.Id).Append("</bpmn:outgoing>\n");
                    }
                }

                sb.Append("    </bpmn:").Append(element).Append(">\n");
            }

            foreach (var (id, source, target, condition) in _flows)
            {
                sb.Append("    <bpmn:sequenceFlow id=\"").Append(id).Append("\" sourceRef=\"").Append(source).Append("\" targetRef=\"").Append(target).Append('"');
                if (condition is null)
                {
                    sb.Append(" />\n");
                    continue;
                }

                sb.Append(">\n      <bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\">")
                    .Append(Escape(condition))
                    .Append("</bpmn:conditionExpression>\n    </bpmn:sequenceFlow>\n");
            }

            sb.Append("  </bpmn:process>\n");
            WriteDiagram(sb, processId);
            sb.Append("</bpmn:definitions>\n");
            return sb.ToString();
        }

        /// <summary>A simple grid layout: one column per node in document order.</summary>
        private void WriteDiagram(StringBuilder sb, string processId)
        {
            var positions = new Dictionary<string, (int X, int Y)>(StringComparer.Ordinal);
            sb.Append("  <bpmndi:BPMNDiagram id=\"BPMNDiagram_1\">\n");
            sb.Append("    <bpmndi:BPMNPlane id=\"BPMNPlane_1\" bpmnElement=\"").Append(processId).Append("\">\n");
            for (var i = 0; i < _nodes.Count; i++)
            {
                var (x, y) = (100 + (i * 150), 80 + ((i % 3) * 130));
                positions[_nodes[i].Id] = (x, y);
                sb.Append(CultureInfo.InvariantCulture, $"      <bpmndi:BPMNShape id=\"Shape_{_nodes[i].Id}\" bpmnElement=\"{_nodes[i].Id}\">\n");
                sb.Append(CultureInfo.InvariantCulture, $"        <dc:Bounds x=\"{x}\" y=\"{y}\" width=\"100\" height=\"80\" />\n");
                sb.Append("      </bpmndi:BPMNShape>\n");
            }

            foreach (var flow in _flows)
            {
                var from = positions[flow.Source];
                var to = positions[flow.Target];
                sb.Append(CultureInfo.InvariantCulture, $"      <bpmndi:BPMNEdge id=\"Edge_{flow.Id}\" bpmnElement=\"{flow.Id}\">\n");
                sb.Append(CultureInfo.InvariantCulture, $"        <di:waypoint x=\"{from.X + 100}\" y=\"{from.Y + 40}\" />\n");
                sb.Append(CultureInfo.InvariantCulture, $"        <di:waypoint x=\"{to.X}\" y=\"{to.Y + 40}\" />\n");
                sb.Append("      </bpmndi:BPMNEdge>\n");
            }

            sb.Append("    </bpmndi:BPMNPlane>\n");
            sb.Append("  </bpmndi:BPMNDiagram>\n");
        }

        private static string Escape(string text) => System.Security.SecurityElement.Escape(text);
    }
}
