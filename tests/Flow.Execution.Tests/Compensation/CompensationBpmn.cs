using Flow.Execution.Tests.Infrastructure;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests.Compensation;

/// <summary>Test documents for compensation and transactions (issue 13).</summary>
internal static class CompensationBpmn
{
    /// <summary>A compensation boundary event <paramref name="id"/> on <paramref name="activity"/>, associated with <paramref name="handler"/>.</summary>
    public static string Compensates(string id, string activity, string handler) => $"""
            <bpmn:boundaryEvent id="{id}" attachedToRef="{activity}"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>
            <bpmn:association id="A_{id}" associationDirection="One" sourceRef="{id}" targetRef="{handler}" />
        """;

    /// <summary>A service handler (logs its id) marked isForCompensation.</summary>
    public static string Undo(string id) => $"""    <bpmn:serviceTask id="{id}" flow:handler="{id}" isForCompensation="true" />""";

    /// <summary>A compensation intermediate throw event, for <paramref name="activityRef"/> or (null) the whole scope.</summary>
    public static string Throw(string id, string? activityRef = null) =>
        $"""    <bpmn:intermediateThrowEvent id="{id}"><bpmn:compensateEventDefinition{(activityRef is null ? "" : $" activityRef=\"{activityRef}\"")} /></bpmn:intermediateThrowEvent>""";

    public static readonly string Flags = Variable("skipFlight", "bool") + Variable("all", "bool") + Variable("hotelOnly", "bool") + Variable("cancel", "bool");

    /// <summary>
    /// Start → BookHotel → (skipFlight? straight on : BookFlight) → Review (user task) → all: compensate
    /// the whole process, hotelOnly: compensate BookHotel, else End. UndoHotel (service) undoes
    /// BookHotel, UndoFlight (a user task) undoes BookFlight.
    /// </summary>
    public static readonly string Booking = Process($"""
            <bpmn:startEvent id="Start" />
        {Service("BookHotel")}
            <bpmn:exclusiveGateway id="FlightOrNot" default="WithFlight" />
        {Service("BookFlight")}
            <bpmn:exclusiveGateway id="Merge" />
            <bpmn:userTask id="Review" />
            <bpmn:exclusiveGateway id="Decide" default="Keep" />
        {Throw("CompensateAll")}
            <bpmn:endEvent id="EndAll" />
        {Throw("CompensateHotel", "BookHotel")}
            <bpmn:endEvent id="EndHotel" />
            <bpmn:endEvent id="End" />
        {Compensates("HotelBoundary", "BookHotel", "UndoHotel")}
        {Undo("UndoHotel")}
        {Compensates("FlightBoundary", "BookFlight", "UndoFlight")}
            <bpmn:userTask id="UndoFlight" isForCompensation="true" />
        {Seq("F1", "Start", "BookHotel")}
        {Seq("F2", "BookHotel", "FlightOrNot")}
        {Seq("NoFlight", "FlightOrNot", "Merge", "skipFlight")}
        {Seq("WithFlight", "FlightOrNot", "BookFlight")}
        {Seq("F3", "BookFlight", "Merge")}
        {Seq("FM", "Merge", "Review")}
        {Seq("F4", "Review", "Decide")}
        {Seq("ToAll", "Decide", "CompensateAll", "all")}
        {Seq("ToHotel", "Decide", "CompensateHotel", "hotelOnly")}
        {Seq("Keep", "Decide", "End")}
        {Seq("F5", "CompensateAll", "EndAll")}
        {Seq("F6", "CompensateHotel", "EndHotel")}
        """, Flags);

    /// <summary>
    /// A transaction Pay { BookHotel → BookFlight → Confirm (user task) → cancel? CancelEnd : TxEnd }
    /// with handlers UndoHotel and UndoFlight (services); its cancel boundary event Cancelled leads to
    /// NotifyCancelled → EndCancelled; completed, it goes on to Ship → End.
    /// </summary>
    public static readonly string Transaction = Process($"""
            <bpmn:startEvent id="Start" />
            <bpmn:transaction id="Pay">
              <bpmn:startEvent id="TxStart" />
        {Service("BookHotel")}
        {Service("BookFlight")}
              <bpmn:userTask id="Confirm" />
              <bpmn:exclusiveGateway id="Decide" default="Commit" />
              <bpmn:endEvent id="CancelEnd"><bpmn:cancelEventDefinition /></bpmn:endEvent>
              <bpmn:endEvent id="TxEnd" />
        {Compensates("HotelBoundary", "BookHotel", "UndoHotel")}
        {Undo("UndoHotel")}
        {Compensates("FlightBoundary", "BookFlight", "UndoFlight")}
        {Undo("UndoFlight")}
        {Seq("T1", "TxStart", "BookHotel")}
        {Seq("T2", "BookHotel", "BookFlight")}
        {Seq("T3", "BookFlight", "Confirm")}
        {Seq("T4", "Confirm", "Decide")}
        {Seq("Abort", "Decide", "CancelEnd", "cancel")}
        {Seq("Commit", "Decide", "TxEnd")}
            </bpmn:transaction>
            <bpmn:boundaryEvent id="Cancelled" attachedToRef="Pay"><bpmn:cancelEventDefinition /></bpmn:boundaryEvent>
        {Service("NotifyCancelled")}
            <bpmn:endEvent id="EndCancelled" />
        {Service("Ship")}
            <bpmn:endEvent id="End" />
        {Seq("F1", "Start", "Pay")}
        {Seq("F2", "Pay", "Ship")}
        {Seq("F3", "Ship", "End")}
        {Seq("F4", "Cancelled", "NotifyCancelled")}
        {Seq("F5", "NotifyCancelled", "EndCancelled")}
        """, Flags);

