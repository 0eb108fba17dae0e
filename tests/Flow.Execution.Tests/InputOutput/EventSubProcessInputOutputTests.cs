using Flow.Execution.Tests.Infrastructure;
using static Flow.Execution.Tests.Compensation.CompensationBpmn;
using static Flow.Execution.Tests.Events.EventBpmn;
using static Flow.Execution.Tests.Infrastructure.Bpmn;

namespace Flow.Execution.Tests.InputOutput;

/// <summary>
/// camunda:inputOutput on event sub-processes (token engine), as Camunda runs it: the inputs are
/// evaluated when the event sub-process starts, after its start event has triggered (so a
/// message's payload is already in the data), are local variables seen by everything inside it
/// and hide outer names (process variables, the inputs of a sub-process around it); the outputs
/// are written when it completes normally. Each run of a non-interrupting one has its own inputs.
/// </summary>
public class EventSubProcessInputOutputTests
{
    private const string Camunda = "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\"";

    private static string Io(string parameters) => $"<bpmn:extensionElements><camunda:inputOutput {Camunda}>{parameters}</camunda:inputOutput></bpmn:extensionElements>";

    private const string Roots = """
          <bpmn:message id="Msg_Audit" name="audit">
            <bpmn:extensionElements>
              <flow:output name="amount" type="decimal" />
            </bpmn:extensionElements>
          </bpmn:message>
          <bpmn:message id="Msg_Stop" name="stop" />
          <bpmn:error id="Err_Declined" errorCode="DECLINED" />
        """;

    private static readonly string Variables = Variable("amount", "decimal") + "\n" + Variable("total", "decimal") + "\n" + Variable("code", "string?");

    // The main flow waits at Review; each "audit" message starts a run of OnAudit beside it, which waits at Check.
    private static string Audited(string interruptingStart = "") => WithRoot(Roots, $$"""
            <bpmn:startEvent id="Start" />
            <bpmn:userTask id="Review" />
            <bpmn:endEvent id="End" />
        {{Seq("F1", "Start", "Review")}}
        {{Seq("F2", "Review", "End")}}
            <bpmn:subProcess id="OnAudit" triggeredByEvent="true">
              {{Io("""
                <camunda:inputParameter name="amount">${amount * 2}</camunda:inputParameter>
                <camunda:inputParameter name="label">audit</camunda:inputParameter>
                <camunda:outputParameter name="total">${total + amount}</camunda:outputParameter>
                """)}}
              <bpmn:startEvent id="AuditStart" isInterrupting="false"><bpmn:messageEventDefinition messageRef="Msg_Audit" /></bpmn:startEvent>
              <bpmn:userTask id="Check" />
              <bpmn:exclusiveGateway id="Size" default="Small" />
              <bpmn:scriptTask id="Note" scriptFormat="csharp"><bpmn:script>log.Add(label + " " + amount);</bpmn:script></bpmn:scriptTask>
              <bpmn:scriptTask id="NoteBig" scriptFormat="csharp"><bpmn:script>log.Add("big " + label + " " + amount);</bpmn:script></bpmn:scriptTask>
              <bpmn:endEvent id="AuditEnd" />
              <bpmn:endEvent id="BigEnd" />
              <bpmn:sequenceFlow id="A1" sourceRef="AuditStart" targetRef="Check" />
              <bpmn:sequenceFlow id="A2" sourceRef="Check" targetRef="Size" />
              <bpmn:sequenceFlow id="Big" sourceRef="Size" targetRef="NoteBig"><bpmn:conditionExpression>${amount &gt; 3}</bpmn:conditionExpression></bpmn:sequenceFlow>
              <bpmn:sequenceFlow id="Small" sourceRef="Size" targetRef="Note" />
              <bpmn:sequenceFlow id="A3" sourceRef="Note" targetRef="AuditEnd" />
              <bpmn:sequenceFlow id="A4" sourceRef="NoteBig" targetRef="BigEnd" />
            </bpmn:subProcess>
        {{interruptingStart}}
        """, Variables);

