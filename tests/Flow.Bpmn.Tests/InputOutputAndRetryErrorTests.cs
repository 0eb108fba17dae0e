using Flow.Bpmn.Model;

namespace Flow.Bpmn.Tests;

/// <summary>Mistakes with parameter values and retry cycles are FLOW8022–FLOW8025, naming the node and parameter.</summary>
public class InputOutputAndRetryErrorTests
{
    private static BpmnModelException Refused(string id, Action build)
    {
        var error = Assert.Throws<BpmnModelException>(build);
        Assert.Equal(id, error.ErrorId);
        Assert.StartsWith(id + ": ", error.Message, StringComparison.Ordinal);
        Assert.Contains("'t'", error.Message, StringComparison.Ordinal);
        return error;
    }

    [Fact]
    public void A_map_entry_without_key_or_a_key_twice_is_FLOW8022_also_nested()
    {
        var task = Bpmn.CreateProcess("p").StartEvent().ServiceTask("t");

        Assert.Contains("without a key", Refused("FLOW8022", () => task.CamundaInputParameter("m", map: [new KeyValuePair<string, BpmnParameterValue>("", "x")])).Message, StringComparison.Ordinal);
        var twice = Refused("FLOW8022", () => task.CamundaOutputParameter("m", list: [BpmnParameterValue.Map([new("k", "1"), new("k", "2")])]));
        Assert.Contains("'k' twice", twice.Message, StringComparison.Ordinal);
        Assert.Contains("'m'", twice.Message, StringComparison.Ordinal);
        Assert.Empty(task.Node.InputParameters.Concat(task.Node.OutputParameters));
    }

    [Fact]
    public void A_script_value_without_format_is_FLOW8023()
    {
        Refused("FLOW8023", () => Bpmn.CreateProcess("p").StartEvent().ServiceTask("t").CamundaInputParameter("s", BpmnParameterValue.Script(" ", "1 + 1")));
    }

    [Fact]
    public void An_empty_type_is_FLOW8024()
    {
        Refused("FLOW8024", () => Bpmn.CreateProcess("p").StartEvent().ServiceTask("t").CamundaInputParameter("x", "${1}", type: " "));
    }

    [Fact]
    public void An_empty_retry_cycle_is_FLOW8025()
    {
        Refused("FLOW8025", () => Bpmn.CreateProcess("p").StartEvent().ServiceTask("t").CamundaAsyncBefore().CamundaFailedJobRetryTimeCycle(""));
    }
}
