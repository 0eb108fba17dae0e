using System.Xml.Linq;
using Flow.Bpmn.Model;
using Flow.Compiler;
using Flow.Compiler.Diagnostics;

namespace Flow.Bpmn.Tests;

/// <summary>camunda:inputOutput list, map and script values with flow:type, and camunda:failedJobRetryTimeCycle: written, read back, compared, compiled.</summary>
public class InputOutputAndRetryTests
{
    private static readonly XNamespace Camunda = BpmnXmlNames.Camunda;

    /// <summary>As Camunda Modeler (and a hand edit for flow:type) writes it: nesting, a script, a retry cycle.</summary>
    private const string CamundaXml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
            xmlns:flow="http://flow-generators.dev/schema/bpmn" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:process id="p" isExecutable="true">
            <bpmn:serviceTask id="t" camunda:asyncBefore="true">
              <bpmn:extensionElements>
                <camunda:failedJobRetryTimeCycle>R5/PT10S</camunda:failedJobRetryTimeCycle>
                <camunda:inputOutput>
                  <camunda:inputParameter name="sizes" flow:type="List&lt;int&gt;">
                    <camunda:list>
                      <camunda:value>${1}</camunda:value>
                      <camunda:value>${2}</camunda:value>
                    </camunda:list>
                  </camunda:inputParameter>
                  <camunda:inputParameter name="nested">
                    <camunda:list>
                      <camunda:value>a</camunda:value>
                      <camunda:list><camunda:value>b</camunda:value></camunda:list>
                      <camunda:map><camunda:entry key="k">v</camunda:entry></camunda:map>
                    </camunda:list>
                  </camunda:inputParameter>
                  <camunda:inputParameter name="labels">
                    <camunda:map>
                      <camunda:entry key="a">first</camunda:entry>
                      <camunda:entry key="b"><camunda:list><camunda:value>x</camunda:value></camunda:list></camunda:entry>
                      <camunda:entry key="c" />
                    </camunda:map>
                  </camunda:inputParameter>
                  <camunda:inputParameter name="s"><camunda:script scriptFormat="groovy" resource="deployment://s.groovy" /></camunda:inputParameter>
                  <camunda:outputParameter name="o"><camunda:script scriptFormat="javascript">1 + 1</camunda:script></camunda:outputParameter>
                </camunda:inputOutput>
              </bpmn:extensionElements>
            </bpmn:serviceTask>
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public void Lists_maps_scripts_types_and_the_retry_cycle_are_read()
    {
        var task = Bpmn.ReadModel(CamundaXml).FindNode("t")!;

        Assert.Equal("R5/PT10S", task.FailedJobRetryTimeCycle);
        var sizes = task.InputParameters[0];
        Assert.Equal("List<int>", sizes.Type);
        Assert.Equal(BpmnParameterValueKind.List, sizes.Content.Kind);
        Assert.Equal(new[] { "${1}", "${2}" }, sizes.Content.Items.Select(i => i.Text));
        Assert.Null(sizes.Value);
        Assert.Equal("nested=[a, [b], {\"k\": v}]", task.InputParameters[1].ToString());
        Assert.Equal("labels={\"a\": first, \"b\": [x], \"c\": }", task.InputParameters[2].ToString());
        Assert.Null(task.InputParameters[2].Content.Entries[2].Value.Text);
        Assert.Equal("s=script(\"groovy\", \"deployment://s.groovy\", null)", task.InputParameters[3].ToString());
        Assert.Equal("o=script(\"javascript\", null, \"1 + 1\")", Assert.Single(task.OutputParameters).ToString());
    }

    [Fact]
    public void What_was_read_is_written_with_the_same_input_output_and_retry_elements()
    {
        var written = Bpmn.WriteModel(Bpmn.ReadModel(CamundaXml));

        XElement Task(string xml) => XDocument.Parse(xml).Descendants().Single(e => e.Attribute("id")?.Value == "t");
        string Normal(XElement e) => e.Name.LocalName + string.Concat(e.Attributes().Where(a => !a.IsNamespaceDeclaration).OrderBy(a => a.Name.ToString()).Select(a => $" {a.Name}={a.Value}"))
            + (e.HasElements ? "(" + string.Join(",", e.Elements().Select(Normal)) + ")" : "'" + e.Value + "'");
        var original = Task(CamundaXml).Element(XName.Get("extensionElements", BpmnXmlNames.Bpmn))!;
        var again = Task(written).Element(XName.Get("extensionElements", BpmnXmlNames.Bpmn))!;
        Assert.Equal(Normal(original), Normal(again));
        Assert.Empty(BpmnModelComparison.Differences(Bpmn.ReadModel(CamundaXml), Bpmn.ReadModel(written)));
    }