    [Fact]
    public async Task A_non_interrupting_event_sub_process_triggered_twice_gives_each_run_its_own_inputs_through_a_JSON_round_trip()
    {
        var flow = TestFlow.Build(Audited(), Array.Empty<string>());
        var instance = await flow.StartAsync();

        await instance.CorrelateWithJsonAsync("audit", null, """{"amount": 1}""");
        await instance.CorrelateWithJsonAsync("audit", null, """{"amount": 2}""");

        Assert.Equal(InstanceStatus.Waiting, instance.Status);
        Assert.Equal(new[] { "Check", "Check", "Review" }, instance.WaitingAt.OrderBy(n => n, StringComparer.Ordinal).ToArray());
        var json = instance.ToJson();
        // The payload was in the data when the inputs were evaluated: 1 * 2 and 2 * 2, one per run.
        Assert.Contains("\"Inputs\":\"{\\u0022amount\\u0022:2,\\u0022label\\u0022:\\u0022audit\\u0022}\"", json, StringComparison.Ordinal);
        Assert.Contains("\"Inputs\":\"{\\u0022amount\\u0022:4,\\u0022label\\u0022:\\u0022audit\\u0022}\"", json, StringComparison.Ordinal);

        var resumed = flow.NewProcess().ResumeFromJson(json);
        Assert.Equal(json, resumed.ToJson());
        await resumed.CompleteAsync("Check");
        await resumed.CompleteAsync("Check");

        // Inside, the gateway's condition and the scripts read each run's input; the process variable kept the last payload.
        Assert.Equal(new[] { "audit 2", "big audit 4" }, TestFlow.Log(resumed).OrderBy(l => l, StringComparer.Ordinal).ToArray());
        Assert.Equal(2m, TestFlow.Get<decimal>(resumed, "amount"));
        Assert.Equal(6m, TestFlow.Get<decimal>(resumed, "total")); // each run's output added its own amount
        Assert.Equal(new[] { "Review" }, resumed.WaitingAt);
        Assert.DoesNotContain("\"Inputs\"", resumed.ToJson(), StringComparison.Ordinal);

        await resumed.CompleteAsync("Review");
        Assert.Equal(InstanceStatus.Completed, resumed.Status);
    }

    [Fact]
    public async Task A_run_interrupted_before_it_completes_writes_no_outputs()
    {
        var stop = $$"""
                <bpmn:subProcess id="OnStop" triggeredByEvent="true">
                  {{Io("""<camunda:inputParameter name="total">${total + 100}</camunda:inputParameter><camunda:outputParameter name="total">${total}</camunda:outputParameter>""")}}
                  <bpmn:startEvent id="StopStart"><bpmn:messageEventDefinition messageRef="Msg_Stop" /></bpmn:startEvent>
                  <bpmn:endEvent id="StopEnd" />
                  <bpmn:sequenceFlow id="T1" sourceRef="StopStart" targetRef="StopEnd" />
                </bpmn:subProcess>
            """;
        var flow = TestFlow.Build(Audited(stop), Array.Empty<string>());
        var instance = await flow.StartAsync();
        await instance.CorrelateWithJsonAsync("audit", null, """{"amount": 1}""");

        // The interrupting run ends the main flow and the waiting audit run (whose outputs are never written), then writes its own.
        await instance.CorrelateWithJsonAsync("stop", null, null);

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Empty(TestFlow.Log(instance));
        Assert.Equal(100m, TestFlow.Get<decimal>(instance, "total"));
        Assert.Equal(new[] { "Start", "Review", "OnAudit", "AuditStart", "Check", "OnStop", "StopStart", "StopEnd" }, instance.Trace);
    }

