using Flow.Generators.Tests.Infrastructure;
using static Flow.Generators.Tests.Infrastructure.Fixtures;

namespace Flow.Generators.Tests.Security;

/// <summary>
/// Whatever the diagram's ids and names, the generated code parses and declares no member
/// twice: colliding names are made distinct, never C# errors in generated code.
/// </summary>
public class GeneratedNameTests
{
    private const string FlowNs = "xmlns:flow=\"http://flow-generators.dev/schema/bpmn\"";

    /// <summary>start → the given nodes in order → end.</summary>
    private static string Chain(params string[] nodes)
    {
        var ids = nodes.Select(n => n.Split('"')[1]).ToList();
        var body = "<bpmn:startEvent id=\"Start\" />\n" + string.Join("\n", nodes) + "\n<bpmn:endEvent id=\"End\" />\n";
        var all = ids.Prepend("Start").Append("End").ToList();
        for (var i = 0; i + 1 < all.Count; i++)
        {
            body += $"<bpmn:sequenceFlow id=\"Flow{i}\" sourceRef=\"{all[i]}\" targetRef=\"{all[i + 1]}\" />\n";
        }

        return Process(body);
    }

    private static GeneratedCompilation AssertCompiles(string text)
    {
        var run = GeneratedCompilation.Run((FilePath, text));
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        Assert.NotEmpty(run.Generated);
        Assert.Empty(run.ErrorsInGeneratedCode());
        return run;
    }

    private static IEnumerable<string> Methods(GeneratedCompilation run) =>
        run.Output.GetTypeByMetadataName("Flows.Tests.OrderProcess")!.GetMembers().Select(m => m.Name);

    [Fact]
    public void Two_wait_states_with_the_same_name_get_distinct_completions()
    {
        var run = AssertCompiles(Chain("<bpmn:userTask id=\"Review1\" name=\"Review\" />", "<bpmn:userTask id=\"Review2\" name=\"Review\" />", "<bpmn:manualTask id=\"Review3\" name=\"Review\" />"));

        var instance = run.Output.GetTypeByMetadataName("Flows.Tests.OrderProcess+Instance")!.GetMembers().Select(m => m.Name).ToList();
        Assert.Contains("CompleteReviewAsync", instance);
        Assert.Contains("CompleteReview2Async", instance);
        Assert.Contains("CompleteReview3Async", instance);
    }

    [Fact]
    public void Two_tasks_named_my_task_share_their_handler_and_wait_states_with_it_fall_back_to_ids()
    {
        var run = AssertCompiles(Chain(
            "<bpmn:serviceTask id=\"A\" name=\"my task\" />",
            "<bpmn:serviceTask id=\"B\" name=\"my task\" />",
            "<bpmn:userTask id=\"C\" name=\"my task\" />",
            "<bpmn:userTask id=\"D\" name=\"my task\" />"));

        Assert.Single(Methods(run), m => m == "MyTask");
        var instance = run.Output.GetTypeByMetadataName("Flows.Tests.OrderProcess+Instance")!.GetMembers().Select(m => m.Name).ToList();
        Assert.Contains("CompleteMyTaskAsync", instance);
        Assert.Contains("CompleteDAsync", instance);
    }

    [Fact]
    public void A_task_named_like_a_member_of_the_class_falls_back_to_its_id()
    {
        var run = AssertCompiles(Chain("<bpmn:serviceTask id=\"Load\" name=\"Data\" />", "<bpmn:serviceTask id=\"Go\" name=\"Start async\" />"));

        Assert.Contains("Load", Methods(run));
        Assert.Contains("Go", Methods(run));
    }

    [Fact]
    public void Ids_that_become_the_same_identifier_get_numbers()
    {
        var run = AssertCompiles(Chain("<bpmn:task id=\"Task-1\" name=\"One\" />", "<bpmn:task id=\"Task_1\" name=\"Two\" />", "<bpmn:task id=\"Task.1\" name=\"Three\" />"));

        var constants = run.Output.GetTypeByMetadataName("Flows.Tests.OrderProcess+NodeIds")!.GetMembers().Select(m => m.Name).ToList();
        Assert.Contains("Task_1", constants);
        Assert.Contains("Task_1_2", constants);
        Assert.Contains("Task_1_3", constants);
    }

