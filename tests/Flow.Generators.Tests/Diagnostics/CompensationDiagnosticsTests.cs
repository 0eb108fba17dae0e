using Flow.Generators.Tests.Infrastructure;
using static Flow.Generators.Tests.Infrastructure.Fixtures;

namespace Flow.Generators.Tests.Diagnostics;

/// <summary>Compensation and transaction shapes that cannot run (FLOW1300–FLOW1313), each at the element it is about (issue 13).</summary>
public class CompensationDiagnosticsTests
{
    /// <summary>Start → Work → Check → Throw → End; Work's compensation boundary Comp is associated with Undo.</summary>
    private const string Compensated = """
            <bpmn:startEvent id="Start" />
            <bpmn:task id="Work" name="Work" />
            <bpmn:boundaryEvent id="Comp" attachedToRef="Work"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>
            <bpmn:task id="Undo" name="Undo" isForCompensation="true" />
            <bpmn:association id="A1" sourceRef="Comp" targetRef="Undo" />
            <bpmn:task id="Check" name="Check" />
            <bpmn:intermediateThrowEvent id="Throw"><bpmn:compensateEventDefinition /></bpmn:intermediateThrowEvent>
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Work" />
            <bpmn:sequenceFlow id="F2" sourceRef="Work" targetRef="Check" />
            <bpmn:sequenceFlow id="F3" sourceRef="Check" targetRef="Throw" />
            <bpmn:sequenceFlow id="F4" sourceRef="Throw" targetRef="End" />
        """;

    /// <summary>Start → Pay (transaction: TxStart → Book → Cancel end) → End; Pay's cancel boundary Cancelled → CancelledEnd.</summary>
    private const string Transaction = """
            <bpmn:startEvent id="Start" />
            <bpmn:transaction id="Pay">
              <bpmn:startEvent id="TxStart" />
              <bpmn:task id="Book" name="Book" />
              <bpmn:endEvent id="CancelEnd"><bpmn:cancelEventDefinition /></bpmn:endEvent>
              <bpmn:sequenceFlow id="T1" sourceRef="TxStart" targetRef="Book" />
              <bpmn:sequenceFlow id="T2" sourceRef="Book" targetRef="CancelEnd" />
            </bpmn:transaction>
            <bpmn:boundaryEvent id="Cancelled" attachedToRef="Pay"><bpmn:cancelEventDefinition /></bpmn:boundaryEvent>
            <bpmn:endEvent id="CancelledEnd" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Pay" />
            <bpmn:sequenceFlow id="F2" sourceRef="Pay" targetRef="End" />
            <bpmn:sequenceFlow id="F3" sourceRef="Cancelled" targetRef="CancelledEnd" />
        """;

    private static string With(string body, string from, string to) => Process(body.Replace(from, to, StringComparison.Ordinal));

    [Fact]
    public Task Compensation_with_a_handler_and_a_throw_compiles_clean() => GeneratorTest.VerifyAsync(Process(Compensated));

    [Fact]
    public Task A_transaction_with_cancel_end_and_cancel_boundary_compiles_clean() => GeneratorTest.VerifyAsync(Process(Transaction));

    [Fact]
    [Fires("FLOW1300")]
    public Task A_compensation_boundary_without_association_has_no_handler()
    {
        var text = With(Compensated, "<bpmn:association id=\"A1\" sourceRef=\"Comp\" targetRef=\"Undo\" />", "");
        return GeneratorTest.VerifyAsync(text,
            AtElement("FLOW1300", text, "<bpmn:boundaryEvent id").WithArguments("Comp", "Work"),
            AtElement("FLOW1303", text, "<bpmn:task id=\"Undo\"").WithArguments("Undo"));
    }

    [Fact]
    [Fires("FLOW1301")]
    public Task A_handler_not_marked_for_compensation()
    {
        var text = With(Compensated, "<bpmn:association id=\"A1\" sourceRef=\"Comp\" targetRef=\"Undo\" />", "<bpmn:association id=\"A1\" sourceRef=\"Comp\" targetRef=\"Check\" />");
        return GeneratorTest.VerifyAsync(text,
            AtElement("FLOW1301", text, "<bpmn:task id=\"Check\"").WithArguments("Check", "Comp", "is not marked isForCompensation=\"true\""),
            AtElement("FLOW1302", text, "<bpmn:task id=\"Check\"").WithArguments("Check", "2"),
            AtElement("FLOW1303", text, "<bpmn:task id=\"Undo\"").WithArguments("Undo"));
    }

