using Flow.Compilation;

namespace Flow.Runtime.Compilation.Tests;

/// <summary>
/// C# in a diagram is pasted into the generated class under #line, and content's denied-API
/// check (FLOW6252) looks only at code mapped to the diagram. A <c>#line hidden</c> inside an
/// expression would take the code after it out of that mapping: such a diagram must be refused
/// before it compiles (FLOW3010 at the directive), whichever expression carries it.
/// </summary>
public class ContentDirectiveInjectionTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    private const string Hidden = "\n#line hidden\n+ System.IO.File.ReadAllText(\"/etc/hostname\")\n#line default\n";

    private static string Diagram(string task, string messages = "") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:flow="http://flow-generators.dev/schema/bpmn" id="Defs">
          {messages}
          <bpmn:process id="probe" isExecutable="true">
            <bpmn:extensionElements>
              <flow:variable name="note" type="string" />
              <flow:variable name="n" type="int" />
            </bpmn:extensionElements>
            <bpmn:startEvent id="Start" />
            {task}
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="S" />
            <bpmn:sequenceFlow id="F2" sourceRef="S" targetRef="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static string Script(string inputOutput) =>
        "<bpmn:scriptTask id=\"S\" scriptFormat=\"csharp\"><bpmn:extensionElements><camunda:inputOutput>" + inputOutput
        + "</camunda:inputOutput></bpmn:extensionElements><bpmn:script>note = note ?? \"\";</bpmn:script></bpmn:scriptTask>";

    public static TheoryData<string, string> Injections() => new()
    {
        { "input parameter", Diagram(Script("<camunda:inputParameter name=\"x\" flow:type=\"string\">${\"a\"" + Hidden + "}</camunda:inputParameter>")) },
        { "output parameter", Diagram(Script("<camunda:outputParameter name=\"note\">${\"a\"" + Hidden + "}</camunda:outputParameter>")) },
        { "list value", Diagram(Script("<camunda:inputParameter name=\"x\" flow:type=\"List&lt;string&gt;\"><camunda:list><camunda:value>${\"a\"" + Hidden + "}</camunda:value></camunda:list></camunda:inputParameter>")) },
        { "completion condition", Diagram("<bpmn:scriptTask id=\"S\" scriptFormat=\"csharp\"><bpmn:multiInstanceLoopCharacteristics isSequential=\"true\"><bpmn:loopCardinality>3</bpmn:loopCardinality><bpmn:completionCondition>${n &gt; 100\n#line hidden\n|| System.IO.File.Exists(\"/etc/hostname\")\n#line default\n}</bpmn:completionCondition></bpmn:multiInstanceLoopCharacteristics><bpmn:script>n = n + 1;</bpmn:script></bpmn:scriptTask>") },
        { "correlation key", Diagram("<bpmn:receiveTask id=\"S\" messageRef=\"Msg\" flow:correlationKey=\"note&#10;#line hidden&#10;+ System.IO.File.ReadAllText(&quot;/etc/hostname&quot;)&#10;#line default&#10;\" />", "<bpmn:message id=\"Msg\" name=\"go\" />") },
        { "event condition", Diagram("<bpmn:intermediateCatchEvent id=\"S\"><bpmn:conditionalEventDefinition><bpmn:condition>${n &gt; 0\n#line hidden\n|| System.IO.File.Exists(\"/etc/hostname\")\n#line default\n}</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:intermediateCatchEvent>") },
    };

    [Theory]
    [MemberData(nameof(Injections))]
    public async Task A_line_directive_in_an_expression_is_refused_at_the_directive_and_nothing_is_deployed(string where, string text)
    {
        var host = new ContentHost();
        var error = await Assert.ThrowsAsync<ContentCompilationException>(() => host.Deployer.DeployAsync("probe", text).WaitAsync(Limit));
        var directive = Assert.Single(error.Diagnostics, d => d.Id == "FLOW3010");
        Assert.True(directive.IsError, where);
        // An attribute's line ends are character references: the directive is on the attribute's line or after it.
        Assert.InRange(directive.Line, OrderDiagrams.Find(text, "#line hidden").Line, OrderDiagrams.Find(text, "#line hidden").Line + 1);
        Assert.Contains("'#line'", directive.Message, StringComparison.Ordinal);
        Assert.Empty(host.Registry.Latest);
    }
}