    [Fact]
    public void Zero_width_characters_are_dropped_like_CSharp_drops_them()
    {
        // C# ignores formatting characters in identifiers: "Work" and "Work\u200D" would be one name.
        AssertCompiles(Chain(
            "<bpmn:task id=\"Work\" name=\"Check stock\" />",
            "<bpmn:task id=\"Work&#x200D;\" name=\"Check&#x200B; stock\" />",
            "<bpmn:userTask id=\"Wait&#x200C;\" name=\"Approve\" />",
            "<bpmn:userTask id=\"Wait\" name=\"Appro&#x200D;ve\" />"));
    }

    [Fact]
    public void A_zero_width_character_in_a_handler_name_is_FLOW1023_not_a_CSharp_error()
    {
        var text = Chain($"<bpmn:serviceTask id=\"Work\" flow:handler=\"Check&#x200D;\" {FlowNs} />", $"<bpmn:serviceTask id=\"Work2\" flow:handler=\"Check\" {FlowNs} />");
        var run = GeneratedCompilation.Run((FilePath, text));

        Assert.Contains(run.GeneratorDiagnostics, d => d.Id == "FLOW1023");
        Assert.Empty(run.ErrorsInGeneratedCode());
    }

    [Theory]
    [InlineData("__arglist")]
    [InlineData("__makeref")]
    [InlineData("__reftype")]
    [InlineData("__refvalue")]
    [InlineData("await")]
    [InlineData("class")]
    [InlineData("var")]
    [InlineData("yield")]
    [InlineData("nameof")]
    public void Keyword_ids_and_names_give_code_that_parses(string word) =>
        AssertCompiles(Chain($"<bpmn:serviceTask id=\"{word}\" name=\"{word}\" />", $"<bpmn:userTask id=\"{word}2\" name=\"{word}\" />", $"<bpmn:scriptTask id=\"{word}3\" scriptFormat=\"csharp\"><bpmn:script>var x = 1;</bpmn:script></bpmn:scriptTask>"));