    [Fact]
    public async Task An_interrupting_event_sub_process_in_a_sub_process_cancels_its_content_and_sees_the_sub_process_inputs()
    {
        var text = WithRoot(Roots, $$"""
                <bpmn:startEvent id="Start" />
                <bpmn:subProcess id="Sub">
                  {{Io("""<camunda:inputParameter name="rate">${3}</camunda:inputParameter><camunda:inputParameter name="factor">${10}</camunda:inputParameter><camunda:outputParameter name="amount">${rate}</camunda:outputParameter>""")}}
                  <bpmn:startEvent id="SubStart" />
                  <bpmn:parallelGateway id="Fork" />
                  <bpmn:userTask id="Wait" />
                  <bpmn:serviceTask id="Pay" flow:handler="Pay" />
                  <bpmn:endEvent id="WaitEnd" />
                  <bpmn:endEvent id="PayEnd" />
                  <bpmn:sequenceFlow id="S1" sourceRef="SubStart" targetRef="Fork" />
                  <bpmn:sequenceFlow id="S2" sourceRef="Fork" targetRef="Wait" />
                  <bpmn:sequenceFlow id="S3" sourceRef="Fork" targetRef="Pay" />
                  <bpmn:sequenceFlow id="S4" sourceRef="Wait" targetRef="WaitEnd" />
                  <bpmn:sequenceFlow id="S5" sourceRef="Pay" targetRef="PayEnd" />
                  <bpmn:subProcess id="OnDeclined" triggeredByEvent="true">
                    {{Io("""<camunda:inputParameter name="rate">${rate + 1}</camunda:inputParameter><camunda:outputParameter name="total">${rate * factor}</camunda:outputParameter>""")}}
                    <bpmn:startEvent id="DeclinedStart"><bpmn:errorEventDefinition errorRef="Err_Declined" /></bpmn:startEvent>
                    <bpmn:scriptTask id="Apologise" scriptFormat="csharp"><bpmn:script>log.Add("declined " + rate + " " + factor + " " + code);</bpmn:script></bpmn:scriptTask>
                    <bpmn:endEvent id="DeclinedEnd" />
                    <bpmn:sequenceFlow id="D1" sourceRef="DeclinedStart" targetRef="Apologise" />
                    <bpmn:sequenceFlow id="D2" sourceRef="Apologise" targetRef="DeclinedEnd" />
                  </bpmn:subProcess>
                </bpmn:subProcess>
                <bpmn:endEvent id="End" />
            {{Seq("F1", "Start", "Sub")}}
            {{Seq("F2", "Sub", "End")}}
            """, Variables);
        var flow = TestFlow.Build(text, Array.Empty<string>(), ThrowingHandler("Pay"));

        var instance = await flow.StartAsync(("code", "DECLINED"));

        // Wait was cancelled; the event sub-process saw Sub's factor and hid Sub's rate with its own (3 + 1);
        // Sub then completed normally and its output read its own rate.
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Empty(instance.WaitingAt);
        Assert.Equal(new[] { "Pay", "declined 4 10 DECLINED" }, TestFlow.Log(instance));
        Assert.Equal(40m, TestFlow.Get<decimal>(instance, "total"));
        Assert.Equal(3m, TestFlow.Get<decimal>(instance, "amount"));
        Assert.Contains("Apologise", instance.Trace);
        Assert.Equal("End", instance.Trace[^1]);
    }

    [Fact]
    public async Task An_interrupting_event_sub_process_waiting_inside_keeps_its_inputs_through_a_JSON_round_trip()
    {
        var text = WithRoot(Roots, $$"""
                <bpmn:startEvent id="Start" />
                <bpmn:userTask id="Review" />
                <bpmn:endEvent id="End" />
            {{Seq("F1", "Start", "Review")}}
            {{Seq("F2", "Review", "End")}}
                <bpmn:subProcess id="OnStop" triggeredByEvent="true">
                  {{Io("""<camunda:inputParameter name="total" flow:type="decimal">${amount + 0.5m}</camunda:inputParameter><camunda:outputParameter name="total">${total * 2}</camunda:outputParameter>""")}}
                  <bpmn:startEvent id="StopStart"><bpmn:messageEventDefinition messageRef="Msg_Stop" /></bpmn:startEvent>
                  <bpmn:userTask id="Confirm" />
                  <bpmn:endEvent id="StopEnd" />
                  <bpmn:sequenceFlow id="T1" sourceRef="StopStart" targetRef="Confirm" />
                  <bpmn:sequenceFlow id="T2" sourceRef="Confirm" targetRef="StopEnd" />
                </bpmn:subProcess>
            """, Variables);
        var flow = TestFlow.Build(text, Array.Empty<string>());
        var instance = await flow.StartAsync(("amount", 1m));

        await instance.CorrelateWithJsonAsync("stop", null, null);

        Assert.Equal(new[] { "Confirm" }, instance.WaitingAt); // Review was cancelled
        var json = instance.ToJson();
        Assert.Contains("\"Inputs\":\"{\\u0022total\\u0022:1.5}\"", json, StringComparison.Ordinal);
        var resumed = flow.NewProcess().ResumeFromJson(json);
        Assert.Equal(json, resumed.ToJson());
        await resumed.CompleteAsync("Confirm");

        Assert.Equal(InstanceStatus.Completed, resumed.Status);
        Assert.Equal(3m, TestFlow.Get<decimal>(resumed, "total")); // the output read the input (1.5), not the process variable (0)
    }

