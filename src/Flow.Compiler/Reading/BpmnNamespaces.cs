using System.Xml.Linq;

namespace Flow.Compiler.Reading;

/// <summary>The namespaces a BPMN 2.0 model element may be in.</summary>
internal static class BpmnNamespaces
{
    /// <summary>BPMN 2.0 final (OMG 2010-05-24), what every current modeller writes.</summary>
    public static readonly XNamespace Model = "http://www.omg.org/spec/BPMN/20100524/MODEL";

    /// <summary>The 2009 beta/draft namespace, still found in older Activiti and jBPM files.</summary>
    public static readonly XNamespace Draft = "http://schema.omg.org/spec/BPMN/2.0";

    /// <summary>An early draft namespace used by some pre-2010 tools.</summary>
    public static readonly XNamespace EarlyDraft = "http://www.omg.org/bpmn20";

    public static bool IsBpmn(XNamespace ns) => ns == Model || ns == Draft || ns == EarlyDraft;
}
