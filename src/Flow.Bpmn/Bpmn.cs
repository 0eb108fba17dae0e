using System.IO;
using Flow.Bpmn.Builder;
using Flow.Bpmn.Model;
using Flow.Bpmn.Xml;

namespace Flow.Bpmn;

/// <summary>
/// The entry point, as Camunda's <c>Bpmn</c> class: build a process fluently, or read and write
/// BPMN 2.0 XML.
/// <code>
/// var model = Bpmn.CreateProcess("order").Name("Order")
///     .StartEvent().UserTask("review").ExclusiveGateway("ok")
///     .Condition("yes", "approved").ServiceTask("ship").EndEvent()
///     .MoveToLastGateway().Condition("no", "!approved").Connect("review")
///     .Done();
/// string xml = Bpmn.WriteModel(model);
/// </code>
/// </summary>
public static class Bpmn
{
    /// <summary>A new model with one executable process; its id is <c>Process_1</c> when not given.</summary>
    public static ProcessBuilder CreateProcess(string? id = null) => CreateProcess(new BpmnDefinitions(), id);

    /// <summary>Camunda's name: the same as <see cref="CreateProcess(string?)"/> (processes are executable by default).</summary>
    public static ProcessBuilder CreateExecutableProcess(string? id = null) => CreateProcess(id).Executable();

    /// <summary>Another process in an existing model.</summary>
    public static ProcessBuilder CreateProcess(BpmnDefinitions model, string? id = null)
    {
        var placeholder = new BpmnProcess("_");
        var context = new BuilderContext(model, placeholder);
        var process = new BpmnProcess(context.TakeId(id, "Process"));
        model.Processes.Add(process);
        return new ProcessBuilder(new BuilderContext(model, process));
    }

    /// <summary>An empty model (definitions without processes).</summary>
    public static BpmnDefinitions CreateEmptyModel() => new();

    public static BpmnDefinitions ReadModel(string xml) => BpmnXmlReader.Read(xml);

    public static BpmnDefinitions ReadModel(Stream stream) => BpmnXmlReader.Read(stream);

    public static BpmnDefinitions ReadModelFromFile(string path)
    {
        using var stream = File.OpenRead(path);
        return BpmnXmlReader.Read(stream);
    }

    /// <summary>BPMN 2.0 XML with a diagram (UTF-8, deterministic).</summary>
    public static string WriteModel(BpmnDefinitions model) => BpmnXmlWriter.Write(model);

    public static void WriteModel(Stream stream, BpmnDefinitions model) => BpmnXmlWriter.Write(model, stream);

    public static void WriteModelToFile(string path, BpmnDefinitions model)
    {
        using var stream = File.Create(path);
        BpmnXmlWriter.Write(model, stream);
    }
}
