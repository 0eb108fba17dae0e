using Flow.Bpmn.Model;

namespace Flow.Bpmn.Tests;

/// <summary>Samples of multi-instance and standard loops, transactions, compensation and Camunda's call mappings and input/output.</summary>
public static partial class Samples
{
    public static BpmnDefinitions MultiInstances()
    {
        var model = Bpmn.CreateProcess("approvals").Name("Approvals")
            .Variable("approvers", "List<string>").Variable("vote", "int").Variable("votes", "List<string>").Variable("rounds", "int")
            .StartEvent("start")
            .UserTask("approve").Name("Approve").Output("vote", "int")
                .MultiInstance().Parallel().CamundaCollection("${approvers}").CamundaElementVariable("approver")
                    .CompletionCondition("${nrOfCompletedInstances >= 2}").OutputCollection("votes", "${approver + \":\" + vote}")
                .MultiInstanceDone()
            .ScriptTask("count").Name("Count").Script("rounds = rounds + 1;")
                .MultiInstance().Sequential().Cardinality("3").MultiInstanceDone()
            .SubProcess("perApprover").Name("Per approver")
                .MultiInstance().CamundaCollection("approvers").CamundaElementVariable("who").MultiInstanceDone()
                .EmbeddedSubProcess().StartEvent("perApproverStart").ManualTask("talk").Name("Talk").EndEvent("perApproverEnd")
                .SubProcessDone()
            .CallActivity("notify").Name("Notify").CalledElement("notification")
                .MultiInstance().Sequential().CamundaCollection("approvers").CamundaElementVariable("recipient").MultiInstanceDone()
                .CamundaIn("recipient", "to")
            .ReceiveTask("ack").Name("Acknowledged").Message("ack")
                .MultiInstance().Cardinality("2").MultiInstanceDone()
            .EndEvent("end")
            .Done();
        return Bpmn.CreateProcess(model, "notification").Name("Notification").Variable("to", "string")
            .StartEvent("notificationStart").Task("write").Name("Write").EndEvent("notificationEnd")
            .Done();
    }

    public static BpmnDefinitions StandardLoops()
    {
        var model = Bpmn.CreateProcess("loops").Name("Loops").Variable("tries", "int").Variable("done", "bool")
            .StartEvent("start")
            .ScriptTask("retry").Name("Retry").Script("tries = tries + 1;").StandardLoop("tries < 3", testBefore: true, loopMaximum: 5)
            .UserTask("check").Name("Check").Output("done", "bool").StandardLoop("!done")
            .SubProcess("round").Name("Round").StandardLoop(null, loopMaximum: 2)
                .EmbeddedSubProcess().StartEvent("roundStart").Task("step").Name("Step").EndEvent("roundEnd")
                .SubProcessDone()
            .CallActivity("again").Name("Again").CalledElement("child").StandardLoop("loopCounter < 2")
            .ReceiveTask("poll").Name("Poll").Message("poll").StandardLoop("loopCounter < 2", loopMaximum: 10)
            .EndEvent("end")
            .Done();
        return Bpmn.CreateProcess(model, "child").Name("Child").StartEvent("childStart").EndEvent("childEnd").Done();
    }

    /// <summary>A transaction cancelled by a cancel end event, with a compensated booking and a cancel boundary event.</summary>
    public static BpmnDefinitions Transaction() =>
        Bpmn.CreateProcess("booking").Name("Booking").Variable("ok", "bool")
            .StartEvent("start")
            .Transaction("book").Name("Book trip").EmbeddedSubProcess()
                .StartEvent("bookStart")
                .ServiceTask("bookHotel").Name("Book hotel")
                .UserTask("confirm").Name("Confirm").Output("ok", "bool")
                .ExclusiveGateway("confirmed").Name("Confirmed?")
                    .Condition("yes", "ok").EndEvent("booked")
                .MoveToLastGateway()
                    .Condition("no", "!ok").EndEvent("cancelTrip").Cancel()
                .MoveToActivity("bookHotel").BoundaryEvent("hotelBooked").Compensation()
                    .CompensationStart().ServiceTask("cancelHotel").Name("Cancel hotel").CompensationDone()
                .SubProcessDone()
            .EndEvent("tripBooked")
            .MoveToActivity("book").BoundaryEvent("tripCancelled").Cancel()
                .ServiceTask("tellCustomer").Name("Tell customer").EndEvent("tripCancelledEnd")
            .Done();