    /// <summary>
    /// A sub-process Trip { BookHotel → BookFlight → TripEnd } with handlers UndoHotel and UndoFlight
    /// (and, when <paramref name="withEventSubProcess"/>, a compensation event sub-process that logs
    /// NotifyUndo and then compensates the trip's activities); then Review (user task) → all:
    /// compensate the whole process → EndAll, else End.
    /// </summary>
    public static string Trip(bool withEventSubProcess) => Process($"""
            <bpmn:startEvent id="Start" />
            <bpmn:subProcess id="Trip">
              <bpmn:startEvent id="TripStart" />
        {Service("BookHotel")}
        {Service("BookFlight")}
              <bpmn:endEvent id="TripEnd" />
        {Compensates("HotelBoundary", "BookHotel", "UndoHotel")}
        {Undo("UndoHotel")}
        {Compensates("FlightBoundary", "BookFlight", "UndoFlight")}
        {Undo("UndoFlight")}
        {Seq("T1", "TripStart", "BookHotel")}
        {Seq("T2", "BookHotel", "BookFlight")}
        {Seq("T3", "BookFlight", "TripEnd")}
        {(withEventSubProcess ? $"""
              <bpmn:subProcess id="OnCompensate" triggeredByEvent="true">
                <bpmn:startEvent id="CompensateStart"><bpmn:compensateEventDefinition /></bpmn:startEvent>
        {Service("NotifyUndo")}
        {Throw("CompensateInner")}
                <bpmn:endEvent id="CompensatedEnd" />
        {Seq("E1", "CompensateStart", "NotifyUndo")}
        {Seq("E2", "NotifyUndo", "CompensateInner")}
        {Seq("E3", "CompensateInner", "CompensatedEnd")}
              </bpmn:subProcess>
        """ : "")}
            </bpmn:subProcess>
            <bpmn:userTask id="Review" />
            <bpmn:exclusiveGateway id="Decide" default="Keep" />
        {Throw("CompensateAll")}
            <bpmn:endEvent id="EndAll" />
            <bpmn:endEvent id="End" />
        {Seq("F1", "Start", "Trip")}
        {Seq("F2", "Trip", "Review")}
        {Seq("F3", "Review", "Decide")}
        {Seq("ToAll", "Decide", "CompensateAll", "all")}
        {Seq("Keep", "Decide", "End")}
        {Seq("F4", "CompensateAll", "EndAll")}
        """, Flags);
}

/// <summary>More compensation documents: an end event that compensates, and an error event sub-process that compensates the process.</summary>
internal static class MoreCompensationBpmn
{
    /// <summary>Start → (early? straight to the end : BookHotel) → CompensateEnd (a compensation end event); UndoHotel undoes BookHotel.</summary>
    public static readonly string CompensationEnd = Process($"""
            <bpmn:startEvent id="Start" />
            <bpmn:exclusiveGateway id="Early" default="Book" />
        {Service("BookHotel")}
            <bpmn:exclusiveGateway id="Merge" />
            <bpmn:endEvent id="CompensateEnd"><bpmn:compensateEventDefinition /></bpmn:endEvent>
        {CompensationBpmn.Compensates("HotelBoundary", "BookHotel", "UndoHotel")}
        {CompensationBpmn.Undo("UndoHotel")}
        {Seq("F1", "Start", "Early")}
        {Seq("Skip", "Early", "Merge", "skipFlight")}
        {Seq("Book", "Early", "BookHotel")}
        {Seq("F2", "BookHotel", "Merge")}
        {Seq("F3", "Merge", "CompensateEnd")}
        """, CompensationBpmn.Flags);

    /// <summary>Start → BookHotel → BookFlight → Pay (throws FlowError(code) when code is set) → End; an error event sub-process compensates the process.</summary>
    public static readonly string ErrorThenCompensate = Process($"""
            <bpmn:startEvent id="Start" />
        {Service("BookHotel")}
        {Service("BookFlight")}
        {Service("Pay")}
            <bpmn:endEvent id="End" />
        {CompensationBpmn.Compensates("HotelBoundary", "BookHotel", "UndoHotel")}
        {CompensationBpmn.Undo("UndoHotel")}
        {CompensationBpmn.Compensates("FlightBoundary", "BookFlight", "UndoFlight")}
        {CompensationBpmn.Undo("UndoFlight")}
        {Seq("F1", "Start", "BookHotel")}
        {Seq("F2", "BookHotel", "BookFlight")}
        {Seq("F3", "BookFlight", "Pay")}
        {Seq("F4", "Pay", "End")}
            <bpmn:subProcess id="OnError" triggeredByEvent="true">
              <bpmn:startEvent id="ErrorStart"><bpmn:errorEventDefinition /></bpmn:startEvent>
        {CompensationBpmn.Throw("UndoAll")}
              <bpmn:endEvent id="Failed" />
        {Seq("E1", "ErrorStart", "UndoAll")}
        {Seq("E2", "UndoAll", "Failed")}
            </bpmn:subProcess>
        """, Events.EventBpmn.CodeVariable);
}
