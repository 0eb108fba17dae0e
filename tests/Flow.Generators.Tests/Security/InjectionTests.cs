using Flow.Generators.Tests.Infrastructure;
using static Flow.Generators.Tests.Infrastructure.Fixtures;

namespace Flow.Generators.Tests.Security;

/// <summary>
/// Diagram text never becomes code: labels and ids that try to end the comment or literal they
/// are written into (C# ends a line at U+0085, U+2028 and U+2029 too) produce no type.
/// </summary>
public class InjectionTests
{
    /// <summary>C# that declares a type running when the flow assembly loads, then comments out the rest of the line.</summary>
    private const string Payload = "public static class Injected { [global::System.Runtime.CompilerServices.ModuleInitializer] internal static void Run() { global::System.Environment.Exit(66); } } //";

    [Theory]
    [InlineData("&#x85;")]
    [InlineData("&#x2028;")]
    [InlineData("&#x2029;")]
    [InlineData("&#xD;")]
    [InlineData("&#xA;")]
    public void A_process_name_cannot_inject_a_type(string lineEnd)
    {
        var text = Process(StraightLine, name: "Order" + lineEnd + Payload);

        var run = GeneratedCompilation.Run((FilePath, text));

        Assert.NotEmpty(run.Generated);
        Assert.DoesNotContain("Injected", run.AssemblyTypeNames());
        Assert.DoesNotContain("Injected", run.GeneratedTypeNames());
        Assert.Empty(run.ErrorsInGeneratedCode());
    }

    [Fact]
    public void An_id_with_a_line_separator_is_refused_and_injects_nothing()
    {
        // U+2028 in a task's id once ended the handler's doc comment.
        var text = Process($"""
                <bpmn:startEvent id="Start" />
                <bpmn:serviceTask id="Work&#x2028;{Payload}" name="Work" />
                <bpmn:endEvent id="End" />
                <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Work&#x2028;{Payload}" />
                <bpmn:sequenceFlow id="F2" sourceRef="Work&#x2028;{Payload}" targetRef="End" />
            """);

        var run = GeneratedCompilation.Run((FilePath, text));

        Assert.Contains(run.GeneratorDiagnostics, d => d.Id == "FLOW0010");
        Assert.DoesNotContain("Injected", run.AssemblyTypeNames());
        Assert.Empty(run.ErrorsInGeneratedCode());
    }

    [Fact]
    public void Every_text_position_is_escaped_for_every_dangerous_character()
    {
        // Each dangerous sequence in every place diagram text reaches generated code: process
        // name, node names, flow ids (literals, comments), a variable's name in a comment.
        foreach (var danger in Dangerous)
        {
            var label = "a" + danger + Payload;
            var text = Process($"""
                    <bpmn:startEvent id="Start" name="{label}" />
                    <bpmn:userTask id="Review" name="{label}" />
                    <bpmn:serviceTask id="Work" name="{label}" />
                    <bpmn:endEvent id="End" name="{label}" />
                    <bpmn:sequenceFlow id="F1" name="{label}" sourceRef="Start" targetRef="Review" />
                    <bpmn:sequenceFlow id="F2" sourceRef="Review" targetRef="Work" />
                    <bpmn:sequenceFlow id="F3" sourceRef="Work" targetRef="End" />
                """, name: label);

            var run = GeneratedCompilation.Run((FilePath, text));

            Assert.NotEmpty(run.Generated);
            Assert.DoesNotContain("Injected", run.AssemblyTypeNames());
            Assert.Empty(run.ErrorsInGeneratedCode());
            foreach (var tree in run.Generated)
            {
                var source = tree.ToString();
                Assert.DoesNotContain(source, c => c is '\u0085' or '\u2028' or '\u2029' or '\u202E' or '\u2066' or '\u200F');
            }
        }
    }

    /// <summary>Sequences that end a line, a comment or a literal, or hide what code does (XML-escaped for an attribute).</summary>
    internal static readonly string[] Dangerous =
    {
        "&#x85;", "&#x2028;", "&#x2029;", "&#xD;", "&#xA;", "&#x9;", "&quot;", "'", "\\", "*/", "/*", "//",
        "&#x2028;#line 1 &quot;x.cs&quot;&#x2028;", "&#x202E;", "&#x2066;", "&#x200F;", "&#x200D;", "&lt;/summary&gt;", "&#x85;}}}",
    };
}
