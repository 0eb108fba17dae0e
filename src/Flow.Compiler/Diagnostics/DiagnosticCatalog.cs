using System.Collections.Generic;
using System.Linq;

namespace Flow.Compiler.Diagnostics;

/// <summary>
/// Every diagnostic the compiler can report. Ranges: FLOW0xxx reading, FLOW1xxx structure,
/// FLOW2xxx soundness and gateway semantics, FLOW3xxx expressions, FLOW4xxx not supported yet.
/// Each id is documented in docs/diagnostics.md (a test keeps the two in step).
/// </summary>
public static class DiagnosticCatalog
{
    // FLOW0xxx: reading the file.
    public static readonly FlowDiagnosticDescriptor MalformedXml = new(
        "FLOW0001", FlowSeverity.Error, "The file is not well-formed XML",
        "The file is not well-formed XML: {0}",
        "The XML parser stopped at this position. Fix the XML (an unclosed tag, a stray '&' or '<', a truncated file).");

    public static readonly FlowDiagnosticDescriptor DtdProhibited = new(
        "FLOW0002", FlowSeverity.Error, "DTDs are not allowed in BPMN files",
        "The file declares a DTD (<!DOCTYPE ...>); DTDs are refused so that no entity is ever expanded and nothing external is ever resolved",
        "BPMN 2.0 files never need a DTD. Remove the <!DOCTYPE> declaration and any entity references.");