    /// <summary>CompensationBpmn.Trip with inputs on Trip (trip) and on its compensation event sub-process (what, written to note).</summary>
    private static string CompensatedTrip() => Trip(withEventSubProcess: true)
            .Replace("<bpmn:subProcess id=\"Trip\">", "<bpmn:subProcess id=\"Trip\">" + Io("""<camunda:inputParameter name="trip">T-1</camunda:inputParameter>"""), StringComparison.Ordinal)
            .Replace(
                "<bpmn:subProcess id=\"OnCompensate\" triggeredByEvent=\"true\">",
                "<bpmn:subProcess id=\"OnCompensate\" triggeredByEvent=\"true\">" + Io("""<camunda:inputParameter name="what" flow:type="string">${trip + " undone"}</camunda:inputParameter><camunda:outputParameter name="note">${what}</camunda:outputParameter>"""),
                StringComparison.Ordinal)
            .Replace("<flow:variable name=\"cancel\" type=\"bool\" />", "<flow:variable name=\"cancel\" type=\"bool\" />" + Variable("note", "string?") + Variable("trip", "string?"), StringComparison.Ordinal);

    /// <summary>
    /// A compensation event sub-process runs after its sub-process completed: as Camunda's sees a
    /// snapshot of the scope's locals, it sees the sub-process's inputs as they were then (saved with
    /// the compensation record, through the instance JSON), and its own inputs and outputs apply.
    /// </summary>
    [Fact]
    public async Task A_compensation_event_sub_process_sees_the_inputs_its_sub_process_had_when_it_completed()
    {
        var text = CompensatedTrip();
        var flow = TestFlow.Build(text, new[] { "BookHotel", "BookFlight", "UndoHotel", "UndoFlight", "NotifyUndo" });
        var started = await flow.StartAsync(("all", true), ("trip", "process variable"));
        var json = started.ToJson();
        Assert.Contains("\"ScopeInputs\":{\"Trip\":\"{\\u0022trip\\u0022:\\u0022T-1\\u0022}\"}", json, StringComparison.Ordinal); // with Trip's compensation record, by sub-process id
        var instance = RoundTrip(flow, started);
        Assert.Equal(json, instance.ToJson());

        await instance.CompleteAsync("Review");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal("T-1 undone", TestFlow.Get<string>(instance, "note"));
        Assert.Equal(new[] { "BookHotel", "BookFlight", "NotifyUndo", "UndoFlight", "UndoHotel" }, TestFlow.Log(instance));
    }

