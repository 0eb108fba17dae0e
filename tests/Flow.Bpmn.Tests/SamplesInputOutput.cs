using Flow.Bpmn.Model;

namespace Flow.Bpmn.Tests;

/// <summary>Samples of typed, list and map input parameters and of asynchronous continuations with a retry cycle.</summary>
public static partial class Samples
{
    /// <summary>A typed list input a script consumes, an inferred nested list, a map of lists, and outputs built from them.</summary>
    public static BpmnDefinitions TypedInputs() =>
        Bpmn.CreateProcess("quote").Name("Quote")
            .Variable("total", "int").Variable("count", "int").Variable("label", "string")
            .StartEvent("start")
            .ScriptTask("sum").Name("Sum")
                .CamundaInputParameter("sizes", list: ["${1}", "${2}", "${3}"], type: "List<int>")
                .CamundaInputParameter("grid", list: [BpmnParameterValue.List("${1}", "${2}"), BpmnParameterValue.List("${3}")])
                .CamundaInputParameter("labels", map: new Dictionary<string, BpmnParameterValue> { ["a"] = "first", ["b"] = "second" })
                .CamundaInputParameter("factor", "${2}", type: "int")
                .CamundaOutputParameter("count", "${grid.Count}")
                .CamundaOutputParameter("label", "${labels[\"a\"]}")
                .Script("foreach (var size in sizes) { total += size * factor; }")
            .EndEvent("end")
            .Done();

    /// <summary>An asyncBefore service task retried 5 times 10 seconds apart, and an asyncAfter user task with a list of waits.</summary>
    public static BpmnDefinitions RetryCycles() =>
        Bpmn.CreateProcess("payment").Name("Payment")
            .StartEvent("start")
            .ServiceTask("charge").Name("Charge").CamundaAsyncBefore().CamundaFailedJobRetryTimeCycle("R5/PT10S")
            .UserTask("confirm").Name("Confirm").CamundaAsyncAfter().CamundaFailedJobRetryTimeCycle("PT1M,PT5M,PT10M")
            .EndEvent("end")
            .Done();

    /// <summary>The input/output example of docs/builder.md, as written there.</summary>
    public static BpmnDefinitions DocsInputOutput() =>
        Bpmn.CreateProcess("quote").Variable("total", "int").Variable("label", "string")
            .StartEvent()
            .ScriptTask("sum")
                .CamundaInputParameter("sizes", list: ["${1}", "${2}", "${3}"], type: "List<int>")
                .CamundaInputParameter("grid", list: [BpmnParameterValue.List("${1}", "${2}"), BpmnParameterValue.List("${3}")])
                .CamundaInputParameter("labels", map: new Dictionary<string, BpmnParameterValue> { ["a"] = "first" })
                .CamundaOutputParameter("label", "${labels[\"a\"]}")
                .Script("foreach (var size in sizes) { total += size; }")
            .ServiceTask("charge").CamundaAsyncBefore().CamundaFailedJobRetryTimeCycle("R5/PT10S")
            .EndEvent()
            .Done();
}
