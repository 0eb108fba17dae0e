using Flow.Generators.Tests.Infrastructure;
using static Flow.Generators.Tests.Infrastructure.Fixtures;

namespace Flow.Generators.Tests.Diagnostics;

public class StructureDiagnosticsTests
{
    [Fact]
    [Fires("FLOW1001")]
    public Task A_process_without_start_event_where_nothing_can_start()
    {
        // Without a start event, nodes without incoming flow would start (FLOW1050); a cycle has none.
        var text = Process("""
                <bpmn:task id="Ping" />
                <bpmn:task id="Pong" />
                <bpmn:sequenceFlow id="F3" sourceRef="Ping" targetRef="Pong" />
                <bpmn:sequenceFlow id="F4" sourceRef="Pong" targetRef="Ping" />
            """);
        return GeneratorTest.VerifyAsync(
            text,
            AtElement("FLOW1001", text, "<bpmn:process id"),
            AtElement("FLOW1003", text, "<bpmn:process id"),
            AtElement("FLOW1008", text, "<bpmn:task id=\"Ping\""),
            AtElement("FLOW1008", text, "<bpmn:task id=\"Pong\""));
    }

    [Fact]
    [Fires("FLOW1002")]
    public Task A_second_blank_start_event()
    {
        var text = Process(StraightLine + """

                <bpmn:startEvent id="Start2" />
                <bpmn:sequenceFlow id="F3" sourceRef="Start2" targetRef="Work" />
            """);
        return GeneratorTest.VerifyAsync(
            text,
            AtElement("FLOW2006", text, "<bpmn:task id=\"Work\""),
            AtElement("FLOW1002", text, "<bpmn:startEvent id=\"Start2\""));
    }

    [Fact]
    [Fires("FLOW1003")]
    [Fires("FLOW1007")]
    public Task A_process_without_end_event_and_its_token_sink()
    {
        var text = Process("""
                <bpmn:startEvent id="Start" />
                <bpmn:task id="Work" />
                <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Work" />
            """);
        return GeneratorTest.VerifyAsync(
            text,
            AtElement("FLOW1003", text, "<bpmn:process id"),
            AtElement("FLOW1007", text, "<bpmn:task id=\"Work\""));
    }

    [Fact]
    [Fires("FLOW1004")]
    public Task A_flow_to_a_node_that_does_not_exist()
    {
        var text = Process(StraightLine + "\n    <bpmn:sequenceFlow id=\"F3\" sourceRef=\"Work\" targetRef=\"Nowhere\" />");
        return GeneratorTest.VerifyAsync(text, AtText("FLOW1004", text, "targetRef=\"Nowhere\""));
    }

