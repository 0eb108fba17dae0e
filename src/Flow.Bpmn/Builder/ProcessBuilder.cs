using Flow.Bpmn.Model;

namespace Flow.Bpmn.Builder;

/// <summary>The process: its settings and data, then its start event (Camunda's ProcessBuilder).</summary>
public sealed class ProcessBuilder
{
    private readonly BuilderContext _context;

    internal ProcessBuilder(BuilderContext context) => _context = context;

    public BpmnProcess Process => _context.Process;

    public ProcessBuilder Name(string name)
    {
        Process.Name = name;
        return this;
    }

    public ProcessBuilder Executable(bool executable = true)
    {
        Process.IsExecutable = executable;
        return this;
    }

    /// <summary>A process variable: <c>&lt;flow:variable name type/&gt;</c> (a C# identifier and type).</summary>
    public ProcessBuilder Variable(string name, string type)
    {
        Process.Variables.Add(new BpmnVariable(IntermediateCatchEventBuilder.Required(name, "variable name"), type));
        return this;
    }

    /// <summary><c>flow:dataType</c>: your own class as the process data.</summary>
    public ProcessBuilder DataType(string typeName) => ExtensionAttribute(BpmnXmlNames.Flow, "dataType", typeName);

    /// <summary>A payload value of the message (created with the name if new): <c>flow:output</c> in its extensionElements.</summary>
    public ProcessBuilder MessageOutput(string messageName, string name, string type)
    {
        _context.RootElement(BpmnRootElementKind.Message, messageName).Outputs.Add(new BpmnVariable(IntermediateCatchEventBuilder.Required(name, "output name"), type));
        return this;
    }

    public ProcessBuilder ExtensionAttribute(string namespaceUri, string localName, string value)
    {
        Process.SetExtensionAttribute(namespaceUri, localName, value);
        return this;
    }

    public ProcessBuilder CamundaAttribute(string localName, string value) => ExtensionAttribute(BpmnXmlNames.Camunda, localName, value);

    /// <summary>A start event of the process.</summary>
    public StartEventBuilder StartEvent(string? id = null)
    {
        var node = new BpmnFlowNode(_context.TakeId(id, "StartEvent"), BpmnNodeKind.StartEvent);
        Process.FlowNodes.Add(node);
        return new StartEventBuilder(_context, node);
    }

    /// <summary>An event sub-process of the process.</summary>
    public EmbeddedSubProcessBuilder EventSubProcess(string? id = null)
    {
        var node = new BpmnFlowNode(_context.TakeId(id, "Activity"), BpmnNodeKind.SubProcess) { TriggeredByEvent = true };
        Process.FlowNodes.Add(node);
        return new EmbeddedSubProcessBuilder(_context, node);
    }

    /// <summary>The model as it is.</summary>
    public BpmnDefinitions Done()
    {
        BpmnModelChecks.CheckReferences(_context.Definitions);
        return _context.Definitions;
    }
}