    [Fact]
    public void The_builder_writes_flow_type_lists_with_values_nested_lists_and_map_entries()
    {
        var xml = XDocument.Parse(Bpmn.WriteModel(Samples.TypedInputs()));

        var parameters = xml.Descendants(Camunda + "inputParameter").ToDictionary(p => p.Attribute("name")!.Value);
        Assert.Equal("List<int>", parameters["sizes"].Attribute(XName.Get("type", BpmnXmlNames.Flow))!.Value);
        Assert.Equal(new[] { "${1}", "${2}", "${3}" }, parameters["sizes"].Element(Camunda + "list")!.Elements(Camunda + "value").Select(v => v.Value));
        Assert.Equal(2, parameters["grid"].Element(Camunda + "list")!.Elements(Camunda + "list").Count());
        Assert.Null(parameters["grid"].Attribute(XName.Get("type", BpmnXmlNames.Flow)));
        Assert.Equal(new[] { "a=first", "b=second" }, parameters["labels"].Descendants(Camunda + "entry").Select(e => e.Attribute("key")!.Value + "=" + e.Value));
        Assert.Equal("int", parameters["factor"].Attribute(XName.Get("type", BpmnXmlNames.Flow))!.Value);
    }

    [Fact]
    public void The_builder_writes_the_retry_cycle_as_an_extension_element_beside_async_before()
    {
        var xml = XDocument.Parse(Bpmn.WriteModel(Samples.RetryCycles()));

        var charge = xml.Descendants().Single(e => e.Attribute("id")?.Value == "charge");
        Assert.Equal("true", charge.Attribute(Camunda + "asyncBefore")!.Value);
        Assert.Equal("R5/PT10S", charge.Descendants(Camunda + "failedJobRetryTimeCycle").Single().Value);
        Assert.Equal("PT1M,PT5M,PT10M", xml.Descendants().Single(e => e.Attribute("id")?.Value == "confirm").Descendants(Camunda + "failedJobRetryTimeCycle").Single().Value);
    }

    [Fact]
    public void The_compiler_types_the_inputs_and_schedules_the_retries_as_written()
    {
        Compiled(Samples.TypedInputs(), out var typed);
        Compiled(Samples.RetryCycles(), out var retries);

        // The declared type as written; the nested list and the map inferred from their values.
        Assert.Contains("public List<int> sizes {", typed, StringComparison.Ordinal);
        Assert.Contains("Generic.List<global::System.Collections.Generic.List<int>> grid {", typed, StringComparison.Ordinal);
        Assert.Contains("Generic.Dictionary<string, string> labels {", typed, StringComparison.Ordinal);
        Assert.Contains("foreach (var size in sizes) { total += size * factor; }", typed, StringComparison.Ordinal);
        Assert.Contains("RetryCycle = \"R5/PT10S\"", retries, StringComparison.Ordinal);
        Assert.Contains("RetryCycle = \"PT1M,PT5M,PT10M\"", retries, StringComparison.Ordinal);
    }

    [Fact]
    public void The_comparison_finds_a_changed_list_item_type_and_retry_cycle()
    {
        var built = Samples.TypedInputs();
        var changed = Bpmn.ReadModel(Bpmn.WriteModel(built));
        var sum = changed.FindNode("sum")!;
        sum.InputParameters[0] = new BpmnParameter("sizes", BpmnParameterValue.List("${1}", "${2}", "${4}"), "List<int>");
        sum.InputParameters[3] = new BpmnParameter("factor", "${2}");
        sum.FailedJobRetryTimeCycle = "R1/PT1S";

        var differences = BpmnModelComparison.Differences(built, changed);

        Assert.Equal(2, differences.Count);
        Assert.Contains(differences, d => d.Contains(".InputParameters", StringComparison.Ordinal) && d.Contains("${4}", StringComparison.Ordinal) && d.Contains("factor=${2}", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.Contains(".FailedJobRetryTimeCycle", StringComparison.Ordinal) && d.Contains("R1/PT1S", StringComparison.Ordinal));
    }

    private static void Compiled(BpmnDefinitions model, out string sources)
    {
        var xml = Bpmn.WriteModel(model);
        var result = FlowCompiler.Compile(new FlowFile("/built.bpmn", xml, "Built"));
        var problems = result.Diagnostics.Where(d => d.Severity != FlowSeverity.Info).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems) + "\n" + xml);
        sources = string.Join("\n", result.Sources.Select(s => s.Text));
    }
}