    public static readonly FlowDiagnosticDescriptor NotBpmn = new(
        "FLOW0003", FlowSeverity.Error, "The file is not a BPMN 2.0 document",
        "The root element is '{0}' in namespace '{1}'; expected 'definitions' in the BPMN 2.0 model namespace",
        "A BPMN file's root element is <definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">. The older draft namespaces are accepted too.");

    public static readonly FlowDiagnosticDescriptor NoExecutableProcess = new(
        "FLOW0004", FlowSeverity.Warning, "The file has no executable process",
        "'{0}' contains no executable process, so no code is generated for it",
        "Mark a process isExecutable=\"true\" (Camunda Modeler: 'Executable' in the process properties) or remove the file from the build.");

    public static readonly FlowDiagnosticDescriptor ProcessNotExecutable = new(
        "FLOW0005", FlowSeverity.Info, "Non-executable process skipped",
        "Process '{0}' has isExecutable=\"false\" and is skipped",
        "Only executable processes are compiled. Set isExecutable=\"true\" to compile this one.");

    public static readonly FlowDiagnosticDescriptor FileTooLarge = new(
        "FLOW0006", FlowSeverity.Error, "The file is too large",
        "The file has {0} characters; the limit is {1}",
        "Large files are refused to protect the build. Split the diagram into several files.");

    public static readonly FlowDiagnosticDescriptor UnrecognisedElement = new(
        "FLOW0007", FlowSeverity.Warning, "Unrecognised BPMN element ignored",
        "The element '{0}' is not a BPMN 2.0 element that may appear here and is ignored",
        "The element is in the BPMN namespace but is not part of BPMN 2.0 in this place. Elements of other namespaces (diagram interchange, modeller extensions) are ignored without a diagnostic.");

    public static readonly FlowDiagnosticDescriptor MissingAttribute = new(
        "FLOW0008", FlowSeverity.Error, "A required attribute is missing",
        "The element '{0}' has no '{1}' attribute",
        "Flow nodes need an id; sequence flows need sourceRef and targetRef. A sequence flow without an id is valid and gets a generated one (Flow_{source}_{target}).");

    public static readonly FlowDiagnosticDescriptor IdNotAnXmlName = new(
        "FLOW0010", FlowSeverity.Error, "An id is not an XML name",
        "The id '{0}' is not an XML name (NCName)",
        "BPMN ids are xsd:ID values: a letter or '_' first, then letters, digits, '-', '_' or '.'; no spaces, quotes, ':', line separators, control or bidi characters. Rename the element's id.");

    public static readonly FlowDiagnosticDescriptor IdTooLong = new(
        "FLOW0011", FlowSeverity.Error, "An id is too long",
        "The id of this {0} has {1} characters; the limit is {2} (it begins '{3}')",
        "Ids are repeated in the generated code (constants, the graph, every flow that names them) and in every saved instance; a modeller writes ids of a few dozen characters. Shorten the id. Nothing is generated for this file.");

    public static readonly FlowDiagnosticDescriptor NameTooLong = new(
        "FLOW0012", FlowSeverity.Error, "A name is too long",
        "The name of the {0} '{1}' has {2} characters; the limit is {3}",
        "A name is the label drawn on the shape, written into the generated code's comments and description. Move long text to a documentation element or a text annotation, and shorten the name. Nothing is generated for this file.");

    public static readonly FlowDiagnosticDescriptor ExpressionTooLong = new(
        "FLOW0013", FlowSeverity.Error, "A condition or script is too long",
        "The {0} has {1} characters; the limit is {2}",
        "Each condition, script and expression becomes one C# method of the generated code. Code that long belongs in a handler (a C# method you write) or a script resource, not inline in the diagram. Nothing is generated for this file.");

    public static readonly FlowDiagnosticDescriptor AttributeTooLong = new(
        "FLOW0014", FlowSeverity.Error, "An attribute is too long",
        "The attribute {0} of {1} has {2} characters; the limit is {3}",
        "An attribute is an expression that becomes code (camunda:expression, camunda:delegateExpression, camunda:collection, loopCondition, …) or a key that becomes a literal and a lookup (calledElement, flow:correlationKey, …); no diagram needs one that long. Move the code into a handler (a C# method you write) and shorten the key. Nothing is generated for this file.");

    public static readonly FlowDiagnosticDescriptor NestedTooDeeply = new(
        "FLOW0020", FlowSeverity.Error, "Elements nested too deeply",
        "This element is nested more than {0} elements deep",
        "No diagram needs this depth; the file is refused before it is read so that deep nesting cannot exhaust the compiler's stack. Flatten the XML.");

    public static readonly FlowDiagnosticDescriptor ScopeTooDeep = new(
        "FLOW0021", FlowSeverity.Error, "Sub-processes nested too deeply",
        "'{0}' is a sub-process nested {1} deep; at most {2} levels of sub-processes are allowed",
        "Flatten the diagram: move inner sub-processes into the enclosing scope or into a separate process.");

    public static readonly FlowDiagnosticDescriptor MarkupInExpression = new(
        "FLOW0022", FlowSeverity.Error, "Element inside a condition or script",
        "The {0} contains the element '{1}'; it may hold only text, CDATA, comments and processing instructions",
        "Write the condition or script as text (wrap it in <![CDATA[ ... ]]> if it contains '<' or '&'); an element inside it would otherwise be dropped silently.");

    public static readonly FlowDiagnosticDescriptor TooManyProcesses = new(
        "FLOW0023", FlowSeverity.Error, "Too many processes in one file",
        "The file has more than {0} processes; this is where the limit is crossed",
        "Split the processes over several files. Nothing is generated for this file.");

    public static readonly FlowDiagnosticDescriptor InternalError = new(
        "FLOW0999", FlowSeverity.Error, "Internal compiler error",
        "The BPMN compiler failed on this file: {0}",
        "This is a bug in Flow.Generators, not in your diagram. Please report it with the file.");

    // FLOW1xxx: structure.
    public static readonly FlowDiagnosticDescriptor NoStartEvent = new(
        "FLOW1001", FlowSeverity.Error, "No start event",
        "{0} '{1}' has no start event",
        "A process or sub-process needs a start event where its tokens begin.", "start-event-required");

    public static readonly FlowDiagnosticDescriptor SeveralBlankStartEvents = new(
        "FLOW1002", FlowSeverity.Error, "More than one blank start event",
        "Start event '{0}' is a second blank start event in '{1}'; a scope can have only one",
        "With two blank start events the engine cannot tell where to start. Keep one, or give the others an event definition.", "single-blank-start-event");

    public static readonly FlowDiagnosticDescriptor NoEndEvent = new(
        "FLOW1003", FlowSeverity.Warning, "No end event",
        "{0} '{1}' has no end event",
        "Valid BPMN: the scope completes when its last token is consumed (each node without outgoing flow ends its token, FLOW1007). An end event makes the end visible. Raise to an error with dotnet_diagnostic.FLOW1003.severity = error.", "end-event-required");

    public static readonly FlowDiagnosticDescriptor DanglingReference = new(
        "FLOW1004", FlowSeverity.Error, "Reference to an element that does not exist",
        "{0} '{1}' has {2}=\"{3}\", but the process has no {4} with that id",
        "A reference must name an element of the right kind in the same process or sub-process. Check for typos or elements deleted without their flows.");

    public static readonly FlowDiagnosticDescriptor DuplicateId = new(
        "FLOW1005", FlowSeverity.Error, "Duplicate id",
        "The id '{0}' is used again here; it was first used at line {1}, column {2}",
        "Ids must be unique within a file; references would be ambiguous.");

    public static readonly FlowDiagnosticDescriptor ImplicitStart = new(
        "FLOW1006", FlowSeverity.Error, "Node without incoming flow (implicit start)",
        "{0} '{1}' has no incoming sequence flow and is not a start event",
        "Nothing can ever reach this node. Connect it, or make it a start event.", "no-implicit-start");

    public static readonly FlowDiagnosticDescriptor ImplicitEnd = new(
        "FLOW1007", FlowSeverity.Warning, "Node without outgoing flow (implicit end)",
        "{0} '{1}' has no outgoing sequence flow and is not an end event; its token ends here (implicit end)",
        "Valid BPMN and executed as such: the token is consumed, and the process or sub-process completes when no token is left. End the path with an end event to make that visible, or raise this to an error with dotnet_diagnostic.FLOW1007.severity = error.", "no-implicit-end");

    public static readonly FlowDiagnosticDescriptor Unreachable = new(
        "FLOW1008", FlowSeverity.Warning, "Node not reachable from a start event",
        "{0} '{1}' cannot be reached from any start event",
        "No path of sequence flows leads here from a start event of its scope, so it never runs.");

    public static readonly FlowDiagnosticDescriptor ImplicitStartWithoutStartEvent = new(
        "FLOW1050", FlowSeverity.Warning, "Node that starts without a start event (implicit start)",
        "{0} '{1}' has no incoming sequence flow and its scope '{2}' has no start event; it starts when '{2}' starts (implicit start)",
        "Valid BPMN and executed as such: in a process or sub-process without start event every node without incoming flow gets a token when the scope starts. Add a start event to make the start visible, or raise this to an error with dotnet_diagnostic.FLOW1050.severity = error.", "no-implicit-start");

    public static readonly FlowDiagnosticDescriptor Disconnected = new(
        "FLOW1009", FlowSeverity.Error, "Disconnected node",
        "{0} '{1}' has no incoming and no outgoing sequence flow",
        "The node is not connected to anything. Connect it or delete it.", "no-disconnected");

    public static readonly FlowDiagnosticDescriptor IdentifierCollision = new(
        "FLOW1010", FlowSeverity.Error, "Ids that do not become distinct C# identifiers",
        "'{0}' and '{1}' both become the C# identifier '{2}'",
        "Generated code names nodes and processes after their ids and names. Rename one of them (for example 'Task-1' and 'Task_1' collide).");

    public static readonly FlowDiagnosticDescriptor InvalidOptionIdentifier = new(
        "FLOW1011", FlowSeverity.Error, "Invalid namespace or class name option",
        "The {0} '{1}' set for this file is not a valid C# {2}",
        "The FlowNamespace and FlowClassName item metadata must be valid C# names.");

    public static readonly FlowDiagnosticDescriptor DuplicateProcessKey = new(
        "FLOW1012", FlowSeverity.Error, "Two processes with the same key",
        "The process key '{0}' is also defined in '{1}'",
        "A process's key (its id) must be unique in a project, because the runtime starts processes by key.");

    public static readonly FlowDiagnosticDescriptor DuplicateClassName = new(
        "FLOW1013", FlowSeverity.Error, "Two processes generate the same class",
        "The process '{0}' generates the class '{1}', which '{2}' generates too",
        "Give one of the processes a different name, or set FlowClassName/FlowNamespace metadata on its file.");

    public static readonly FlowDiagnosticDescriptor FlowCrossesScope = new(
        "FLOW1014", FlowSeverity.Error, "Sequence flow crosses a sub-process boundary",
        "Sequence flow '{0}' connects '{1}' and '{2}', which are in different scopes",
        "A sequence flow must stay within one process or sub-process. Connect to the sub-process itself instead.");

    public static readonly FlowDiagnosticDescriptor SeveralEventDefinitions = new(
        "FLOW1015", FlowSeverity.Error, "Event with more than one event definition",
        "Event '{0}' has {1} event definitions",
        "Events with several definitions (multiple/parallel-multiple events) are ambiguous to execute; use one definition per event.", "single-event-definition");

    public static readonly FlowDiagnosticDescriptor TypedStartInSubProcess = new(
        "FLOW1016", FlowSeverity.Error, "Sub-process start event with a trigger",
        "Start event '{0}' of sub-process '{1}' has a {2} definition; an embedded sub-process starts with a blank start event",
        "Only event sub-processes have triggered start events.", "sub-process-blank-start-event");

    public static readonly FlowDiagnosticDescriptor BlankStartInEventSubProcess = new(
        "FLOW1017", FlowSeverity.Error, "Event sub-process with a blank start event",
        "Start event '{0}' of event sub-process '{1}' has no event definition",
        "An event sub-process is started by its trigger; give the start event a definition (message, timer, error, ...).", "event-sub-process-typed-start-event");

    public static readonly FlowDiagnosticDescriptor DuplicateSequenceFlow = new(
        "FLOW1018", FlowSeverity.Warning, "Duplicate sequence flow",
        "Sequence flow '{0}' duplicates '{1}' (same source, target and condition)",
        "Two identical flows send two tokens along the same path. Delete one.", "no-duplicate-sequence-flows");

    public static readonly FlowDiagnosticDescriptor StartOrEndInAdHoc = new(
        "FLOW1019", FlowSeverity.Error, "Start or end event in an ad-hoc sub-process",
        "Ad-hoc sub-process '{0}' contains the {1} '{2}'",
        "Ad-hoc sub-processes have no start or end events.", "ad-hoc-sub-process");

    public static readonly FlowDiagnosticDescriptor LinkEventMismatch = new(
        "FLOW1020", FlowSeverity.Error, "Link event without a partner",
        "Link event '{0}' {1}",
        "A link throw event jumps to the link catch event of the same name in the same scope; each name needs exactly one catch.", "link-event");

    public static readonly FlowDiagnosticDescriptor EventBasedGatewayShape = new(
        "FLOW1021", FlowSeverity.Error, "Malformed event-based gateway",
        "Event-based gateway '{0}' {1}",
        "An event-based gateway needs at least two outgoing flows, none of them conditional, each to a catching event or receive task.", "event-based-gateway");

    // FLOW1100–FLOW1149: events (boundary events, errors, escalations, messages, signals).
    public static readonly FlowDiagnosticDescriptor BoundaryCannotAttach = new(
        "FLOW1100", FlowSeverity.Error, "Boundary event attached to something it cannot attach to",
        "Boundary event '{0}' cannot be attached to '{1}': {2}",
        "A boundary event sits on a task or sub-process of its own scope (attachedToRef). Events and gateways have no boundary; a boundary event in another sub-process than its activity cannot see it. Attach it to the activity it should watch, in the same scope.");

    public static readonly FlowDiagnosticDescriptor NonInterruptingErrorBoundary = new(
        "FLOW1101", FlowSeverity.Error, "Non-interrupting error boundary event",
        "Error boundary event '{0}' has cancelActivity=\"false\"; an error always ends the activity it is caught on",
        "BPMN makes error boundary events interrupting. Remove cancelActivity=\"false\", or use an escalation (which may be non-interrupting) to report something and go on.");

    public static readonly FlowDiagnosticDescriptor UnresolvedEventReference = new(
        "FLOW1102", FlowSeverity.Error, "Event refers to an element that does not exist",
        "'{0}' refers to the {1}, which the file does not define",
        "A messageRef, signalRef, errorRef or escalationRef names a root element (<message>, <signal>, <error>, <escalation>) of the same file by its id. Add the element, or fix the reference (Camunda Modeler: the event's Message/Signal/Error/Escalation field).");

    public static readonly FlowDiagnosticDescriptor ErrorNeverThrown = new(
        "FLOW1103", FlowSeverity.Warning, "Error boundary event for a code nothing throws",
        "Error boundary event '{0}' catches error '{1}', but nothing in '{2}' can throw it",
        "Only an error end event inside the sub-process, or a handler or script that throws FlowError(\"code\"), raises an error an error boundary catches. A user, receive or manual task never throws; a sub-process whose error end events have other codes and which runs no code never throws this one.");

    public static readonly FlowDiagnosticDescriptor MissingEventReference = new(
        "FLOW1104", FlowSeverity.Warning, "Message or signal event without a message or signal",
        "{0} '{1}' has no {2}; it is matched by its own name '{3}'",
        "Messages are correlated and signals broadcast by name. Without a messageRef or signalRef the event's own name (else its id) is used, which other diagrams and the host must spell alike; reference a <message>/<signal> with a name instead (Camunda Modeler: Global message/signal reference).");

    public static readonly FlowDiagnosticDescriptor BoundaryNeverTriggered = new(
        "FLOW1105", FlowSeverity.Warning, "Message or signal boundary event on an activity that never waits",
        "Boundary event '{0}' waits for a {1}, but '{2}' never waits, so nothing can arrive while it runs",
        "Messages and signals arrive between runs of an instance, while it waits: put the boundary event on a user, receive or manual task or on a sub-process that waits somewhere.");

    public static readonly FlowDiagnosticDescriptor SelfTriggeringEventSubProcess = new(
        "FLOW1106", FlowSeverity.Warning, "Event sub-process that can start itself without end",
        "Non-interrupting event sub-process '{0}' starts on {1} '{2}' and '{3}' in it throws that {1} again before anything waits, so it can start itself without end",
        "Each start of a non-interrupting event sub-process runs beside the others; if its body throws its own signal, escalation or message before a user, receive or manual task, catch event or event-based gateway, every run starts another. Throw something else, wait before throwing, or make the start interrupting.");

    public static readonly FlowDiagnosticDescriptor BadDefaultFlow = new(
        "FLOW1022", FlowSeverity.Error, "Default flow does not leave the element",
        "'{0}' names '{1}' as its default flow, but that is not one of its outgoing sequence flows",
        "The default attribute must name an outgoing sequence flow of the same element.");

    public static readonly FlowDiagnosticDescriptor InvalidHandlerName = new(
        "FLOW1023", FlowSeverity.Error, "Invalid handler name",
        "The flow:handler name '{0}' of '{1}' is not a C# identifier",
        "flow:handler names the method that implements the task; write a C# identifier such as CheckStock.");

    public static readonly FlowDiagnosticDescriptor UnreadableHandlerBinding = new(
        "FLOW1260", FlowSeverity.Error, "Handler binding names no handler",
        "The {0} '{1}' of '{2}' does not name a handler",
        "A task bound to a handler the host registers names it by a name of letters, digits and underscores: camunda:delegateExpression=\"${checkStock}\", camunda:class=\"com.shop.CheckStock\" (the handler 'checkStock'), camunda:expression=\"${checkStock.run(execution)}\" (the bean 'checkStock'), or flow:handler=\"checkStock\" in a diagram deployed as content. Other expressions cannot be run: write the name of a registered handler.");

    public static readonly FlowDiagnosticDescriptor InvalidDataType = new(
        "FLOW1030", FlowSeverity.Error, "Invalid data type name",
        "The flow:dataType '{0}' of process '{1}' is not a C# type name",
        "flow:dataType names your own class for the process data, written as Namespace.Type with C# identifiers (no generic arguments, no spaces).");

    public static readonly FlowDiagnosticDescriptor ProcessTooLarge = new(
        "FLOW1040", FlowSeverity.Error, "Process too large",
        "Process '{0}' has more than {1} {2}, the most a process may have",
        "Split the process (call activities, or several processes). Nothing is generated for this file.");

    public static readonly FlowDiagnosticDescriptor TooManyBranches = new(
        "FLOW1041", FlowSeverity.Error, "Gateway with too many branches",
        "'{0}' has {1} {2} sequence flows; at most {3} are allowed",
        "Route the branches through several gateways, or model the variants as data. Nothing is generated for this file.");

    // FLOW2xxx: soundness and gateway semantics.
    public static readonly FlowDiagnosticDescriptor UnconditionalFlowFromSplit = new(
        "FLOW2001", FlowSeverity.Error, "Unconditional flow out of a conditional split",
        "Sequence flow '{0}' leaves the {1} '{2}' without a condition and is not its default flow",
        "Every outgoing flow of an exclusive or inclusive split needs a condition, except the one default flow.", "conditional-flows");

    public static readonly FlowDiagnosticDescriptor SplitMayMatchNothing = new(
        "FLOW2002", FlowSeverity.Warning, "Split without default flow may match nothing",
        "The {0} '{1}' has no default flow; if all its conditions are false the instance fails",
        "Add a default flow (Camunda Modeler: 'Default flow' on a sequence flow), or make the conditions cover every case.");

    public static readonly FlowDiagnosticDescriptor ConditionOnParallelFlow = new(
        "FLOW2003", FlowSeverity.Error, "Condition on a flow out of a parallel gateway",
        "Sequence flow '{0}' leaves parallel gateway '{1}' but has a condition, which a parallel gateway never evaluates",
        "A parallel gateway takes all its outgoing flows. Remove the condition, or use an inclusive gateway.");

    public static readonly FlowDiagnosticDescriptor ParallelJoinDeadlock = new(
        "FLOW2004", FlowSeverity.Error, "Parallel join after an exclusive choice (deadlock)",
        "Parallel gateway '{0}' waits for all its incoming flows, but exclusive choice '{1}' lets only some of them arrive; the join would wait for ever",
        "After an exclusive (or event-based) split only one branch runs. Merge its branches with an exclusive gateway, not a parallel one.");

    public static readonly FlowDiagnosticDescriptor ImplicitSplit = new(
        "FLOW2005", FlowSeverity.Warning, "Implicit split",
        "{0} '{1}' has {2} unconditional outgoing flows; it forks in parallel without a gateway",
        "Make the fork explicit with a parallel gateway.", "no-implicit-split");

    public static readonly FlowDiagnosticDescriptor ImplicitJoin = new(
        "FLOW2006", FlowSeverity.Warning, "Implicit join",
        "{0} '{1}' has {2} incoming flows; it runs once per arriving token instead of joining",
        "Merge the flows with a gateway before the node.", "fake-join");

    public static readonly FlowDiagnosticDescriptor GatewayJoinsAndForks = new(
        "FLOW2007", FlowSeverity.Error, "Gateway that joins and forks",
        "Gateway '{0}' has {1} incoming and {2} outgoing flows",
        "A gateway that both joins and forks is hard to read and to execute. Use one gateway to join and another to fork.", "no-gateway-join-fork");

    public static readonly FlowDiagnosticDescriptor InclusiveChoiceBeforeParallelJoin = new(
        "FLOW2008", FlowSeverity.Warning, "Parallel join after an inclusive choice",
        "Parallel gateway '{0}' waits for all its incoming flows, but inclusive gateway '{1}' may let only some of them arrive",
        "Merge the branches of an inclusive split with an inclusive (synchronising) join.");

    public static readonly FlowDiagnosticDescriptor SuperfluousGateway = new(
        "FLOW2009", FlowSeverity.Warning, "Superfluous gateway",
        "Gateway '{0}' has one incoming and one outgoing flow and does nothing",
        "Remove the gateway.", "superfluous-gateway");

    public static readonly FlowDiagnosticDescriptor ConditionOnDefaultFlow = new(
        "FLOW2010", FlowSeverity.Warning, "Condition on a default flow",
        "Sequence flow '{0}' is the default flow of '{1}' and also has a condition, which is never evaluated",
        "A default flow is taken when no other condition holds; its own condition is ignored. Remove it.");

    public static readonly FlowDiagnosticDescriptor ConditionalFlowFromNonGateway = new(
        "FLOW2011", FlowSeverity.Error, "Conditional flow out of an event",
        "Sequence flow '{0}' leaves event '{1}' with a condition; only activities and gateways may have conditional outgoing flows",
        "Put an exclusive gateway after the event.");

    public static readonly FlowDiagnosticDescriptor DeadlockAnalysisSkipped = new(
        "FLOW2020", FlowSeverity.Warning, "Parallel joins not checked for deadlocks",
        "Parallel join '{0}' and the joins after it were not checked for deadlocks (FLOW2004, FLOW2008): the check would take more than {1} steps in this process",
        "The process has so many choices and parallel joins that checking every pair would slow the build. Split it, or review its parallel joins by hand.");

    // FLOW115x: timers.
    public static readonly FlowDiagnosticDescriptor TimerWithoutTime = new(
        "FLOW1150", FlowSeverity.Error, "Timer without a time",
        "Timer event '{0}' has no timeDuration, timeDate or timeCycle with a value",
        "Give the timerEventDefinition one of <timeDuration>PT10M</timeDuration>, <timeDate>2026-12-01T10:00:00Z</timeDate> or <timeCycle>R3/PT1H</timeCycle> (ISO 8601), or a ${...} C# expression over the data.");

    public static readonly FlowDiagnosticDescriptor TimerWithSeveralTimes = new(
        "FLOW1151", FlowSeverity.Error, "Timer with more than one time",
        "Timer event '{0}' has a {1} and a {2}; a timer has exactly one",
        "BPMN allows one of timeDuration, timeDate and timeCycle per timer. Keep the one you mean.");

    public static readonly FlowDiagnosticDescriptor TimerStartExpression = new(
        "FLOW1152", FlowSeverity.Error, "Timer start event with an expression",
        "Timer start event '{0}' uses an expression; a start timer is scheduled when its version is deployed, before any instance data exists",
        "Write the start timer as an ISO 8601 literal (e.g. R/P1D or 2026-12-01T10:00:00Z). Expressions are for timers inside a process, where the data exists.");

    // FLOW1160–FLOW1169: timeouts (timer boundary events on tasks that run code).
    public static readonly FlowDiagnosticDescriptor NonInterruptingTimeout = new(
        "FLOW1160", FlowSeverity.Warning, "Non-interrupting timer boundary event on a task that runs code",
        "Non-interrupting timer boundary event '{0}' sits on '{1}', which runs code and never waits, so the timer never fires",
        "A timer on a service, send, business rule or script task is a timeout: make it interrupting (cancelActivity=\"true\"), and the task is given up when the time is due and the boundary's path taken. To do something beside slow work, wait for it instead: a receive or user task that your worker completes, with the non-interrupting timer on that.");

    // FLOW3xxx: expressions.
    public static readonly FlowDiagnosticDescriptor EmptyCondition = new(
        "FLOW3001", FlowSeverity.Error, "Empty condition",
        "Sequence flow '{0}' has a condition expression with no text",
        "Write the condition, or remove the empty conditionExpression element.");

    public static readonly FlowDiagnosticDescriptor UnsupportedConditionLanguage = new(
        "FLOW3002", FlowSeverity.Error, "Condition language not supported",
        "The condition of sequence flow '{0}' is in language '{1}'; conditions are C# (JUEL-style ${{...}} is accepted)",
        "Write the condition in C# over the process data, e.g. amount > 1000. Remove the language attribute or set it to csharp.");

    public static readonly FlowDiagnosticDescriptor FeelCondition = new(
        "FLOW3003", FlowSeverity.Error, "FEEL conditions not supported",
        "The condition of sequence flow '{0}' is a FEEL expression (it starts with '='); conditions are C#",
        "Zeebe writes FEEL conditions as '= expression'. Rewrite it in C#, e.g. '= not(approved)' as '!approved'.");

    public static readonly FlowDiagnosticDescriptor InvalidVariable = new(
        "FLOW3004", FlowSeverity.Error, "Invalid variable declaration",
        "The variable '{0}' {1}",
        "A variable needs a name that is a C# identifier and a C# type, e.g. <flow:variable name=\"amount\" type=\"decimal\"/>.");

    public static readonly FlowDiagnosticDescriptor DuplicateVariable = new(
        "FLOW3005", FlowSeverity.Error, "Variable declared twice",
        "The variable '{0}' is declared again here",
        "Each variable of the process data is declared once, by flow:variable, a property or a data object.");

    public static readonly FlowDiagnosticDescriptor VariablesWithDataType = new(
        "FLOW3006", FlowSeverity.Warning, "Variables ignored because the process binds its own data type",
        "The process binds its data to '{0}', so the variable '{1}' declared here is ignored",
        "With flow:dataType the members come from your C# type. Declare the member there, or remove flow:dataType.");

    public static readonly FlowDiagnosticDescriptor MissingScript = new(
        "FLOW3007", FlowSeverity.Error, "Script task without script",
        "Script task '{0}' has no script",
        "Write the C# script in the script task's <script> element.");

    public static readonly FlowDiagnosticDescriptor DirectiveInCode = new(
        "FLOW3010", FlowSeverity.Error, "Preprocessor directive in a script or condition",
        "The {0} of '{1}' contains the preprocessor directive '{2}'",
        "Scripts and conditions are pasted into the generated class, where a directive (#if, #region, #line, #pragma, #define, ...) would act on the rest of the generated file. Remove the directive; the code is not generated while it is there.");

    // FLOW3100–FLOW3119: expressions of events.
    public static readonly FlowDiagnosticDescriptor CorrelationKeyIgnored = new(
        "FLOW3100", FlowSeverity.Warning, "Correlation key on an element that does not catch a message",
        "'{0}' has flow:correlationKey, but it does not wait for a message; the key is ignored",
        "flow:correlationKey belongs on a message intermediate catch event, a message boundary event or a receive task with a messageRef: the C# expression over the data whose value a message must carry to reach this instance.");
    public static readonly FlowDiagnosticDescriptor InvalidTimerLiteral = new(
        "FLOW3120", FlowSeverity.Error, "Invalid timer literal",
        "The {0} of '{1}' is not valid: {2}",
        "timeDuration is an ISO 8601 duration (P3DT2H, PT10M), timeDate a date and time with offset (2026-12-01T10:00:00Z), timeCycle a repeating interval (R3/PT10M, R/PT1H, R3/2026-12-01T10:00:00Z/PT1H). Cron is not supported. Text with ${...} is a C# expression instead.");

    public static readonly FlowDiagnosticDescriptor TimerNeverFires = new(
        "FLOW3121", FlowSeverity.Error, "Timer that can never fire",
        "The timeCycle of '{0}' can never fire as a cycle: {1}",
        "A cycle needs at least one repetition (R1/…, or R/… for no end) and a period longer than zero.");

    public static readonly FlowDiagnosticDescriptor FeelTimer = new(
        "FLOW3122", FlowSeverity.Error, "FEEL timer expression not supported",
        "The {0} of '{1}' is a FEEL expression (it starts with '='); timer expressions are C#",
        "Zeebe writes FEEL timer expressions as '= expression'. Write an ISO 8601 literal, or a C# expression in ${...} returning a TimeSpan, a DateTimeOffset or ISO 8601 text.");

    // FLOW4xxx: recognised but not supported yet.
    public static readonly FlowDiagnosticDescriptor UnsupportedEvent = new(
        "FLOW4001", FlowSeverity.Error, "Event not supported yet",
        "{0} '{1}' is not supported yet",
        "Supported events: blank, timer, message, signal and conditional start events (message, signal, timer and conditional only in the process); message, signal, timer, error and escalation start events of event sub-processes; blank, terminate, error, escalation, message and signal end events; blank, link, escalation, message and signal throw events; timer, link, message and signal catch events; error, escalation, message and signal boundary events, timer and conditional boundary events on a user, receive or manual task or a sub-process, and timer boundary events (timeouts) on tasks that run code; conditional catch events and event sub-process starts with a C# condition. A conditional boundary on an activity that does not wait and a conditional event without a C# condition are read and checked but cannot run. Compensation and cancel events are checked by FLOW1300–FLOW1313.");

    public static readonly FlowDiagnosticDescriptor UnsupportedActivity = new(
        "FLOW4002", FlowSeverity.Error, "Activity not supported yet",
        "{0} '{1}' is not supported yet",
        "Supported activities: tasks of every kind, embedded sub-processes, transactions, compensation handlers and call activities. Ad-hoc sub-processes are not supported: their activities run in an order chosen while the instance runs, which a generated class cannot check. Model the activities as user tasks behind a parallel gateway (each done once, in any order), or as an event-based gateway in a loop.");

    public static readonly FlowDiagnosticDescriptor UnsupportedLoop = new(
        "FLOW4003", FlowSeverity.Error, "Loop or multi-instance activity not supported yet",
        "The {0} on '{1}' is not supported yet",
        "Loops and multi-instance run on tasks, service, send, business rule and script tasks, user, manual and receive tasks, embedded sub-processes, transactions and call activities (on an event sub-process a loop is FLOW1321). On ad-hoc sub-processes they are not supported: model the loop with an exclusive gateway and a flow back instead.");

    public static readonly FlowDiagnosticDescriptor UnsupportedGateway = new(
        "FLOW4004", FlowSeverity.Error, "Gateway not supported yet",
        "{0} '{1}' is not supported yet",
        "Supported gateways: exclusive, parallel, inclusive and event-based (with message, signal and receive-task targets). Complex gateways are not supported: their activation condition counts arriving tokens, which has no typed form here. Use an inclusive gateway (its join waits for every branch that can still arrive), or a parallel join followed by an exclusive gateway on the data.", "no-complex-gateway");

    public static readonly FlowDiagnosticDescriptor UnsupportedScriptLanguage = new(
        "FLOW4006", FlowSeverity.Error, "Script language not supported yet",
        "Script task '{0}' is in '{1}'; only C# scripts are supported: rewrite it in C# (scriptFormat=\"csharp\") or use a service task with a handler",
        "Set scriptFormat=\"csharp\" and write the script in C#, or use a service task with a handler.");

    public static readonly FlowDiagnosticDescriptor ExternalScript = new(
        "FLOW4010", FlowSeverity.Error, "Script in an external resource not supported",
        "Script task '{0}' loads its script ({1}) from the external resource '{2}'; only scripts written inline in C# are supported",
        "Scripts are compiled with the process, so they must be in the file: write the script in C# inside the script task's <script> element (scriptFormat=\"csharp\"), or use a service task with a handler.");

    // FLOW1200-FLOW1229: call activities.
    public static readonly FlowDiagnosticDescriptor CallWithoutCalledElement = new(
        "FLOW1200", FlowSeverity.Error, "Call activity without a process key",
        "Call activity '{0}' {1}",
        "calledElement names the key (the BPMN process id) of the process to call, e.g. calledElement=\"billing\". Keys computed by an expression are not supported: call each process from its own call activity behind a gateway.");

    public static readonly FlowDiagnosticDescriptor UnknownCalledElement = new(
        "FLOW1201", FlowSeverity.Error, "Call activity to a process the project does not define",
        "Call activity '{0}' calls process '{1}', which no BPMN file of this project defines",
        "Check the key for a typo (keys are case-sensitive). A process deployed from another project is found at run time: say so with flow:external=\"true\" on the call activity, and this check is skipped.");

    public static readonly FlowDiagnosticDescriptor InvalidCallBinding = new(
        "FLOW1202", FlowSeverity.Error, "Invalid call activity binding",
        "Call activity '{0}': {1}",
        "camunda:calledElementBinding is latest (the default: the newest version when the call starts), deployment (the version deployed with the calling process) or version (camunda:calledElementVersion, a process version number, 1 or more). versionTag is not supported: Flow's versions have no tags.");

    public static readonly FlowDiagnosticDescriptor InvalidCallMapping = new(
        "FLOW1203", FlowSeverity.Error, "Invalid call activity mapping",
        "Call activity '{0}': a camunda:{1} mapping {2}",
        "A mapping is source (a variable) or sourceExpression (C#, in) with a target, e.g. <camunda:in source=\"amount\" target=\"total\" />, or variables=\"all\". An out mapping copies a variable of the called process by name; an expression over the called process's data is not supported (compute it there, into a variable).");

    public static readonly FlowDiagnosticDescriptor UnknownCallVariable = new(
        "FLOW1204", FlowSeverity.Error, "Call activity mapping names an unknown variable",
        "Call activity '{0}': the camunda:{1} mapping names '{2}', which is not a variable of process '{3}'",
        "In mappings read variables of the calling process and write variables of the called one; out mappings the reverse. Names are case-sensitive. Declare the variable (flow:variable) or fix the name.");

    public static readonly FlowDiagnosticDescriptor CallBusinessKeyIgnored = new(
        "FLOW1205", FlowSeverity.Warning, "Business key not passed",
        "Call activity '{0}' passes a business key (camunda:in businessKey), which Flow instances do not have; it is ignored",
        "Flow instances are identified by their id; pass what identifies the business case as a variable (camunda:in source=\"orderId\" target=\"orderId\").");

    public static readonly FlowDiagnosticDescriptor InputOutputIgnored = new(
        "FLOW1206", FlowSeverity.Warning, "Input/output parameters not applied",
        "'{0}' has camunda:inputOutput parameters {1}, which are not applied: {2}",
        "Input/output parameters are applied on tasks, sub-processes, transactions, event sub-processes, call activities (looped and multi-instance ones too, per element), intermediate catch and throw events and end events; on an ad-hoc sub-process (which Flow does not run), and an element as a parameter's value that is none of list, map, script or value, they are read past. Set the values in the process data instead: a script task before or after the activity, a handler, the outputs of a completion (flow:output), or a call activity's camunda:in / camunda:out.");

    public static readonly FlowDiagnosticDescriptor InputOutputNotAllowed = new(
        "FLOW1246", FlowSeverity.Warning, "Input/output parameters where Camunda allows none",
        "'{0}' is a {1}, where Camunda does not allow camunda:inputOutput: its parameters are not applied",
        "Camunda refuses input/output parameters on start events, boundary events and gateways (a start event has no scope yet, a boundary event and a gateway no activity of their own). Move them to the activity after it (a task, a sub-process) or set the values in a script task or a handler there.");

    // Loops and multi-instance (FLOW1230–FLOW1259, FLOW3220–FLOW3239).
    public static readonly FlowDiagnosticDescriptor MultiInstanceWithoutCount = new(
        "FLOW1230", FlowSeverity.Error, "Multi-instance without cardinality or collection",
        "The multi-instance on '{0}' has neither a loopCardinality nor a collection, so it cannot tell how many elements to run",
        "Add <loopCardinality>n</loopCardinality> (a C# int expression) or camunda:collection=\"items\" (a data member or C# expression of a collection type).");

    public static readonly FlowDiagnosticDescriptor ElementVariableClash = new(
        "FLOW1231", FlowSeverity.Error, "Element variable hides a data member",
        "The element variable '{0}' of '{1}' has the name of a data member; in the activity's expressions and handler the element would hide it",
        "Give camunda:elementVariable a name no data member has (e.g. 'item').");

    public static readonly FlowDiagnosticDescriptor CollectionNotACollection = new(
        "FLOW1232", FlowSeverity.Error, "Multi-instance collection is not a collection",
        "The collection '{0}' of '{1}' is a data member of type '{2}', which is not a collection",
        "Declare the data member as a list or array (e.g. type=\"List<string>\") or name another member.");

    public static readonly FlowDiagnosticDescriptor ElementTypeUnknown = new(
        "FLOW1233", FlowSeverity.Error, "Element type of a multi-instance collection unknown",
        "The element type of collection '{0}' of '{1}' cannot be read from the diagram",
        "The element variable is typed: declare the collection as a data member of a list or array type (List<T>, T[], IReadOnlyList<T>, …), or set flow:elementType=\"T\" on the multiInstanceLoopCharacteristics.");

    public static readonly FlowDiagnosticDescriptor CardinalityNotInt = new(
        "FLOW1234", FlowSeverity.Error, "loopCardinality is not an int",
        "The loopCardinality '{0}' of '{1}' is not an int ({2})",
        "Write a whole number, a data member of type int, or a C# expression of type int.");

    public static readonly FlowDiagnosticDescriptor BadLoopMaximum = new(
        "FLOW1235", FlowSeverity.Error, "loopMaximum is not a whole number",
        "The loopMaximum '{0}' of '{1}' is not a whole number from 0 to 2147483647",
        "Write loopMaximum as a non-negative whole number, or leave it out.");

    public static readonly FlowDiagnosticDescriptor BadOutputCollection = new(
        "FLOW1236", FlowSeverity.Error, "Multi-instance output collection incomplete",
        "The multi-instance on '{0}' {1}",
        "flow:outputCollection names a data member of a List<T> type and flow:outputElement the C# expression each element contributes; give both, on a multi-instance (not a standard loop).");

    public static readonly FlowDiagnosticDescriptor EndlessStandardLoop = new(
        "FLOW1237", FlowSeverity.Error, "Standard loop without condition or maximum",
        "The standard loop on '{0}' has neither a loopCondition nor a loopMaximum, so it would never end",
        "Add <loopCondition>…</loopCondition> (a C# bool expression: the loop runs again while it holds) or loopMaximum=\"n\".");

    // camunda:inputOutput parameters applied (FLOW1240–FLOW1249).
    public static readonly FlowDiagnosticDescriptor UntypedInputParameter = new(
        "FLOW1240", FlowSeverity.Error, "Input parameter without a type",
        "The input parameter '{0}' of '{1}' has no type: {2}",
        "An input parameter becomes a typed local of the activity. Its type is taken from flow:type=\"…\" on the parameter, else from its value (text is a string; an expression that is a literal or names a declared variable has that type; a list or map of values of one type), else from the process variable of the same name. Add flow:type=\"decimal\" (any C# type) to the parameter.");

    public static readonly FlowDiagnosticDescriptor UnknownOutputTarget = new(
        "FLOW1241", FlowSeverity.Error, "Output parameter names no process variable",
        "The output parameter '{0}' of '{1}' writes '{0}', which is not a variable of the process",
        "An output parameter writes a process variable when the activity ends: declare it (flow:variable, a property or data object), or name one that is declared.");

    public static readonly FlowDiagnosticDescriptor InvalidParameterName = new(
        "FLOW1242", FlowSeverity.Error, "Invalid input/output parameter name",
        "The {0} parameter '{1}' of '{2}' {3}",
        "Name each input parameter with a C# identifier, once per activity (it becomes a local and a property of the activity's inputs class); output parameters name the process variable they write.");

    public static readonly FlowDiagnosticDescriptor CompositeParameterValue = new(
        "FLOW1243", FlowSeverity.Error, "Text with an expression inside it",
        "The value of parameter '{0}' of '{1}' mixes text and ${{…}}; only a whole expression or plain text is supported",
        "Write the value as one C# expression, e.g. ${\"Dear \" + name} instead of Dear ${name}.");

    public static readonly FlowDiagnosticDescriptor UnbuildableParameterValue = new(
        "FLOW1244", FlowSeverity.Error, "List or map parameter of a type that is no list or map",
        "The {0} parameter '{1}' of '{2}' is a camunda:list or camunda:map, but its type '{3}' is not a generic list or dictionary",
        "A camunda:list builds a List<T> (or a collection type with one type argument and Add), a camunda:map a Dictionary<string, T> (a type with two type arguments and an indexer): give the parameter or its process variable such a type.");

    public static readonly FlowDiagnosticDescriptor SharedHandlerInputs = new(
        "FLOW1245", FlowSeverity.Error, "Tasks sharing a handler have different input parameters",
        "'{0}' shares the handler '{1}' with '{2}', whose input parameters differ",
        "Tasks that share a handler method get one inputs type: give them the same input parameters (names and types), or give each its own handler with flow:handler.");

    public static readonly FlowDiagnosticDescriptor ScopeInputHiddenByLoop = new(
        "FLOW1250", FlowSeverity.Error, "Scope input named like a variable of the loop around it",
        "The input parameter '{0}' of '{1}' is named like a variable of the loop of '{2}' around it; the code inside '{1}' would read the loop's value, not the input",
        "Inside a looped sub-process its loopCounter, nrOf… variables and element variable are locals of the code within; Camunda would let an inner scope's input of that name hide them. Rename the input (and its uses), or read the loop's value under its own name.");

    public static readonly FlowDiagnosticDescriptor InvalidElementVariable = new(
        "FLOW3220", FlowSeverity.Error, "Element variable is not a C# identifier",
        "The element variable '{0}' of '{1}' is not a C# identifier",
        "Name the element variable with letters, digits and '_' (not starting with a digit), e.g. 'item'.");

    // Compensation and transactions (FLOW1300–FLOW1319).
    public static readonly FlowDiagnosticDescriptor CompensationBoundaryWithoutHandler = new(
        "FLOW1300", FlowSeverity.Error, "Compensation boundary event without handler",
        "Compensation boundary event '{0}' on '{1}' has no handler",
        "Draw an association from the compensation boundary event to the activity that undoes '{1}' and mark that activity isForCompensation=\"true\" (Camunda Modeler: append a compensation activity to the boundary event).");

    public static readonly FlowDiagnosticDescriptor CompensationHandlerNotMarked = new(
        "FLOW1301", FlowSeverity.Error, "Compensation handler not marked isForCompensation",
        "'{0}', the handler of compensation boundary event '{1}', {2}",
        "A compensation handler is an activity with isForCompensation=\"true\", in the scope of the activity it compensates, started only by compensation. Mark it, or associate the boundary event with such an activity.");

    public static readonly FlowDiagnosticDescriptor CompensationHandlerWithFlows = new(
        "FLOW1302", FlowSeverity.Error, "Compensation handler with sequence flows",
        "Compensation handler '{0}' has {1} sequence flows; a handler is started only by compensation and ends where it ends",
        "Remove the sequence flows into and out of the handler. To do more after compensating, put the work into the handler (a sub-process as handler can hold several steps) or after the compensation throw event.");

    public static readonly FlowDiagnosticDescriptor CompensationHandlerNeverRuns = new(
        "FLOW1303", FlowSeverity.Warning, "Compensation handler that never runs",
        "'{0}' is marked isForCompensation, but no compensation boundary event is associated with it, so it never runs",
        "Associate a compensation boundary event of the activity it undoes with it, or remove isForCompensation.");

    public static readonly FlowDiagnosticDescriptor CompensationHandlerInOtherScope = new(
        "FLOW1304", FlowSeverity.Error, "Compensation handler in another scope",
        "Compensation handler '{0}' is in '{1}', but '{2}', the activity it compensates, is in '{3}'",
        "Put the handler next to the activity it compensates (the same process or sub-process).");

    public static readonly FlowDiagnosticDescriptor CompensationBoundaryWithFlow = new(
        "FLOW1305", FlowSeverity.Error, "Compensation boundary event with a sequence flow",
        "Compensation boundary event '{0}' has an outgoing sequence flow; it is connected to its handler by an association only",
        "Replace the sequence flow by an association to the handler (isForCompensation=\"true\"), and remove the handler's other sequence flows.");

    public static readonly FlowDiagnosticDescriptor UnknownCompensationActivity = new(
        "FLOW1306", FlowSeverity.Error, "Compensation of an activity not in the scope",
        "'{0}' compensates activityRef '{1}', which is not an activity of {2}",
        "activityRef names an activity in the same process or sub-process as the throw event (for a throw inside an event sub-process: the scope the event sub-process is in). Leave activityRef out to compensate every completed activity of the scope.");

    public static readonly FlowDiagnosticDescriptor NothingToCompensate = new(
        "FLOW1307", FlowSeverity.Warning, "Compensation of an activity without handler",
        "'{0}' compensates '{1}', which has no compensation handler, so nothing happens",
        "Attach a compensation boundary event with a handler to '{1}' (for a sub-process: to activities inside it, or add a compensation event sub-process), or remove the throw event.");

    public static readonly FlowDiagnosticDescriptor CancelEndOutsideTransaction = new(
        "FLOW1308", FlowSeverity.Error, "Cancel end event outside a transaction",
        "Cancel end event '{0}' is in {1}, not directly in a transaction",
        "A cancel end event cancels the transaction sub-process it is in. Move it into the transaction (not into a sub-process inside it), or use an error end event with an error boundary event.");

    public static readonly FlowDiagnosticDescriptor CancelBoundaryNotOnTransaction = new(
        "FLOW1309", FlowSeverity.Error, "Cancel boundary event not on a transaction",
        "Cancel boundary event '{0}' is attached to '{1}', which is not a transaction",
        "Attach cancel boundary events to a transaction sub-process (<transaction>); for other activities use an error boundary event.");

    public static readonly FlowDiagnosticDescriptor TransactionWithoutCancelBoundary = new(
        "FLOW1310", FlowSeverity.Error, "Cancelled transaction without cancel boundary event",
        "Transaction '{0}' has the cancel end event '{1}' but no cancel boundary event to leave by",
        "Attach a cancel boundary event to the transaction and draw the path taken after cancelling from it.");

    public static readonly FlowDiagnosticDescriptor SeveralCancelBoundaries = new(
        "FLOW1311", FlowSeverity.Error, "Several cancel boundary events on a transaction",
        "Transaction '{0}' has a second cancel boundary event '{1}'; a cancelled transaction leaves by one",
        "Keep one cancel boundary event on the transaction; branch after it with a gateway.");

    public static readonly FlowDiagnosticDescriptor MisplacedCompensationEvent = new(
        "FLOW1312", FlowSeverity.Error, "Compensation or cancel event where it cannot be",
        "{0} '{1}' cannot be used here: {2}",
        "Compensation events are boundary events (with a handler), intermediate throw and end events, and the start event of an event sub-process inside a sub-process. Cancel events are end events directly in a transaction and boundary events on a transaction.");

    public static readonly FlowDiagnosticDescriptor SeveralCompensationEventSubProcesses = new(
        "FLOW1313", FlowSeverity.Error, "Several compensation event sub-processes in one scope",
        "'{0}' has a second compensation event sub-process '{1}'; compensating it runs one",
        "Keep one compensation event sub-process per sub-process and do all its undo work there.");

    public static readonly FlowDiagnosticDescriptor SharedHandlerWithoutElement = new(
        "FLOW1315", FlowSeverity.Warning, "Compensation handler of several activities sees no element variable",
        "'{0}' undoes several activities ({1}), of which '{2}' is a multi-instance with element variable '{3}'; the handler does not see '{3}'",
        "A handler of one multi-instance activity sees the element it undoes, typed (a parameter of its method, a local of its script). Shared with other activities it cannot be typed by one of them: it runs once per completed element all the same, with the element's index in context.Loop.LoopCounter. Give the multi-instance activity a handler of its own to see the element.");
    public static readonly FlowDiagnosticDescriptor VariableNameTakenByDataClass = new(
        "FLOW1316", FlowSeverity.Error, "Variable named like a member of the generated data class",
        "The variable '{0}' cannot be a property of the generated data class: its name is that of {1}",
        "Process variables become properties of the generated class Data, which cannot have a member named Data, nor hide a member every C# class has (ToString, Equals, GetHashCode, GetType, MemberwiseClone, Finalize, ReferenceEquals). Rename the variable (C# names are case-sensitive: 'data' or 'toString' are fine), or bind the process to your own class with flow:dataType.");

    public static readonly FlowDiagnosticDescriptor LookAlikeIds = new(
        "FLOW1317", FlowSeverity.Warning, "Ids that look alike",
        "The id '{0}' looks like the id '{1}' of an earlier element, but is another id (spelled out: '{2}' and '{3}')",
        "One of the ids has a letter from another script that is drawn like a Latin one (a Cyrillic 'а' in 'Tаsk'), or a fullwidth or compatibility form: a reader sees one element where the engine sees two, and a reference typed for one reaches the other. Retype the id in plain letters, or rename one of the elements so they differ visibly.");

    public static readonly FlowDiagnosticDescriptor OutputNameTakenByResultRecord = new(
        "FLOW1318", FlowSeverity.Error, "Output named like a member of the generated result record",
        "The output '{0}' of '{1}' cannot be a parameter of the generated result record: every C# record has a member named '{0}'",
        "The outputs of a user, receive or manual task become the parameters of a generated record (e.g. ApproveResult), and C# gives every record the members EqualityContract, PrintMembers and Deconstruct. Rename the output and the variable it writes.");

    // Loops on sub-processes and call activities, input/output parameters (FLOW1320–FLOW1339).
    public static readonly FlowDiagnosticDescriptor LoopedEventSubProcess = new(
        "FLOW1321", FlowSeverity.Error, "Loop on an event sub-process",
        "The event sub-process '{0}' has {1}; an event sub-process cannot repeat: each occurrence of its start event starts it once",
        "An event sub-process is started by its event, not by a token that a loop could repeat; BPMN defines no loop on it and Camunda Modeler offers no loop marker for it. Remove the loop characteristics; to repeat work when the event happens, put a looped activity or sub-process inside the event sub-process, or make its start event non-interrupting so it runs at every occurrence.");

    public static readonly FlowDiagnosticDescriptor CompensationWithoutWaiting = new(
        "FLOW1322", FlowSeverity.Warning, "Compensation throw that does not wait",
        "'{0}' has waitForCompletion=\"false\"; the throw waits for its compensation handlers anyway, as Camunda 7 does",
        "Neither this engine nor Camunda 7 compensates asynchronously: the throw event waits until every handler it started has ended. Remove waitForCompletion=\"false\" (the default is true), or, to go on at once, start the undo work on a parallel branch instead.");

    public static readonly FlowDiagnosticDescriptor LookAlikeProcessKeys = new(
        "FLOW1323", FlowSeverity.Warning, "Process keys that look alike",
        "The process key '{0}' looks like the key '{1}' of the process in '{2}', but is another key (spelled out: '{3}' and '{4}')",
        "The keys differ only in case, or in a letter from another script drawn like a Latin one: the engine starts, calls and deploys processes by the exact key, so a calledElement or a start typed for one reaches the other or none. Rename one of the processes so the keys differ visibly.");

    // Asynchronous continuations: camunda:asyncBefore/asyncAfter as job boundaries (FLOW1270–FLOW1279).
    public static readonly FlowDiagnosticDescriptor BadRetryCycle = new(
        "FLOW1270", FlowSeverity.Error, "Unreadable failedJobRetryTimeCycle",
        "The failedJobRetryTimeCycle '{0}' of '{1}' cannot be read: {2}",
        "Write R<attempts>/<ISO 8601 duration> (R5/PT10S: 5 attempts, 10 seconds apart) or a comma-separated list of waits (PT1M,PT5M,PT10M: one attempt more than waits).");

    public static readonly FlowDiagnosticDescriptor AsyncSettingExpression = new(
        "FLOW1271", FlowSeverity.Warning, "Job setting given as an expression",
        "The {0} '{1}' of '{2}' is an expression, which is not evaluated; {3}",
        "Write a literal (jobPriority=\"10\", R5/PT10S) to have it applied.");

    public static readonly FlowDiagnosticDescriptor BadJobPriority = new(
        "FLOW1272", FlowSeverity.Error, "Unreadable jobPriority",
        "The jobPriority '{0}' of '{1}' is not a whole number",
        "Write a whole number (higher runs first among jobs due together), or leave the attribute out for priority 0.");

    // camunda:script values of input/output parameters (FLOW1273–FLOW1278).
    public static readonly FlowDiagnosticDescriptor UnsupportedScriptValue = new(
        "FLOW1273", FlowSeverity.Error, "Script parameter value in a language other than C#",
        "The {0} parameter '{1}' of '{2}' is a camunda:script {3}, which is not run: write its value as a ${{…}} C# expression, or as a C# script (scriptFormat=\"csharp\")",
        "Only C# scripts are compiled. Write the value as a ${…} C# expression (e.g. ${amount * 2}), or keep the camunda:script with scriptFormat=\"csharp\" and write it in C#: one expression, or statements that end in return value;. Leaving the parameter out would change what the activity sees, so it is an error, as a script task in such a language is (FLOW4006).");

    public static readonly FlowDiagnosticDescriptor ScriptValueResource = new(
        "FLOW1274", FlowSeverity.Error, "Script parameter value loaded from a resource",
        "The camunda:script of {0} parameter '{1}' of '{2}' is loaded from '{3}'; scripts are compiled with the process, so they must be in the file",
        "Write the script inside the camunda:script element (scriptFormat=\"csharp\") and remove the resource attribute, or write the value as a ${…} C# expression.");

    public static readonly FlowDiagnosticDescriptor ScriptValueWithoutValue = new(
        "FLOW1275", FlowSeverity.Error, "C# script parameter value has no value",
        "The C# script of {0} parameter '{1}' of '{2}' {3}, so it has no value",
        "A script's value is its last statement's, as in Camunda: in C#, write one expression (amount * 2) or statements that end in return value; (var net = amount / 1.2m; return net;).");

    public static readonly IReadOnlyList<FlowDiagnosticDescriptor> All = typeof(DiagnosticCatalog)
        .GetFields()
        .Where(f => f.FieldType == typeof(FlowDiagnosticDescriptor))
        .Select(f => (FlowDiagnosticDescriptor)f.GetValue(null)!)
        .OrderBy(d => d.Id, System.StringComparer.Ordinal)
        .ToArray();

    private static readonly Dictionary<string, FlowDiagnosticDescriptor> ById = All.ToDictionary(d => d.Id);

    public static FlowDiagnosticDescriptor Get(string id) => ById[id];
}
