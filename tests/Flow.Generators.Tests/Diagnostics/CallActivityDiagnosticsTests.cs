using Flow.Generators.Tests.Infrastructure;
using static Flow.Generators.Tests.Infrastructure.Fixtures;

namespace Flow.Generators.Tests.Diagnostics;

/// <summary>Call activities checked at build time (issue 13): key, binding, mappings against both data types.</summary>
public class CallActivityDiagnosticsTests
{
    private const string Camunda = "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\"";

    /// <summary>The order process with one call activity in place of the task.</summary>
    private static string WithCall(string callActivity) =>
        Process(StraightLine.Replace("<bpmn:task id=\"Work\" name=\"Work\" />", callActivity, StringComparison.Ordinal));

    /// <summary>A process "billing" with variables total and result, in a file of its own.</summary>
    private static string Billing() => """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flow="http://flow-generators.dev/schema/bpmn" id="Definitions_2" targetNamespace="http://example.com/bpmn">
          <bpmn:process id="billing" name="Billing" isExecutable="true">
            <bpmn:extensionElements>
              <flow:variable name="total" type="int" />
            </bpmn:extensionElements>
            <bpmn:startEvent id="Start" />
            <bpmn:userTask id="Pay" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Pay" />
            <bpmn:sequenceFlow id="F2" sourceRef="Pay" targetRef="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public Task A_call_to_a_process_of_another_file_with_mappings_and_bindings_compiles_clean()
    {
        var text = WithCall($"""<bpmn:callActivity id="Work" calledElement="billing" {Camunda} camunda:calledElementBinding="version" camunda:calledElementVersion="2" camunda:asyncBefore="true"><bpmn:extensionElements><camunda:in variables="all" /><camunda:out variables="all" /></bpmn:extensionElements></bpmn:callActivity>""");
        return GeneratorTest.VerifyFilesAsync(new[] { (FilePath, text), ("/flows/billing.bpmn", Billing()) });
    }

    [Fact]
    [Fires("FLOW1200")]
    public Task A_call_activity_without_called_element()
    {
        var text = WithCall("<bpmn:callActivity id=\"Work\" />");
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1200", text, "<bpmn:callActivity id").WithArguments("Work", "has no calledElement (the key of the process to call)"));
    }

    [Fact]
    [Fires("FLOW1201")]
    public Task A_call_to_a_key_no_file_defines_is_reported_at_called_element()
    {
        var text = WithCall("<bpmn:callActivity id=\"Work\" calledElement=\"biling\" />");
        return GeneratorTest.VerifyFilesAsync(
            new[] { (FilePath, text), ("/flows/billing.bpmn", Billing()) },
            AtText("FLOW1201", text, "calledElement=\"biling\"").WithArguments("Work", "biling"));
    }

    [Fact]
    public Task A_call_marked_external_is_not_checked_across_files() =>
        GeneratorTest.VerifyAsync(WithCall("<bpmn:callActivity id=\"Work\" calledElement=\"elsewhere\" xmlns:flow=\"http://flow-generators.dev/schema/bpmn\" flow:external=\"true\" />"));

    [Fact]
    [Fires("FLOW1202")]
    public Task A_version_tag_binding_is_reported_at_the_binding()
    {
        var text = WithCall($"<bpmn:callActivity id=\"Work\" calledElement=\"order\" {Camunda} camunda:calledElementBinding=\"versionTag\" camunda:calledElementVersionTag=\"v1\" />");
        return GeneratorTest.VerifyAsync(text, AtText("FLOW1202", text, "camunda:calledElementBinding=\"versionTag\"")
            .WithArguments("Work", "binding 'versionTag' is not supported (Flow's versions have no tags); use latest, deployment or version"));
    }

    [Fact]
    [Fires("FLOW1203")]
    public Task A_mapping_of_all_variables_with_a_target_is_reported_at_the_mapping()
    {
        var text = WithCall($"<bpmn:callActivity id=\"Work\" calledElement=\"order\" {Camunda}><bpmn:extensionElements><camunda:out variables=\"all\" target=\"x\" /></bpmn:extensionElements></bpmn:callActivity>");
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1203", text, "<camunda:out variables").WithArguments("Work", "out", "has variables=\"all\" and a source or target as well"));
    }

    [Fact]
    [Fires("FLOW1204")]
    public Task Mapped_names_are_checked_against_the_data_of_both_processes()
    {
        var billing = """
              <bpmn:process id="billing" isExecutable="true">
                <bpmn:extensionElements><flow:variable name="total" type="int" /></bpmn:extensionElements>
                <bpmn:startEvent id="BillingStart" />
                <bpmn:endEvent id="BillingEnd" />
                <bpmn:sequenceFlow id="B1" sourceRef="BillingStart" targetRef="BillingEnd" />
              </bpmn:process>
            """;
        var text = WithCall($"<bpmn:callActivity id=\"Work\" calledElement=\"billing\" {Camunda}><bpmn:extensionElements><camunda:in source=\"amount\" target=\"totl\" /></bpmn:extensionElements></bpmn:callActivity>")
            .Replace("</bpmn:definitions>", billing + "</bpmn:definitions>", StringComparison.Ordinal)
            .Replace("<bpmn:definitions ", "<bpmn:definitions xmlns:flow=\"http://flow-generators.dev/schema/bpmn\" ", StringComparison.Ordinal);
        return GeneratorTest.VerifyAsync(
            text,
            AtElement("FLOW1204", text, "<camunda:in source").WithArguments("Work", "in", "amount", "order"),
            AtElement("FLOW1204", text, "<camunda:in source").WithArguments("Work", "in", "totl", "billing"));
    }

    [Fact]
    [Fires("FLOW1205")]
    public Task A_business_key_mapping_is_a_warning_at_the_call_activity()
    {
        var text = WithCall($"<bpmn:callActivity id=\"Work\" calledElement=\"order\" {Camunda}><bpmn:extensionElements><camunda:in businessKey=\"#{{execution.processBusinessKey}}\" /></bpmn:extensionElements></bpmn:callActivity>");
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1205", text, "<bpmn:callActivity id").WithArguments("Work"));
    }
}
