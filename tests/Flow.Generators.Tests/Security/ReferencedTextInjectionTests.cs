using Flow.Generators.Tests.Infrastructure;
using static Flow.Generators.Tests.Infrastructure.Fixtures;

namespace Flow.Generators.Tests.Security;

/// <summary>
/// Text of the diagram beyond names (InjectionTests covers those) that reaches generated code as a
/// literal or a comment: message, signal, error and escalation names and codes, a call's calledElement,
/// a timer's literal, documentation, a participant's name, a text annotation. Each dangerous sequence
/// (line ends C# knows and XML does not, comment ends, #line, bidi and zero-width characters) must
/// neither inject a type nor break the generated code.
/// </summary>
public class ReferencedTextInjectionTests
{
    private const string Payload = "public static class Injected { [global::System.Runtime.CompilerServices.ModuleInitializer] internal static void Run() { global::System.Environment.Exit(66); } } //";

    public static TheoryData<string> Dangers => new(InjectionTests.Dangerous);

    [Theory]
    [MemberData(nameof(Dangers))]
    public void Text_of_referenced_elements_cannot_inject_code(string danger)
    {
        var label = "a" + danger + Payload;
        var text = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Definitions_1" targetNamespace="http://example.com/bpmn">
              <bpmn:message id="Message_1" name="{label}" />
              <bpmn:signal id="Signal_1" name="{label}" />
              <bpmn:error id="Error_1" name="{label}" errorCode="{label}" />
              <bpmn:escalation id="Escalation_1" name="{label}" escalationCode="{label}" />
              <bpmn:collaboration id="Collaboration_1">
                <bpmn:participant id="Participant_1" name="{label}" processRef="order" />
              </bpmn:collaboration>
              <bpmn:process id="order" name="Order" isExecutable="true">
                <bpmn:documentation>{label}</bpmn:documentation>
                <bpmn:startEvent id="Start"><bpmn:documentation>{label}</bpmn:documentation></bpmn:startEvent>
                <bpmn:receiveTask id="Wait" messageRef="Message_1" />
                <bpmn:intermediateCatchEvent id="Signalled"><bpmn:signalEventDefinition signalRef="Signal_1" /></bpmn:intermediateCatchEvent>
                <bpmn:intermediateCatchEvent id="Later"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
                <bpmn:intermediateThrowEvent id="Escalate"><bpmn:escalationEventDefinition escalationRef="Escalation_1" /></bpmn:intermediateThrowEvent>
                <bpmn:callActivity id="Call" calledElement="{label}" />
                <bpmn:endEvent id="Fail"><bpmn:errorEventDefinition errorRef="Error_1" /></bpmn:endEvent>
                <bpmn:textAnnotation id="Note"><bpmn:text>{label}</bpmn:text></bpmn:textAnnotation>
                <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Wait" />
                <bpmn:sequenceFlow id="F2" sourceRef="Wait" targetRef="Signalled" />
                <bpmn:sequenceFlow id="F3" sourceRef="Signalled" targetRef="Later" />
                <bpmn:sequenceFlow id="F4" sourceRef="Later" targetRef="Escalate" />
                <bpmn:sequenceFlow id="F5" sourceRef="Escalate" targetRef="Call" />
                <bpmn:sequenceFlow id="F6" sourceRef="Call" targetRef="Fail" />
              </bpmn:process>
            </bpmn:definitions>
            """;

        var run = GeneratedCompilation.Run((FilePath, text));

        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "FLOW0999");
        Assert.NotEmpty(run.Generated);
        Assert.DoesNotContain("Injected", run.AssemblyTypeNames());
        Assert.Empty(run.ErrorsInGeneratedCode());
        foreach (var tree in run.Generated)
        {
            Assert.DoesNotContain(tree.ToString(), c => c is '\u0085' or '\u2028' or '\u2029' or '\u202E' or '\u2066' or '\u200F');
        }
    }
}
