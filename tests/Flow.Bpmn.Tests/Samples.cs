using Flow.Bpmn.Builder;
using Flow.Bpmn.Model;

namespace Flow.Bpmn.Tests;

/// <summary>Models built with the fluent builder, one per shape the compiler supports; each test builds them afresh.</summary>
public static partial class Samples
{
    public static readonly IReadOnlyDictionary<string, Func<BpmnDefinitions>> All = new Dictionary<string, Func<BpmnDefinitions>>
    {
        ["order"] = Order,
        ["tasks"] = Tasks,
        ["gateways"] = Gateways,
        ["boundary-events"] = BoundaryEvents,
        ["sub-processes"] = SubProcesses,
        ["intermediate-events"] = IntermediateEvents,
        ["end-events"] = EndEvents,
        ["start-events"] = StartEvents,
        ["docs-order"] = DocsOrder,
        ["docs-claims"] = DocsClaims,
        ["multi-instance"] = MultiInstances,
        ["standard-loops"] = StandardLoops,
        ["transaction"] = Transaction,
        ["compensation"] = Compensation,
        ["call-mappings"] = CallMappings,
        ["docs-trip"] = DocsTrip,
        ["typed-inputs"] = TypedInputs,
        ["retry-cycles"] = RetryCycles,
        ["docs-input-output"] = DocsInputOutput,
    };

    /// <summary>The first example of docs/builder.md, as written there.</summary>
    public static BpmnDefinitions DocsOrder() =>
        Bpmn.CreateProcess("order").Name("Order")
            .Variable("approved", "bool")
            .StartEvent()
            .UserTask("review").Name("Review order").Output("approved", "bool")
            .ExclusiveGateway("ok").Name("Approved?")
                .Condition("yes", "approved").ServiceTask("ship").Name("Ship").EndEvent()
            .MoveToLastGateway()
                .Condition("no", "!approved").Connect("review")
            .Done();

    /// <summary>The larger example of docs/builder.md, as written there.</summary>
    public static BpmnDefinitions DocsClaims() =>
        Bpmn.CreateProcess("claims").Name("Claims")
            .StartEvent()
            .SubProcess("assess").Name("Assess").EmbeddedSubProcess()
                .StartEvent().UserTask("check").Name("Check claim").EndEvent().Escalation("NEEDS_EXPERT")
                .SubProcessDone()
            .UserTask("decide").Name("Decide")
            .EndEvent("decided")
            .MoveToActivity("assess").BoundaryEvent("expert").Escalation("NEEDS_EXPERT").CancelActivity(false)
                .ServiceTask("callExpert").Name("Call expert").EndEvent()
            .MoveToActivity("decide").BoundaryEvent("late").TimerWithDuration("P3D")
                .ServiceTask("escalate").Name("Escalate").EndEvent()
            .MoveToNode("decided").EventSubProcess("withdrawn")
                .StartEvent().Message("claim withdrawn").EndEvent().Terminate()
            .Done();

    public static TheoryData<string> Names => new(All.Keys);

    /// <summary>The example: a review loop.</summary>
    public static BpmnDefinitions Order() =>
        Bpmn.CreateProcess("order").Name("Order").Variable("approved", "bool")
            .StartEvent().UserTask("review").Output("approved", "bool")
            .ExclusiveGateway("ok").Condition("yes", "approved").ServiceTask("ship").EndEvent()
            .MoveToLastGateway().Condition("no", "!approved").Connect("review")
            .Done();

    public static BpmnDefinitions Tasks() =>
        Bpmn.CreateProcess("tasks").Name("Tasks").Variable("total", "int")
            .StartEvent("start").Name("Start")
            .Task("plain").Name("Plain task")
            .UserTask("user").Name("Enter total").Output("total", "int").CamundaAssignee("demo")
            .ServiceTask("service").Name("Call service").Handler("CallService")
            .ScriptTask("script").Name("Double").Script("total = total * 2;")
            .SendTask("send").Name("Send it").Message("sent")
            .ReceiveTask("receive").Name("Receive it").Message("answer")
            .ManualTask("manual").Name("By hand")
            .BusinessRuleTask("rules").Name("Decide")
            .EndEvent("end").Name("Done")
            .Done();