    [Fact]
    [Fires("FLOW1302")]
    public Task A_handler_with_a_sequence_flow()
    {
        var text = With(Compensated, "<bpmn:endEvent id=\"End\" />", "<bpmn:endEvent id=\"End\" />\n    <bpmn:endEvent id=\"Undone\" />\n    <bpmn:sequenceFlow id=\"U1\" sourceRef=\"Undo\" targetRef=\"Undone\" />");
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1302", text, "<bpmn:task id=\"Undo\"").WithArguments("Undo", "1"));
    }

    [Fact]
    [Fires("FLOW1303")]
    public Task A_handler_no_boundary_event_is_associated_with_is_a_warning()
    {
        var text = With(Compensated, "<bpmn:endEvent id=\"End\" />", "<bpmn:endEvent id=\"End\" />\n    <bpmn:task id=\"Spare\" isForCompensation=\"true\" />");
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1303", text, "<bpmn:task id=\"Spare\"").WithArguments("Spare"));
    }

    [Fact]
    [Fires("FLOW1304")]
    public Task A_handler_outside_the_scope_of_its_activity()
    {
        var text = Process("""
                <bpmn:startEvent id="Start" />
                <bpmn:subProcess id="Trip">
                  <bpmn:startEvent id="TripStart" />
                  <bpmn:task id="Work" name="Work" />
                  <bpmn:boundaryEvent id="Comp" attachedToRef="Work"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>
                  <bpmn:endEvent id="TripEnd" />
                  <bpmn:sequenceFlow id="T1" sourceRef="TripStart" targetRef="Work" />
                  <bpmn:sequenceFlow id="T2" sourceRef="Work" targetRef="TripEnd" />
                </bpmn:subProcess>
                <bpmn:task id="Undo" name="Undo" isForCompensation="true" />
                <bpmn:association id="A1" sourceRef="Comp" targetRef="Undo" />
                <bpmn:endEvent id="End" />
                <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Trip" />
                <bpmn:sequenceFlow id="F2" sourceRef="Trip" targetRef="End" />
            """);
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1304", text, "<bpmn:task id=\"Undo\"").WithArguments("Undo", "order", "Work", "Trip"));
    }

    [Fact]
    [Fires("FLOW1305")]
    public Task A_compensation_boundary_with_a_sequence_flow()
    {
        var text = With(Compensated, "<bpmn:endEvent id=\"End\" />", "<bpmn:endEvent id=\"End\" />\n    <bpmn:endEvent id=\"Other\" />\n    <bpmn:sequenceFlow id=\"C1\" sourceRef=\"Comp\" targetRef=\"Other\" />");
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1305", text, "<bpmn:sequenceFlow id=\"C1\"").WithArguments("Comp"));
    }

    [Fact]
    [Fires("FLOW1306")]
    public Task A_throw_for_an_activity_that_is_not_in_its_scope()
    {
        var text = With(Compensated, "<bpmn:intermediateThrowEvent id=\"Throw\"><bpmn:compensateEventDefinition />", "<bpmn:intermediateThrowEvent id=\"Throw\"><bpmn:compensateEventDefinition activityRef=\"Nope\" />");
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1306", text, "<bpmn:compensateEventDefinition activityRef").WithArguments("Throw", "Nope", "the process 'order'"));
    }

    [Fact]
    [Fires("FLOW1307")]
    public Task A_throw_for_an_activity_without_handler_is_a_warning()
    {
        var text = With(Compensated, "<bpmn:intermediateThrowEvent id=\"Throw\"><bpmn:compensateEventDefinition />", "<bpmn:intermediateThrowEvent id=\"Throw\"><bpmn:compensateEventDefinition activityRef=\"Check\" />");
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1307", text, "<bpmn:compensateEventDefinition activityRef").WithArguments("Throw", "Check"));
    }

    [Fact]
    [Fires("FLOW1308")]
    public Task A_cancel_end_event_outside_a_transaction()
    {
        var text = With(StraightLine, "<bpmn:endEvent id=\"End\" />", "<bpmn:endEvent id=\"End\"><bpmn:cancelEventDefinition /></bpmn:endEvent>");
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1308", text, "<bpmn:endEvent id").WithArguments("End", "the process 'order'"));
    }

    [Fact]
    [Fires("FLOW1309")]
    public Task A_cancel_boundary_event_on_a_task()
    {
        var text = With(StraightLine, "<bpmn:endEvent id=\"End\" />", "<bpmn:endEvent id=\"End\" />\n    <bpmn:boundaryEvent id=\"Cancelled\" attachedToRef=\"Work\"><bpmn:cancelEventDefinition /></bpmn:boundaryEvent>\n    <bpmn:endEvent id=\"CancelledEnd\" />\n    <bpmn:sequenceFlow id=\"C1\" sourceRef=\"Cancelled\" targetRef=\"CancelledEnd\" />");
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1309", text, "<bpmn:boundaryEvent id").WithArguments("Cancelled", "Work"));
    }

    [Fact]
    [Fires("FLOW1310")]
    public Task A_transaction_with_a_cancel_end_but_no_cancel_boundary()
    {
        var text = With(Transaction, "<bpmn:boundaryEvent id=\"Cancelled\" attachedToRef=\"Pay\"><bpmn:cancelEventDefinition /></bpmn:boundaryEvent>", "")
            .Replace("<bpmn:sequenceFlow id=\"F3\" sourceRef=\"Cancelled\" targetRef=\"CancelledEnd\" />", "", StringComparison.Ordinal)
            .Replace("<bpmn:endEvent id=\"CancelledEnd\" />", "", StringComparison.Ordinal);
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1310", text, "<bpmn:transaction id").WithArguments("Pay", "CancelEnd"));
    }

    [Fact]
    [Fires("FLOW1311")]
    public Task A_transaction_with_two_cancel_boundary_events()
    {
        var text = With(Transaction, "<bpmn:endEvent id=\"End\" />", "<bpmn:endEvent id=\"End\" />\n    <bpmn:boundaryEvent id=\"Again\" attachedToRef=\"Pay\"><bpmn:cancelEventDefinition /></bpmn:boundaryEvent>\n    <bpmn:endEvent id=\"AgainEnd\" />\n    <bpmn:sequenceFlow id=\"C2\" sourceRef=\"Again\" targetRef=\"AgainEnd\" />");
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1311", text, "<bpmn:boundaryEvent id=\"Again\"").WithArguments("Pay", "Again"));
    }

    [Fact]
    [Fires("FLOW1312")]
    public Task A_compensation_catch_event_cannot_be()
    {
        var text = With(Compensated, "<bpmn:intermediateThrowEvent id=\"Throw\"><bpmn:compensateEventDefinition /></bpmn:intermediateThrowEvent>", "<bpmn:intermediateCatchEvent id=\"Throw\"><bpmn:compensateEventDefinition /></bpmn:intermediateCatchEvent>");
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1312", text, "<bpmn:intermediateCatchEvent id").WithArguments(
            "Compensate intermediate catch event", "Throw", "compensation is thrown, not caught; attach a compensation boundary event with a handler to the activity to undo, and throw with an intermediate throw or end event"));
    }

    [Fact]
    [Fires("FLOW1313")]
    public Task Two_compensation_event_sub_processes_in_one_sub_process()
    {
        static string OnCompensate(string id) => $"""
                  <bpmn:subProcess id="{id}" triggeredByEvent="true">
                    <bpmn:startEvent id="{id}Start"><bpmn:compensateEventDefinition /></bpmn:startEvent>
                    <bpmn:endEvent id="{id}End" />
                    <bpmn:sequenceFlow id="{id}F" sourceRef="{id}Start" targetRef="{id}End" />
                  </bpmn:subProcess>
            """;
        var text = Process($"""
                <bpmn:startEvent id="Start" />
                <bpmn:subProcess id="Trip">
                  <bpmn:startEvent id="TripStart" />
                  <bpmn:endEvent id="TripEnd" />
                  <bpmn:sequenceFlow id="T1" sourceRef="TripStart" targetRef="TripEnd" />
            {OnCompensate("First")}
            {OnCompensate("Second")}
                </bpmn:subProcess>
                <bpmn:endEvent id="End" />
                <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Trip" />
                <bpmn:sequenceFlow id="F2" sourceRef="Trip" targetRef="End" />
            """);
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1313", text, "<bpmn:subProcess id=\"Second\"").WithArguments("Trip", "Second"));
    }

    [Fact]
    public Task Compensation_of_a_multi_instance_activity_compiles_clean_each_element_is_compensated() =>
        GeneratorTest.VerifyAsync(With(Compensated, "<bpmn:task id=\"Work\" name=\"Work\" />", "<bpmn:task id=\"Work\" name=\"Work\"><bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>3</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics></bpmn:task>"));

    [Fact]
    [Fires("FLOW1322")]
    public Task A_compensation_throw_that_does_not_wait_is_a_warning_at_its_definition()
    {
        var text = With(Compensated, "<bpmn:intermediateThrowEvent id=\"Throw\"><bpmn:compensateEventDefinition />", "<bpmn:intermediateThrowEvent id=\"Throw\"><bpmn:compensateEventDefinition waitForCompletion=\"false\" />");
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1322", text, "<bpmn:compensateEventDefinition waitForCompletion").WithArguments("Throw"));
    }

    [Fact]
    [Fires("FLOW1315")]
    public Task A_handler_shared_with_a_multi_instance_over_a_collection_sees_no_element_and_says_so_at_the_handler()
    {
        // Work loops over items with element variable item; Check is compensated by the same Undo.
        var body = """
                <bpmn:extensionElements><flow:variable xmlns:flow="http://flow-generators.dev/schema/bpmn" name="items" type="System.Collections.Generic.List&lt;string&gt;" /></bpmn:extensionElements>
            """ + Compensated
            .Replace("<bpmn:task id=\"Work\" name=\"Work\" />", "<bpmn:task id=\"Work\" name=\"Work\"><bpmn:multiInstanceLoopCharacteristics xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" camunda:collection=\"${items}\" camunda:elementVariable=\"item\" /></bpmn:task>", StringComparison.Ordinal)
            .Replace("<bpmn:association id=\"A1\" sourceRef=\"Comp\" targetRef=\"Undo\" />", "<bpmn:association id=\"A1\" sourceRef=\"Comp\" targetRef=\"Undo\" />\n    <bpmn:boundaryEvent id=\"CheckComp\" attachedToRef=\"Check\"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>\n    <bpmn:association id=\"A2\" sourceRef=\"CheckComp\" targetRef=\"Undo\" />", StringComparison.Ordinal);
        var text = Process(body);
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1315", text, "<bpmn:task id=\"Undo\"").WithArguments("Undo", "'Work', 'Check'", "Work", "item"));
    }
}