    /// <summary>Handlers (task, user task, sub-process) on compensation boundary events, throws with and without activityRef, a compensation event sub-process.</summary>
    public static BpmnDefinitions Compensation() =>
        Bpmn.CreateProcess("compensation").Name("Compensation").Variable("failed", "bool")
            .StartEvent("start")
            .ServiceTask("charge").Name("Charge")
            .UserTask("ship").Name("Ship")
            .SubProcess("pack").Name("Pack").EmbeddedSubProcess()
                .StartEvent("packStart").ServiceTask("reserve").Name("Reserve").EndEvent("packEnd")
                .MoveToActivity("reserve").BoundaryEvent("reserved").Compensation()
                    .CompensationStart().ServiceTask("release").Name("Release").CompensationDone()
                .EventSubProcess("undoPack").StartEvent("undoPackStart").Compensation()
                    .IntermediateThrowEvent("undoReserve").Compensation("reserve").EndEvent("undoPackEnd")
                .MoveToNode("pack")
            .ExclusiveGateway("failedGateway").Name("Failed?")
                .Condition("yes", "failed").IntermediateThrowEvent("undoCharge").Compensation("charge").EndEvent("undoAll").Compensation()
            .MoveToLastGateway().DefaultFlow("no").EndEvent("done")
            .MoveToActivity("charge").BoundaryEvent("charged").CompensateEventDefinition().CompensateEventDefinitionDone()
                .CompensationStart().ServiceTask("refund").Name("Refund").CompensationDone()
            .MoveToActivity("ship").BoundaryEvent("shipped").Compensation()
                .CompensationStart().SubProcess("recall").Name("Recall").EmbeddedSubProcess()
                    .StartEvent("recallStart").UserTask("collect").Name("Collect").EndEvent("recallEnd")
                    .SubProcessDone()
                .CompensationDone()
            .Done();

    /// <summary>camunda:in / camunda:out of a call activity and camunda:inputOutput parameters.</summary>
    public static BpmnDefinitions CallMappings()
    {
        var model = Bpmn.CreateProcess("caller").Name("Caller").Variable("amount", "decimal").Variable("invoiceId", "string").Variable("logged", "bool")
            .StartEvent("start")
            .CallActivity("bill").Name("Bill").CalledElement("billing").CamundaAttribute("calledElementBinding", "latest")
                .CamundaIn("amount", "total").CamundaInSourceExpression("${amount * 1.2m}", "gross").CamundaInAllVariables().CamundaInBusinessKey("${execution.processBusinessKey}")
                .CamundaOut("invoiceId", "invoiceId").CamundaOutAllVariables()
            .ServiceTask("log").Name("Log")
                .CamundaInputParameter("level", "info").CamundaInputParameter("text", "${amount}").CamundaInputParameter("empty", "", type: "string")
                .CamundaOutputParameter("logged", "${true}")
            .EndEvent("end")
            .Done();
        return Bpmn.CreateProcess(model, "billing").Name("Billing").Variable("total", "decimal").Variable("gross", "decimal").Variable("invoiceId", "string").Variable("amount", "decimal").Variable("logged", "bool")
            .StartEvent("billingStart").ServiceTask("invoice").Name("Invoice").EndEvent("billingEnd")
            .Done();
    }

    /// <summary>The loops and compensation example of docs/builder.md, as written there.</summary>
    public static BpmnDefinitions DocsTrip() =>
        Bpmn.CreateProcess("trip").Name("Trip")
            .Variable("cities", "List<string>").Variable("ok", "bool")
            .StartEvent()
            .Transaction("book").Name("Book trip").EmbeddedSubProcess()
                .StartEvent()
                .ServiceTask("bookHotels")
                    .MultiInstance().Sequential().CamundaCollection("cities").CamundaElementVariable("city").MultiInstanceDone()
                .ServiceTask("pay")
                .UserTask("confirm").Output("ok", "bool")
                .ExclusiveGateway()
                    .Condition("yes", "ok").EndEvent()
                .MoveToLastGateway()
                    .Condition("no", "!ok").EndEvent("cancelTrip").Cancel()
                .MoveToActivity("pay").BoundaryEvent("paid").Compensation()
                    .CompensationStart().ServiceTask("refund").CompensationDone()
                .SubProcessDone()
            .EndEvent()
            .MoveToActivity("book").BoundaryEvent("cancelled").Cancel()
                .ServiceTask("apologise").EndEvent()
            .Done();
}