    public static BpmnDefinitions Gateways() =>
        Bpmn.CreateProcess("gateways").Variable("amount", "decimal").Variable("rush", "bool")
            .StartEvent()
            .ExclusiveGateway("big").Name("Big?").Condition("yes", "amount > 1000").UserTask("approve").Name("Approve")
            .ExclusiveGateway("merge")
            .ParallelGateway("fork").ServiceTask("invoice").Name("Invoice").ParallelGateway("join")
            .InclusiveGateway("options").Name("Options").Condition("rush", "rush").ServiceTask("express").Name("Express")
            .InclusiveGateway("optionsDone")
            .EndEvent("end")
            .MoveToNode("big").DefaultFlow("no").Connect("merge")
            .MoveToNode("fork").ServiceTask("ship").Name("Ship").Connect("join")
            .MoveToNode("options").DefaultFlow("standard").ServiceTask("standard").Name("Standard").Connect("optionsDone")
            .Done();

    public static BpmnDefinitions BoundaryEvents() =>
        Bpmn.CreateProcess("boundaries").Name("Boundaries")
            .StartEvent()
            .UserTask("review").Name("Review")
            .ServiceTask("pay").Name("Pay")
            .EndEvent("paid")
            .MoveToActivity("review").BoundaryEvent("late").TimerWithDuration("PT1H").CancelActivity(false).ServiceTask("remind").Name("Remind").EndEvent("reminded")
            .MoveToActivity("review").BoundaryEvent("cancelled").Message("cancel").EndEvent("cancelledEnd")
            .MoveToActivity("review").BoundaryEvent("stop").Signal("stop").EndEvent("stopped")
            .MoveToActivity("review").BoundaryEvent("changed").Conditional("amount > 10").CancelActivity(false).EndEvent("changedEnd")
            .MoveToActivity("pay").BoundaryEvent("declined").Error("DECLINED").EndEvent("declinedEnd")
            .Done();

    public static BpmnDefinitions SubProcesses() =>
        Bpmn.CreateProcess("subs").Name("Subs")
            .StartEvent()
            .SubProcess("handle").Name("Handle").EmbeddedSubProcess()
                .StartEvent("handleStart").UserTask("inner").Name("Inner").EndEvent("handleEnd").Escalation("LATE")
                .EventSubProcess("innerTimeout").StartEvent("innerTimeoutStart").TimerWithDuration("PT1H").EndEvent("innerTimeoutEnd")
                .MoveToNode("handle")
            .EndEvent("end")
            .MoveToActivity("handle").BoundaryEvent("escalated").Escalation("LATE").CancelActivity(false).EndEvent("escalatedEnd")
            .MoveToNode("end").EventSubProcess("onCancel").StartEvent("cancelStart").Message("cancel order").EndEvent("cancelEnd")
            .MoveToNode("end").EventSubProcess("onTimeout").StartEvent("timeoutStart").TimerWithDuration("P1D").Interrupting(false).ServiceTask("notify").Name("Notify").EndEvent("timeoutEnd")
            .Done();

