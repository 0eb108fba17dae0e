using Flow.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static Flow.Generators.Tests.Infrastructure.Fixtures;

namespace Flow.Generators.Tests.Diagnostics;

/// <summary>
/// Variables become properties of the generated class Data: a name it cannot hold is FLOW1316 at the
/// declaration, not CS0542/CS0108 in the generated code.
/// </summary>
public class DataMemberNameDiagnosticsTests
{
    private const string FlowNs = "xmlns:flow=\"http://flow-generators.dev/schema/bpmn\"";

    private static string WithVariables(string variables) => WithVariablesIn(Process(StraightLine), variables);

    private static string WithVariablesIn(string process, string variables) => process.Replace(
        "isExecutable=\"true\">",
        $"isExecutable=\"true\" {FlowNs}>\n    <bpmn:extensionElements>\n{variables}\n    </bpmn:extensionElements>",
        StringComparison.Ordinal);

    [Theory]
    [Fires("FLOW1316")]
    [InlineData("Data", "the generated data class 'Data' itself (C# error CS0542: a member cannot have the name of its class)")]
    [InlineData("ToString", "the method object.ToString() every class has (C# warning CS0108: the property would hide it)")]
    [InlineData("Equals", "the method object.Equals(object) every class has (C# warning CS0108: the property would hide it)")]
    [InlineData("GetHashCode", "the method object.GetHashCode() every class has (C# warning CS0108: the property would hide it)")]
    [InlineData("GetType", "the method object.GetType() every class has (C# warning CS0108: the property would hide it)")]
    [InlineData("MemberwiseClone", "the method object.MemberwiseClone() every class has (C# warning CS0108: the property would hide it)")]
    [InlineData("Finalize", "the method object.Finalize() every class has (C# warning CS0108: the property would hide it)")]
    [InlineData("ReferenceEquals", "the method object.ReferenceEquals(object, object) every class has (C# warning CS0108: the property would hide it)")]
    public Task A_variable_named_like_a_member_of_the_data_class_is_reported_at_its_declaration(string name, string what)
    {
        var text = WithVariables("      <flow:variable name=\"amount\" type=\"decimal\" />\n      <flow:variable name=\"" + name + "\" type=\"string\" />");
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1316", text, $"<flow:variable name=\"{name}\"").WithArguments(name, what));
    }

    [Fact]
    public Task A_data_object_named_Data_is_reported_at_the_data_object()
    {
        // Data objects are named in prose; "Data" is a likely one, and becomes the member Data.
        var text = Process(StraightLine.Replace("<bpmn:endEvent id=\"End\" />", "<bpmn:endEvent id=\"End\" />\n    <bpmn:dataObject id=\"DataObject_1\" name=\"Data\" itemSubjectRef=\"Item_Text\" />", StringComparison.Ordinal))
            .Replace("<bpmn:process", "<bpmn:itemDefinition id=\"Item_Text\" structureRef=\"xsd:string\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" />\n  <bpmn:process", StringComparison.Ordinal);
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1316", text, "<bpmn:dataObject id").WithArguments("Data", "the generated data class 'Data' itself (C# error CS0542: a member cannot have the name of its class)"));
    }

    /// <summary>C# compares names case-sensitively: these compile without a warning, so nothing is reported.</summary>
    [Fact]
    public Task Names_that_differ_only_in_case_from_a_taken_one_compile_cleanly()
    {
        // A user task: the compile needs no handler implementation.
        var userTask = Process(StraightLine.Replace("<bpmn:task id=\"Work\" name=\"Work\" />", "<bpmn:userTask id=\"Work\" name=\"Work\" />", StringComparison.Ordinal));
        var text = WithVariablesIn(userTask, """
                  <flow:variable name="data" type="string" />
                  <flow:variable name="toString" type="string" />
                  <flow:variable name="equals" type="bool" />
                  <flow:variable name="getHashCode" type="int" />
                  <flow:variable name="DATA" type="string" />
            """);
        var test = new GeneratorTest { CompilerDiagnostics = CompilerDiagnostics.Warnings };
        test.TestState.AdditionalFiles.Add((FilePath, text));
        return test.RunAsync();
    }

    /// <summary>
    /// The process gets no class (as for a colliding flow:handler, FLOW1010): the generated property
    /// was a C# error (CS0542) or warning (CS0108) besides FLOW1316, far from the diagram line.
    /// </summary>
    [Theory]
    [InlineData("Data")]
    [InlineData("ToString")]
    [InlineData("Equals")]
    [InlineData("GetHashCode")]
    [InlineData("GetType")]
    [InlineData("MemberwiseClone")]
    [InlineData("Finalize")]
    [InlineData("ReferenceEquals")]
    public void A_taken_name_is_the_only_diagnostic_no_csharp_one_follows(string name)
    {
        var userTask = Process(StraightLine.Replace("<bpmn:task id=\"Work\" name=\"Work\" />", "<bpmn:userTask id=\"Work\" name=\"Work\" />", StringComparison.Ordinal));
        var text = WithVariablesIn(userTask, "      <flow:variable name=\"amount\" type=\"decimal\" />\n      <flow:variable name=\"" + name + "\" type=\"string\" />");

        var run = GeneratedCompilation.Run((FilePath, text));

        var flow = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("FLOW1316", flow.Id);
        Assert.Equal(Find(text, "<flow:variable name=\"" + name + "\"").Line - 1, flow.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Empty(run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Empty(run.Generated);
    }

    [Fact]
    public Task Variables_of_a_process_with_its_own_data_type_are_not_checked_for_it()
    {
        // They are ignored (FLOW3006); the members are the user's class's own.
        var text = WithVariables("""      <flow:variable name="Data" type="string" />""")
            .Replace("isExecutable=\"true\"", "isExecutable=\"true\" flow:dataType=\"Shop.OrderData\"", StringComparison.Ordinal);
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW3006", text, "<flow:variable name=\"Data\"").WithArguments("Shop.OrderData", "Data"));
    }
}