    [Fact]
    [Fires("FLOW1005")]
    public Task A_duplicate_id_names_both_places()
    {
        var text = Process(StraightLine + "\n    <bpmn:dataObject id=\"Work\" />");
        var (line, column) = Find(text, "id=\"Work\" name");
        var (dupLine, dupColumn) = Find(text, "id=\"Work\" />");
        return GeneratorTest.VerifyAsync(
            text,
            new Microsoft.CodeAnalysis.Testing.DiagnosticResult("FLOW1005", Microsoft.CodeAnalysis.DiagnosticSeverity.Error)
                .WithSpan(FilePath, dupLine, dupColumn, dupLine, dupColumn + "id=\"Work\"".Length)
                .WithSpan(FilePath, line, column, line, column + "id=\"Work\"".Length)
                .WithArguments("Work", line.ToString(System.Globalization.CultureInfo.InvariantCulture), column.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    [Fires("FLOW1006")]
    public Task A_task_without_incoming_flow_is_an_implicit_start()
    {
        var text = Process(StraightLine + """

                <bpmn:task id="Orphan" />
                <bpmn:sequenceFlow id="F3" sourceRef="Orphan" targetRef="End" />
            """);
        return GeneratorTest.VerifyAsync(
            text,
            AtElement("FLOW2006", text, "<bpmn:endEvent id=\"End\""),
            AtElement("FLOW1006", text, "<bpmn:task id=\"Orphan\""));
    }

    [Fact]
    [Fires("FLOW1008")]
    public Task A_cycle_no_start_reaches()
    {
        var text = Process(StraightLine + """

                <bpmn:task id="Ping" />
                <bpmn:task id="Pong" />
                <bpmn:sequenceFlow id="F3" sourceRef="Ping" targetRef="Pong" />
                <bpmn:sequenceFlow id="F4" sourceRef="Pong" targetRef="Ping" />
            """);
        return GeneratorTest.VerifyAsync(
            text,
            AtElement("FLOW1008", text, "<bpmn:task id=\"Ping\""),
            AtElement("FLOW1008", text, "<bpmn:task id=\"Pong\""));
    }

    [Fact]
    [Fires("FLOW1009")]
    public Task A_disconnected_task()
    {
        var text = Process(StraightLine + "\n    <bpmn:task id=\"Alone\" />");
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1009", text, "<bpmn:task id=\"Alone\""));
    }

    [Fact]
    [Fires("FLOW1010")]
    public Task Two_processes_of_a_file_that_become_the_same_class()
    {
        var text = Process(StraightLine).Replace("</bpmn:definitions>", """
              <bpmn:process id="order_2" name="order process" isExecutable="true">
                <bpmn:startEvent id="Start2" />
                <bpmn:endEvent id="End2" />
                <bpmn:sequenceFlow id="G1" sourceRef="Start2" targetRef="End2" />
              </bpmn:process>
            </bpmn:definitions>
            """, StringComparison.Ordinal);
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1010", text, "<bpmn:process id=\"order_2\"").WithArguments("order", "order_2", "OrderProcess"));
    }

    [Fact]
    public Task A_handler_chosen_with_the_name_of_a_member_of_the_class()
    {
        var text = Process(StraightLine.Replace(
            "<bpmn:task id=\"Work\" name=\"Work\" />",
            "<bpmn:serviceTask id=\"Work\" flow:handler=\"Data\" xmlns:flow=\"http://flow-generators.dev/schema/bpmn\" />",
            StringComparison.Ordinal));
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1010", text, "<bpmn:serviceTask id").WithArguments("a member the generated class already has", "Work", "Data"));
    }

    [Fact]
    [Fires("FLOW1011")]
    public Task An_invalid_namespace_option()
    {
        var text = Process(StraightLine);
        var test = new GeneratorTest();
        test.TestState.AdditionalFiles.Add((FilePath, text));
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.RootNamespace = Not-A.Namespace\n"));
        test.TestState.ExpectedDiagnostics.Add(AtElement("FLOW1011", text, "<bpmn:definitions xmlns"));
        return test.RunAsync();
    }

    [Fact]
    [Fires("FLOW1014")]
    public Task A_flow_into_a_sub_process_child()
    {
        var text = Process("""
                <bpmn:startEvent id="Start" />
                <bpmn:subProcess id="Sub">
                  <bpmn:startEvent id="SubStart" />
                  <bpmn:task id="Inner" />
                  <bpmn:endEvent id="SubEnd" />
                  <bpmn:sequenceFlow id="S1" sourceRef="SubStart" targetRef="Inner" />
                  <bpmn:sequenceFlow id="S2" sourceRef="Inner" targetRef="SubEnd" />
                </bpmn:subProcess>
                <bpmn:endEvent id="End" />
                <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Sub" />
                <bpmn:sequenceFlow id="F2" sourceRef="Sub" targetRef="End" />
                <bpmn:sequenceFlow id="Cross" sourceRef="Start" targetRef="Inner" />
            """);
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1014", text, "<bpmn:sequenceFlow id=\"Cross\""));
    }

    [Fact]
    [Fires("FLOW1015")]
    public Task An_event_with_two_definitions()
    {
        var text = Process(StraightLine.Replace(
            "<bpmn:endEvent id=\"End\" />",
            "<bpmn:endEvent id=\"End\"><bpmn:terminateEventDefinition /><bpmn:errorEventDefinition /></bpmn:endEvent>",
            StringComparison.Ordinal));
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1015", text, "<bpmn:endEvent id=\"End\""), AtElement("FLOW4001", text, "<bpmn:endEvent id=\"End\""));
    }

    [Fact]
    [Fires("FLOW1016")]
    public Task A_sub_process_started_by_a_message()
    {
        var text = Process("""
                <bpmn:startEvent id="Start" />
                <bpmn:subProcess id="Sub">
                  <bpmn:startEvent id="SubStart"><bpmn:messageEventDefinition id="Trigger" /></bpmn:startEvent>
                  <bpmn:endEvent id="SubEnd" />
                  <bpmn:sequenceFlow id="S1" sourceRef="SubStart" targetRef="SubEnd" />
                </bpmn:subProcess>
                <bpmn:endEvent id="End" />
                <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Sub" />
                <bpmn:sequenceFlow id="F2" sourceRef="Sub" targetRef="End" />
            """);
        return GeneratorTest.VerifyAsync(
            text,
            AtElement("FLOW4001", text, "<bpmn:startEvent id=\"SubStart\""),
            AtElement("FLOW1016", text, "<bpmn:messageEventDefinition id"),
            AtElement("FLOW1104", text, "<bpmn:messageEventDefinition id"));
    }

    [Fact]
    [Fires("FLOW1017")]
    public Task An_event_sub_process_with_a_blank_start()
    {
        var text = Process(StraightLine + """

                <bpmn:subProcess id="OnEvent" triggeredByEvent="true">
                  <bpmn:startEvent id="EventStart" />
                  <bpmn:endEvent id="EventEnd" />
                  <bpmn:sequenceFlow id="S1" sourceRef="EventStart" targetRef="EventEnd" />
                </bpmn:subProcess>
            """);
        return GeneratorTest.VerifyAsync(
            text,
            AtElement("FLOW1017", text, "<bpmn:startEvent id=\"EventStart\""));
    }

    [Fact]
    [Fires("FLOW1018")]
    public Task Two_identical_sequence_flows()
    {
        var text = Process(StraightLine + "\n    <bpmn:sequenceFlow id=\"F2b\" sourceRef=\"Work\" targetRef=\"End\" />");
        return GeneratorTest.VerifyAsync(
            text,
            AtElement("FLOW2005", text, "<bpmn:task id=\"Work\""),
            AtElement("FLOW2006", text, "<bpmn:endEvent id=\"End\""),
            AtElement("FLOW1018", text, "<bpmn:sequenceFlow id=\"F2b\""));
    }

    [Fact]
    [Fires("FLOW1019")]
    public Task A_start_event_in_an_ad_hoc_sub_process()
    {
        var text = Process("""
                <bpmn:startEvent id="Start" />
                <bpmn:adHocSubProcess id="Free">
                  <bpmn:startEvent id="FreeStart" />
                  <bpmn:task id="Any" />
                </bpmn:adHocSubProcess>
                <bpmn:endEvent id="End" />
                <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Free" />
                <bpmn:sequenceFlow id="F2" sourceRef="Free" targetRef="End" />
            """);
        return GeneratorTest.VerifyAsync(
            text,
            AtElement("FLOW4002", text, "<bpmn:adHocSubProcess id"),
            AtElement("FLOW1019", text, "<bpmn:startEvent id=\"FreeStart\""));
    }

    [Fact]
    [Fires("FLOW1020")]
    public Task A_link_throw_without_a_catch()
    {
        var text = Process("""
                <bpmn:startEvent id="Start" />
                <bpmn:intermediateThrowEvent id="GoTo"><bpmn:linkEventDefinition id="L1" name="Later" /></bpmn:intermediateThrowEvent>
                <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="GoTo" />
                <bpmn:endEvent id="End" />
                <bpmn:intermediateCatchEvent id="Here"><bpmn:linkEventDefinition id="L2" name="Elsewhere" /></bpmn:intermediateCatchEvent>
                <bpmn:sequenceFlow id="F2" sourceRef="Here" targetRef="End" />
            """);
        return GeneratorTest.VerifyAsync(
            text,
            AtElement("FLOW1020", text, "<bpmn:intermediateThrowEvent id"),
            AtElement("FLOW1020", text, "<bpmn:intermediateCatchEvent id"));
    }

    [Fact]
    [Fires("FLOW1021")]
    public Task An_event_based_gateway_with_one_way_out()
    {
        var text = Process("""
                <bpmn:startEvent id="Start" />
                <bpmn:eventBasedGateway id="Wait" />
                <bpmn:intermediateCatchEvent id="Timer"><bpmn:timerEventDefinition id="T"><bpmn:timeDuration>PT1M</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
                <bpmn:endEvent id="End" />
                <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Wait" />
                <bpmn:sequenceFlow id="F2" sourceRef="Wait" targetRef="Timer" />
                <bpmn:sequenceFlow id="F3" sourceRef="Timer" targetRef="End" />
            """);
        return GeneratorTest.VerifyAsync(
            text,
            AtElement("FLOW1021", text, "<bpmn:eventBasedGateway id"));
    }

    [Fact]
    [Fires("FLOW4004")]
    public Task A_complex_gateway_is_named_as_unsupported()
    {
        var text = Process("""
                <bpmn:startEvent id="Start" />
                <bpmn:complexGateway id="Decide" />
                <bpmn:endEvent id="End1" />
                <bpmn:endEvent id="End2" />
                <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Decide" />
                <bpmn:sequenceFlow id="F2" sourceRef="Decide" targetRef="End1" />
                <bpmn:sequenceFlow id="F3" sourceRef="Decide" targetRef="End2" />
            """);
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW4004", text, "<bpmn:complexGateway id").WithArguments("Complex gateway", "Decide"));
    }

    [Fact]
    [Fires("FLOW1022")]
    public Task A_default_flow_that_leaves_another_node()
    {
        var text = Process(StraightLine.Replace("<bpmn:task id=\"Work\" name=\"Work\" />", "<bpmn:task id=\"Work\" name=\"Work\" default=\"F1\" />", StringComparison.Ordinal));
        return GeneratorTest.VerifyAsync(text, AtText("FLOW1022", text, "default=\"F1\""));
    }

    [Fact]
    public Task A_link_catch_without_a_throw()
    {
        var text = Process(StraightLine + """

                <bpmn:intermediateCatchEvent id="Landing"><bpmn:linkEventDefinition id="L1" name="Nowhere" /></bpmn:intermediateCatchEvent>
                <bpmn:sequenceFlow id="F3" sourceRef="Landing" targetRef="End" />
            """);
        return GeneratorTest.VerifyAsync(
            text,
            AtElement("FLOW2006", text, "<bpmn:endEvent id=\"End\""),
            AtElement("FLOW1020", text, "<bpmn:intermediateCatchEvent id"));
    }

    [Fact]
    [Fires("FLOW1023")]
    public Task A_handler_name_that_is_not_an_identifier()
    {
        var text = Process(StraightLine.Replace(
            "<bpmn:task id=\"Work\" name=\"Work\" />",
            "<bpmn:serviceTask id=\"Work\" flow:handler=\"check stock\" xmlns:flow=\"http://flow-generators.dev/schema/bpmn\" />",
            StringComparison.Ordinal));
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1023", text, "<bpmn:serviceTask id").WithArguments("check stock", "Work"));
    }
}