    public static BpmnDefinitions IntermediateEvents() =>
        Bpmn.CreateProcess("intermediate").Name("Intermediate").Variable("ready", "bool").MessageOutput("paid", "paidAmount", "decimal").Variable("paidAmount", "decimal").Variable("orderId", "string")
            .StartEvent()
            .IntermediateThrowEvent("blank").Name("Passed")
            .IntermediateCatchEvent("wait").Name("Wait").TimerWithDuration("PT5M")
            .IntermediateCatchEvent("paid").Name("Paid").Message("paid").CorrelationKey("orderId")
            .IntermediateCatchEvent("go").Name("Go").Signal("go")
            .IntermediateCatchEvent("ready").Name("Ready").Conditional("ready")
            .IntermediateThrowEvent("announce").Name("Announce").Signal("announced")
            .IntermediateThrowEvent("escalate").Name("Escalate").Escalation("SLOW")
            .EventBasedGateway("race")
            .IntermediateCatchEvent("first").Name("First").Message("first").EndEvent("firstEnd")
            .MoveToNode("race").IntermediateCatchEvent("timeout").Name("Timeout").TimerWithDuration("PT10M").IntermediateThrowEvent("jump").Name("Jump").Link("later")
            .MoveToNode("race").ReceiveTask("third").Name("Third").Message("third").EndEvent("thirdEnd")
            .Done()
            .AddLinkCatch();

    /// <summary>A link catch starts a chain of its own (no incoming flow): added through the model API.</summary>
    private static BpmnDefinitions AddLinkCatch(this BpmnDefinitions model)
    {
        var process = model.Processes[0];
        var catchEvent = new BpmnFlowNode("later", BpmnNodeKind.IntermediateCatchEvent) { Name = "Later" };
        catchEvent.EventDefinitions.Add(new BpmnEventDefinition(BpmnEventDefinitionKind.Link) { LinkName = "later" });
        var end = new BpmnFlowNode("laterEnd", BpmnNodeKind.EndEvent);
        process.FlowNodes.Add(catchEvent);
        process.FlowNodes.Add(end);
        process.SequenceFlows.Add(new BpmnSequenceFlow("Flow_later", "later", "laterEnd"));
        return model;
    }

    public static BpmnDefinitions EndEvents() =>
        Bpmn.CreateProcess("ends").Name("Ends").Variable("kind", "int")
            .StartEvent()
            .ExclusiveGateway("which").Name("Which end?")
            .Condition("terminate", "kind == 1").EndEvent("terminated").Terminate()
            .MoveToLastGateway().Condition("message", "kind == 2").EndEvent("messaged").Message("done").Handler("SendDone")
            .MoveToLastGateway().Condition("signal", "kind == 3").EndEvent("signalled").Signal("all done")
            .MoveToLastGateway().Condition("escalation", "kind == 4").EndEvent("escalated").Escalation("UP")
            .MoveToLastGateway().DefaultFlow("error").EndEvent("failed").Error("FAILED")
            .Done();

    public static BpmnDefinitions StartEvents() =>
        Bpmn.CreateProcess("starts").Name("Starts")
            .StartEvent("byMessage").Message("order placed").ExclusiveGateway("merge").ServiceTask("work").Name("Work").EndEvent("end")
            .MoveToNode("end").EventSubProcess("onSignal").StartEvent("signalStart").Signal("recall").Interrupting(false).EndEvent("signalEnd")
            .MoveToNode("end").EventSubProcess("onError").StartEvent("errorStart").Error().EndEvent("errorEnd")
            .MoveToNode("end").EventSubProcess("onEscalation").StartEvent("escalationStart").Escalation().Interrupting(false).EndEvent("escalationEnd")
            .MoveToNode("end").EventSubProcess("onCondition").StartEvent("conditionStart").Conditional("false").EndEvent("conditionEnd")
            .Done()
            .AddTimerStart();

    private static BpmnDefinitions AddTimerStart(this BpmnDefinitions model)
    {
        var process = model.Processes[0];
        var start = new BpmnFlowNode("byTimer", BpmnNodeKind.StartEvent) { Name = "Every day" };
        start.EventDefinitions.Add(new BpmnEventDefinition(BpmnEventDefinitionKind.Timer) { TimerKind = BpmnTimerKind.Cycle, TimerValue = "R/P1D" });
        process.FlowNodes.Insert(1, start);
        process.SequenceFlows.Add(new BpmnSequenceFlow("Flow_timer", "byTimer", "merge"));
        return model;
    }
}