    [Theory]
    [InlineData("await")]
    [InlineData("nameof")]
    [InlineData("var")]
    public void A_contextual_keyword_as_handler_name_is_escaped(string word)
    {
        // Handlers are awaited in the async straight-line method: `await await(...)` would not parse.
        var run = GeneratedCompilation.Run(
            new[] { (FilePath, Chain($"<bpmn:serviceTask id=\"Work\" flow:handler=\"{word}\" {FlowNs} />")) },
            new[] { $"namespace Flows.Tests {{ public partial class OrderProcess {{ private partial System.Threading.Tasks.ValueTask @{word}(Flow.TaskContext<Data> context, System.Threading.CancellationToken cancellationToken) => default; }} }}" });

        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        Assert.DoesNotContain(run.Output.GetDiagnostics(), d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
    }

    [Fact]
    public void Ids_and_names_at_their_length_limits_give_short_distinct_names()
    {
        // CS7013 (name too long for metadata, over 1,024 UTF-8 bytes) is found only when the
        // assembly is written, so the process has no handler to implement and must emit.
        // Ids are at most 512 characters (FLOW0011), names 4,096 (FLOW0012): both still far past
        // the 128 characters at which generated names are cut.
        var longId = "T" + new string('x', Flow.Compiler.CompilerLimits.MaxIdLength - 2);
        var longName = new string('n', Flow.Compiler.CompilerLimits.MaxNameLength - 1);
        var text = Process($"""
                <bpmn:startEvent id="{longId}s" name="{longName}s" />
                <bpmn:userTask id="{longId}a" name="{longName}a"><bpmn:extensionElements><flow:output name="approved" type="bool" /></bpmn:extensionElements></bpmn:userTask>
                <bpmn:userTask id="{longId}b" name="{longName}b" />
                <bpmn:endEvent id="{longId}e" />
                <bpmn:sequenceFlow id="{longId}1" sourceRef="{longId}s" targetRef="{longId}a" />
                <bpmn:sequenceFlow id="{longId}2" sourceRef="{longId}a" targetRef="{longId}b" />
                <bpmn:sequenceFlow id="{longId}3" sourceRef="{longId}b" targetRef="{longId}e" />
            """, name: longName).Replace(
            "isExecutable=\"true\">",
            $"isExecutable=\"true\" {FlowNs}><bpmn:extensionElements><flow:variable name=\"approved\" type=\"bool\" /></bpmn:extensionElements>",
            StringComparison.Ordinal);
        var run = GeneratedCompilation.Run((FilePath, text));

        Assert.Empty(run.EmitErrors());
        Assert.All(run.AssemblyTypes(), t => Assert.True(t.Length < 400, t));
        var instance = run.Output.GetTypeByMetadataName("Flows.Tests." + run.AssemblyTypeNames().Single(t => t.EndsWith("Process", StringComparison.Ordinal)) + "+Instance")!;
        Assert.Equal(2, instance.GetMembers().Count(m => m.Name.StartsWith("CompleteNnn", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_process_name_at_the_length_limit_gives_a_short_class_name()
    {
        var text = Process("""
                <bpmn:startEvent id="Start" />
                <bpmn:endEvent id="End" />
                <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="End" />
            """, name: new string('n', Flow.Compiler.CompilerLimits.MaxNameLength));
        var run = GeneratedCompilation.Run((FilePath, text));

        Assert.Empty(run.ErrorsInGeneratedCode());
        Assert.Empty(run.EmitErrorsInGeneratedCode());
        Assert.Contains(run.AssemblyTypes(), t => t.StartsWith("global::Flows.Tests.Nnnn", StringComparison.Ordinal) && t.Length < 200);
    }

    [Fact]
    public void Condition_methods_of_flows_whose_ids_become_one_identifier_are_distinct()
    {
        var text = Process("""
                <bpmn:startEvent id="Start" />
                <bpmn:exclusiveGateway id="Split" default="F-3" />
                <bpmn:task id="A" />
                <bpmn:task id="B" />
                <bpmn:task id="C" />
                <bpmn:endEvent id="End" />
                <bpmn:sequenceFlow id="F0" sourceRef="Start" targetRef="Split" />
                <bpmn:sequenceFlow id="F-1" sourceRef="Split" targetRef="A"><bpmn:conditionExpression>1 &gt; 2</bpmn:conditionExpression></bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="F_1" sourceRef="Split" targetRef="B"><bpmn:conditionExpression>2 &gt; 3</bpmn:conditionExpression></bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="F-3" sourceRef="Split" targetRef="C" />
                <bpmn:sequenceFlow id="F4" sourceRef="A" targetRef="End" />
                <bpmn:sequenceFlow id="F5" sourceRef="B" targetRef="End" />
                <bpmn:sequenceFlow id="F6" sourceRef="C" targetRef="End" />
            """);

        var run = GeneratedCompilation.Run((FilePath, text));

        Assert.Empty(run.ErrorsInGeneratedCode());
        var data = run.Output.GetTypeByMetadataName("Flows.Tests.OrderProcess+Data")!.GetMembers().Select(m => m.Name).ToList();
        Assert.Contains("__Condition_F_1", data);
        Assert.Contains("__Condition_F_1_2", data);
    }

    [Fact]
    public void Process_names_that_differ_only_by_a_zero_width_joiner_are_FLOW1010_not_CS0101()
    {
        var text = Process(StraightLine).Replace("</bpmn:definitions>", """
              <bpmn:process id="order_2" name="Or&#x200D;der" isExecutable="true">
                <bpmn:startEvent id="Start2" />
                <bpmn:endEvent id="End2" />
                <bpmn:sequenceFlow id="G1" sourceRef="Start2" targetRef="End2" />
              </bpmn:process>
            </bpmn:definitions>
            """, StringComparison.Ordinal);

        var run = GeneratedCompilation.Run((FilePath, text));

        Assert.Contains(run.GeneratorDiagnostics, d => d.Id == "FLOW1010");
        Assert.Single(run.Generated);
        Assert.Empty(run.ErrorsInGeneratedCode());
    }
}