    /// <summary>An event sub-process in a parallel multi-instance sub-process runs per element: its inputs see that element's inputs and element variable.</summary>
    [Fact]
    public async Task An_event_sub_process_in_a_multi_instance_sub_process_sees_the_inputs_of_its_element()
    {
        var text = WithRoot("""<bpmn:signal id="Sig_Poke" name="poke" />""", $$"""
                <bpmn:startEvent id="Start" />
                <bpmn:subProcess id="Review">
                  {{Io("""<camunda:inputParameter name="label" flow:type="string">${reviewer + "#" + loopCounter}</camunda:inputParameter>""")}}
                  <bpmn:multiInstanceLoopCharacteristics {{Camunda}} camunda:collection="reviewers" camunda:elementVariable="reviewer" />
                  <bpmn:startEvent id="SubStart" />
                  <bpmn:userTask id="Check" />
                  <bpmn:endEvent id="SubEnd" />
                  <bpmn:sequenceFlow id="S1" sourceRef="SubStart" targetRef="Check" />
                  <bpmn:sequenceFlow id="S2" sourceRef="Check" targetRef="SubEnd" />
                  <bpmn:subProcess id="OnPoke" triggeredByEvent="true">
                    {{Io("""<camunda:inputParameter name="who" flow:type="string">${label + "!"}</camunda:inputParameter><camunda:outputParameter name="tally">${tally + who + ";"}</camunda:outputParameter>""")}}
                    <bpmn:startEvent id="PokeStart" isInterrupting="false"><bpmn:signalEventDefinition signalRef="Sig_Poke" /></bpmn:startEvent>
                    <bpmn:scriptTask id="Poked" scriptFormat="csharp"><bpmn:script>log.Add(who + " " + reviewer);</bpmn:script></bpmn:scriptTask>
                    <bpmn:endEvent id="PokeEnd" />
                    <bpmn:sequenceFlow id="P1" sourceRef="PokeStart" targetRef="Poked" />
                    <bpmn:sequenceFlow id="P2" sourceRef="Poked" targetRef="PokeEnd" />
                  </bpmn:subProcess>
                </bpmn:subProcess>
                <bpmn:endEvent id="End" />
            {{Seq("F1", "Start", "Review")}}
            {{Seq("F2", "Review", "End")}}
            """, Variable("reviewers", "string[]") + Variable("tally", "string"));
        var flow = TestFlow.Build(text, Array.Empty<string>());
        var instance = RoundTrip(flow, await flow.StartAsync(("reviewers", new[] { "ann", "bob" }), ("tally", ">")));

        Assert.Equal(2, await instance.SignalAsync("poke"));

        Assert.Equal(new[] { "ann#0! ann", "bob#1! bob" }, TestFlow.Log(instance).OrderBy(l => l, StringComparer.Ordinal).ToArray());
        Assert.Contains(TestFlow.Get<string>(instance, "tally"), new[] { ">ann#0!;bob#1!;", ">bob#1!;ann#0!;" });
        Assert.Equal(new[] { "Check", "Check" }, instance.WaitingAt);
    }

    /// <summary>The inputs saved with a sub-process's compensation record belong to its generated type: mapped to another id, the migration is refused (FLOW6290).</summary>
    [Fact]
    public async Task A_compensation_record_with_saved_inputs_mapped_to_another_id_is_refused()
    {
        var v1 = TestFlow.Build(CompensatedTrip(), new[] { "BookHotel", "BookFlight", "UndoHotel", "UndoFlight", "NotifyUndo" });
        var json = (await v1.StartAsync(("all", true))).ToJson();
        var renamed = CompensatedTrip().Replace("\"Trip\"", "\"Journey\"", StringComparison.Ordinal);
        var v2 = TestFlow.Build(renamed, new[] { "BookHotel", "BookFlight", "UndoHotel", "UndoFlight", "NotifyUndo" });

        var refused = Assert.Throws<InvalidOperationException>(() => Flow.Engine.InstanceMigration.Map(json, v2.Process.Definition, new Dictionary<string, string> { ["Trip"] = "Journey" }));

        Assert.StartsWith("FLOW6290: ", refused.Message, StringComparison.Ordinal);
        Assert.Contains("'Trip'", refused.Message, StringComparison.Ordinal);
        var moved = v1.NewProcess().ResumeFromJson(Flow.Engine.InstanceMigration.Map(json, v1.Process.Definition, null)); // by the same id it moves
        await moved.CompleteAsync("Review");
        Assert.Equal("T-1 undone", TestFlow.Get<string>(moved, "note"));
    }
}
