using Flow.Bpmn.Model;

namespace Flow.Bpmn.Tests;

/// <summary>Build → XML → read gives the same model; writing is byte-for-byte repeatable.</summary>
public class RoundTripTests
{
    [Theory]
    [MemberData(nameof(Samples.Names), MemberType = typeof(Samples))]
    public void Reading_the_written_xml_gives_the_built_model(string sample)
    {
        var built = Samples.All[sample]();

        var read = Bpmn.ReadModel(Bpmn.WriteModel(built));

        Assert.Empty(BpmnModelComparison.Differences(built, read));
    }

    [Theory]
    [MemberData(nameof(Samples.Names), MemberType = typeof(Samples))]
    public void Building_twice_writes_identical_bytes(string sample)
    {
        using var first = new MemoryStream();
        using var second = new MemoryStream();

        Bpmn.WriteModel(first, Samples.All[sample]());
        Bpmn.WriteModel(second, Samples.All[sample]());

        Assert.Equal(first.ToArray(), second.ToArray());
        Assert.False(first.ToArray().AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }), "no byte order mark");
    }

    [Fact]
    public void Writing_what_was_read_gives_the_same_text()
    {
        var xml = Bpmn.WriteModel(Samples.SubProcesses());

        Assert.Equal(xml, Bpmn.WriteModel(Bpmn.ReadModel(xml)));
    }

    [Fact]
    public void The_comparison_finds_a_changed_condition()
    {
        var built = Samples.Order();
        var read = Bpmn.ReadModel(Bpmn.WriteModel(built));
        read.Processes[0].SequenceFlows.Single(f => f.Name == "yes").ConditionExpression = "true";

        var difference = Assert.Single(BpmnModelComparison.Differences(built, read));
        Assert.Contains("ConditionExpression", difference, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_that_needs_escaping_survives()
    {
        var built = Bpmn.CreateProcess("p").Name("A & B <c> \"d\"").Variable("amount", "decimal")
            .StartEvent().ExclusiveGateway("g")
            .Condition("a < b", "amount < 10 && amount > 1").ScriptTask("s").Script("var x = \"<&>\";\nx += \"\\n\";").EndEvent()
            .MoveToLastGateway().DefaultFlow().EndEvent()
            .Done();

        var read = Bpmn.ReadModel(Bpmn.WriteModel(built));

        Assert.Empty(BpmnModelComparison.Differences(built, read));
        Assert.Equal("var x = \"<&>\";\nx += \"\\n\";", read.FindNode("s")!.Script);
    }

    [Fact]
    public void Extension_attributes_of_any_namespace_are_kept_with_a_prefix()
    {
        var built = Bpmn.CreateProcess("p").CamundaAttribute("historyTimeToLive", "P30D")
            .StartEvent().ServiceTask("t").CamundaAsyncBefore().ExtensionAttribute("urn:example:tools", "color", "red").EndEvent()
            .Done();

        var xml = Bpmn.WriteModel(built);

        Assert.Contains("xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\"", xml, StringComparison.Ordinal);
        Assert.Contains("xmlns:ns1=\"urn:example:tools\"", xml, StringComparison.Ordinal);
        Assert.Contains("ns1:color=\"red\"", xml, StringComparison.Ordinal);
        Assert.Empty(BpmnModelComparison.Differences(built, Bpmn.ReadModel(xml)));
    }
}
